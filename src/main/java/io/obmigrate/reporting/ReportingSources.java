package io.obmigrate.reporting;

import java.util.Map;

import io.obmigrate.core.TableInspector;

/**
 * Which OB 2.0 side tables the reporting database has, read once per step from JDBC metadata: the fills use them when
 * present and fall back to the row's own values when not.
 *
 * @param sideTable whether {@code UK_ADDITIONAL_RAW_DATA} exists
 * @param sideColumns its columns (upper-cased), empty when it does not exist
 * @param addressTable whether {@code TransactionDeliveryAddress} exists
 * @param addressOrder its ordering column (its time), or null when it has none
 */
public record ReportingSources(boolean sideTable, Map<String, TableInspector.Column> sideColumns, boolean addressTable,
		String addressOrder) {

	static ReportingSources of(ReportingSchema schema) {
		Map<String, TableInspector.Column> side = schema.columns("UK_ADDITIONAL_RAW_DATA");
		Map<String, TableInspector.Column> addresses = schema.columns("TransactionDeliveryAddress");
		return new ReportingSources(!side.isEmpty(), side, !addresses.isEmpty(),
				addresses.containsKey("TIMESTAMP") ? "timestamp" : null);
	}

}

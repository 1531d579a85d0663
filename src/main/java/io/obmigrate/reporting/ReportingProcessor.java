package io.obmigrate.reporting;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.obmigrate.core.ChunkReport;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.RowReport;

/**
 * Maps each raw-data row with {@link ReportingRowMapping} and accounts for it. Rows the OB 3.0 table already holds are
 * filtered (a re-run or a replayed chunk). Deviations on these large tables are counted per rule, not stored per row;
 * a delivery address longer than its column quarantines the payment row (delivery-address-too-long: never cut).
 */
public class ReportingProcessor implements ItemProcessor<ReportingItem, Object[]> {

	private final ReportingRowMapping mapping;

	private final MigrationTally tally;

	private final ChunkReport report;

	private final int addressLimit;

	public ReportingProcessor(ReportingRowMapping mapping, MigrationTally tally, ChunkReport report, int addressLimit) {
		this.mapping = mapping;
		this.tally = tally;
		this.report = report;
		this.addressLimit = addressLimit;
	}

	/** The quarantine entry of a payment whose chosen delivery address is longer than the OB 3.0 column. */
	static RowReport addressTooLong(String table, String key, int length, int limit) {
		return RowReport.quarantined(table, key, ReportingRule.DELIVERY_ADDRESS_TOO_LONG, "The consent's delivery address has "
				+ length + " characters; the OB 3.0 column holds " + limit + " and a value is never cut. Shorten it in"
				+ " TransactionDeliveryAddress and restart.");
	}

	@Override
	public Object[] process(ReportingItem item) {
		this.tally.add(MigrationTally.READ, 1);
		if (item.alreadyWritten()) {
			this.tally.add(MigrationTally.FILTERED, 1);
			return null;
		}
		ReportingRowMapping.Source source = item.source();
		DeliveryAddressChoice.Choice address = source.deliveryAddress();
		String key = source.row().get("ID") + "@" + source.row().get("TIMESTAMP");
		if (address != null && address.address() != null
				&& address.address().codePointCount(0, address.address().length()) > this.addressLimit) {
			this.report.add(addressTooLong(this.mapping.shape().rule().table(), key,
					address.address().codePointCount(0, address.address().length()), this.addressLimit));
			return null;
		}
		ReportingRowMapping.Mapped mapped = this.mapping.map(source);
		if (mapped.sideRowMissing()) {
			this.tally.notice(ReportingRule.NO_SIDE_ROW_OWN_VALUES_KEPT);
		}
		if (mapped.withoutInvocation()) {
			this.tally.notice(ReportingRule.NO_INVOCATION_MESSAGE_ID_KEPT);
		}
		if (mapped.negativeLatency()) {
			this.tally.notice(ReportingRule.REQUEST_MEDIATION_LATENCY_NULL);
		}
		if (address != null && address.hadDuplicates()) {
			this.tally.notice(ReportingRule.DELIVERY_ADDRESS_CHOSEN);
		}
		return mapped.values();
	}

}

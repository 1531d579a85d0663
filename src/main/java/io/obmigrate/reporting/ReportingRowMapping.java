package io.obmigrate.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One OB 2.0 raw-data row to its OB 3.0 row (WSO2's reporting rules, with obmigrate's safer ones where WSO2 loses data), in the column order of the table's
 * {@link ReportingTargetShape}. Pure: the reader supplies the source row and, for the whole chunk, the side rows; the
 * writer inserts the values.
 *
 * @param messageIdAlways {@code MESSAGE_ID} = the old {@code ID} on every row (the default); otherwise only when
 * an invocation row with that ID exists, as WSO2 did
 */
public record ReportingRowMapping(ReportingTargetShape shape, boolean messageIdAlways, LatencyRules latencyRules,
		Map<String, String> copied) {

	/** @param copied {@link ReportingTargetShape#copiedFrom()}, worked out once */
	public ReportingRowMapping(ReportingTargetShape shape, boolean messageIdAlways, LatencyRules latencyRules) {
		this(shape, messageIdAlways, latencyRules, shape.copiedFrom());
	}

	/**
	 * What the reader found for one source row.
	 *
	 * @param row the source row, upper-cased column names
	 * @param side its {@code UK_ADDITIONAL_RAW_DATA} row (upper-cased names), or null
	 * @param hasInvocation whether {@code API_INVOCATION_RAW_DATA} has a row with the same {@code ID}
	 * @param deliveryAddress for payments, the chosen delivery address (or null)
	 */
	public record Source(Map<String, Object> row, Map<String, Object> side, boolean hasInvocation,
			DeliveryAddressChoice.Choice deliveryAddress) {
	}

	/** The OB 3.0 values, and what the report counts about the row. */
	public record Mapped(Object[] values, boolean sideRowMissing, boolean withoutInvocation, boolean negativeLatency) {
	}

	public Mapped map(Source source) {
		ReportingTableRule rule = this.shape.rule();
		Map<String, Object> row = source.row();
		Object oldId = row.get("ID");
		Object timestamp = row.get("TIMESTAMP");
		Map<String, String> copied = this.copied;
		LatencyRules.Latency latency = rule == ReportingTableRule.API_LATENCY ? latency(row) : null;
		List<Object> values = new ArrayList<>();
		for (ReportingColumn column : this.shape.columns()) {
			String name = column.upperName();
			Object value;
			if (name.equals("ID")) {
				value = rule.newIds() ? ReportingIds.of(rule.table(), String.valueOf(oldId), toLong(timestamp)) : oldId;
			}
			else if (latency != null) {
				value = switch (name) {
					case "MESSAGE_ID" -> oldId;
					case "REQUEST_TIMESTAMP" -> latency.requestTimestamp();
					case "BACKEND_LATENCY" -> latency.backendLatency();
					case "REQUEST_MEDIATION_LATENCY" -> latency.requestMediationLatency();
					case "RESPONSE_LATENCY" -> latency.responseLatency();
					default -> latency.responseMediationLatency();
				};
			}
			else if (name.equals("MESSAGE_ID")) {
				value = this.messageIdAlways || source.hasInvocation() || rule == ReportingTableRule.API_INVOCATION
						? oldId : null;
			}
			else if (name.equals("DELIVERY_ADDRESS")) {
				value = source.deliveryAddress() == null ? null : source.deliveryAddress().address();
			}
			else if (rule.fillsFromSide(name)) {
				Object side = source.side() == null ? null : source.side().get(name);
				value = side != null ? side : copied.containsKey(name) ? row.get(copied.get(name)) : null;
			}
			else {
				value = copied.containsKey(name) ? row.get(copied.get(name)) : null;
			}
			values.add(value);
		}
		return new Mapped(values.toArray(), !rule.sideFilled().isEmpty() && source.side() == null,
				!source.hasInvocation() && linksToInvocation(rule), latency != null && latency.negativeGuarded());
	}

	/** The tables whose {@code MESSAGE_ID} points at an invocation row. */
	static boolean linksToInvocation(ReportingTableRule rule) {
		return rule == ReportingTableRule.ACCOUNTS || rule == ReportingTableRule.FUNDS_CONFIRMATION
				|| rule == ReportingTableRule.PAYMENTS;
	}

	private LatencyRules.Latency latency(Map<String, Object> row) {
		return this.latencyRules.of(toLong(row.get("TIMESTAMP")), toLong(row.get("REQUEST_EXQ_START_TIME")),
				toLong(row.get("BACKEND_REQ_START_TIME")), toLong(row.get("BACKEND_REQ_END_TIME")),
				toLong(row.get("BACKEND_LATENCY")));
	}

	static Long toLong(Object value) {
		return value == null ? null : value instanceof Number number ? number.longValue() : Long.valueOf(value.toString());
	}

}

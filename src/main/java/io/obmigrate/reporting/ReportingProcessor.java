package io.obmigrate.reporting;

import java.util.List;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.obmigrate.core.ChunkReport;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.RowReport;

/**
 * Maps each raw-data row with {@link ReportingRowMapping} and accounts for it. Rows the OB 3.0 table already holds are
 * filtered (a re-run or a replayed chunk). Deviations on these large tables are counted per rule, not stored per row,
 * a value longer than OB 3.0's 254 characters in a widened column among them (column-widened). A value longer than its
 * column quarantines the row (value-longer-than-column): a value is never cut.
 */
public class ReportingProcessor implements ItemProcessor<ReportingItem, Object[]> {

	private final ReportingRowMapping mapping;

	private final MigrationTally tally;

	private final ChunkReport report;

	private final List<WidthLimit> limits;

	/**
	 * A string column of the OB 3.0 table that may receive a value longer than OB 3.0's 254 characters (its source is
	 * declared wider): its position in the row, its name and the width the table has.
	 */
	public record WidthLimit(int index, String column, int width) {
	}

	public ReportingProcessor(ReportingRowMapping mapping, MigrationTally tally, ChunkReport report,
			List<WidthLimit> limits) {
		this.mapping = mapping;
		this.tally = tally;
		this.report = report;
		this.limits = List.copyOf(limits);
	}

	/** The quarantine entry of a row with a value longer than its OB 3.0 column. */
	static RowReport tooLong(String table, String key, String column, int length, int width) {
		return RowReport.quarantined(table, key, ReportingRule.VALUE_LONGER_THAN_COLUMN, "The row's " + column + " has " + length
				+ " characters; the OB 3.0 column holds " + width + " and a value is never cut. Leave"
				+ " obmigrate.reporting-job.widen-columns true (the column is sized again at `obmigrate restart reporting`),"
				+ " or shorten the value in the source" + (column.equals("DELIVERY_ADDRESS")
						? " (TransactionDeliveryAddress of the consent)" : "")
				+ ", then restart.");
	}

	@Override
	public Object[] process(ReportingItem item) {
		this.tally.add(MigrationTally.READ, 1);
		if (item.alreadyWritten()) {
			this.tally.add(MigrationTally.PRESENT, 1);
			return null;
		}
		ReportingRowMapping.Source source = item.source();
		DeliveryAddressChoice.Choice address = source.deliveryAddress();
		ReportingRowMapping.Mapped mapped = this.mapping.map(source);
		boolean widened = false;
		for (WidthLimit limit : this.limits) {
			// length() counts UTF-16 units, never fewer than the characters: most values stop here
			if (mapped.values()[limit.index()] instanceof String value && value.length() > ReportingColumn.OB3_WIDTH) {
				int length = value.codePointCount(0, value.length());
				if (length > limit.width()) {
					this.report.add(tooLong(this.mapping.shape().rule().table(),
							source.row().get("ID") + "@" + source.row().get("TIMESTAMP"), limit.column(), length,
							limit.width()));
					return null;
				}
				widened |= length > ReportingColumn.OB3_WIDTH;
			}
		}
		if (widened) {
			this.tally.notice(ReportingRule.COLUMN_WIDENED);
		}
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

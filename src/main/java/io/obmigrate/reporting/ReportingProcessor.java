package io.obmigrate.reporting;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.obmigrate.core.ChunkReport;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.RowReport;

/**
 * Maps each raw-data row with {@link ReportingRowMapping} and accounts for it. Rows the OB 3.0 table already holds are
 * filtered (a re-run or a replayed chunk). Deviations on these large tables are counted per rule, not stored per row;
 * a delivery address longer than its column quarantines the payment row (F.5 #4: never cut).
 */
public class ReportingProcessor implements ItemProcessor<ReportingItem, Object[]> {

	static final String SIDE_ROW_MISSING = "F.5#3 no-side-row-own-values-kept";

	static final String WITHOUT_INVOCATION = "F.5#2 no-invocation-message-id-kept";

	static final String NEGATIVE_LATENCY = "F.5#5 request-mediation-latency-null";

	static final String ADDRESS_CHOSEN = "F.5#4 delivery-address-chosen";

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
		return RowReport.quarantined(table, key, "F.5#4 delivery-address-too-long", "The consent's delivery address has "
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
			this.tally.notice(SIDE_ROW_MISSING);
		}
		if (mapped.withoutInvocation()) {
			this.tally.notice(WITHOUT_INVOCATION);
		}
		if (mapped.negativeLatency()) {
			this.tally.notice(NEGATIVE_LATENCY);
		}
		if (address != null && address.hadDuplicates()) {
			this.tally.notice(ADDRESS_CHOSEN);
		}
		return mapped.values();
	}

}

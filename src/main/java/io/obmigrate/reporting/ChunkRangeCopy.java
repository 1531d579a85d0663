package io.obmigrate.reporting;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.ChunkReport;
import io.obmigrate.core.CoreRule;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.RowFaults;
import io.obmigrate.core.RowReport;
import io.obmigrate.core.SqlText;

/**
 * The chunk mode: the range's rows are read into the JVM ({@link ReportingRowLoader}), mapped one by one by
 * {@link ReportingProcessor} (the pure {@link ReportingRowMapping}) and written with one JDBC batch insert. Works
 * between any two databases; the in-database mode leaves to it the ranges it cannot copy exactly.
 */
public class ChunkRangeCopy {

	private final ReportingRowLoader loader;

	private final ReportingProcessor processor;

	private final JdbcTemplate targetJdbc;

	private final String insert;

	private final String target;

	private final MigrationTally tally;

	private final boolean dryRun;

	private final ChunkReport report;

	private final String sourceTable;

	public ChunkRangeCopy(ReportingRowLoader loader, ReportingProcessor processor, JdbcTemplate targetJdbc,
			ReportingTargetShape shape, String target, MigrationTally tally, ChunkReport report, boolean dryRun) {
		this.loader = loader;
		this.report = report;
		this.sourceTable = shape.rule().table();
		this.processor = processor;
		this.targetJdbc = targetJdbc;
		this.target = target;
		List<String> names = shape.columns().stream().map(ReportingColumn::upperName).toList();
		this.insert = "INSERT INTO " + target + " (" + String.join(", ", names) + ") VALUES ("
				+ SqlText.placeholders(names.size()) + ")";
		this.tally = tally;
		this.dryRun = dryRun;
	}

	/** One mapped row and its source key ({@code ID@TIMESTAMP}), as the quarantine list names it. */
	private record Row(String key, Object[] values) {
	}

	/**
	 * Copies the range; returns the rows it read. A row the target database refuses (a constraint, a size, an
	 * encoding) is found by writing the range again row by row, and quarantined with the database's message.
	 */
	public int copy(KeyRange range) {
		List<ReportingItem> items = this.loader.load(range);
		List<Row> rows = new ArrayList<>(items.size());
		for (ReportingItem item : items) {
			Object[] values = this.processor.process(item);
			if (values != null) {
				rows.add(new Row(item.source().row().get("ID") + "@" + item.source().row().get("TIMESTAMP"), values));
			}
		}
		int written = rows.size();
		if (!this.dryRun && !rows.isEmpty()) {
			List<RowFaults.Refused<Row>> refused = RowFaults.write(this.targetJdbc.getDataSource(), rows,
					batch -> this.targetJdbc.batchUpdate(this.insert, batch.stream().map(Row::values).toList()));
			for (RowFaults.Refused<Row> row : refused) {
				this.report.add(RowReport.quarantined(this.sourceTable, row.item().key(), CoreRule.TARGET_REFUSED,
						"The target database refused this row: " + row.message()
								+ ". Correct the source row, or the target column the message names, then restart."));
			}
			written -= refused.size();
		}
		this.tally.add(MigrationTally.WRITTEN, written);
		this.tally.targetRows(this.target, written);
		return items.size();
	}

}

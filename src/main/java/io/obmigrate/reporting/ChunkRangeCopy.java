package io.obmigrate.reporting;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.MigrationTally;
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

	public ChunkRangeCopy(ReportingRowLoader loader, ReportingProcessor processor, JdbcTemplate targetJdbc,
			ReportingTargetShape shape, String target, MigrationTally tally, boolean dryRun) {
		this.loader = loader;
		this.processor = processor;
		this.targetJdbc = targetJdbc;
		this.target = target;
		List<String> names = shape.columns().stream().map(ReportingColumn::upperName).toList();
		this.insert = "INSERT INTO " + target + " (" + String.join(", ", names) + ") VALUES ("
				+ SqlText.placeholders(names.size()) + ")";
		this.tally = tally;
		this.dryRun = dryRun;
	}

	/** Copies the range; returns the rows it read. */
	public int copy(KeyRange range) {
		List<ReportingItem> items = this.loader.load(range);
		List<Object[]> rows = new ArrayList<>(items.size());
		for (ReportingItem item : items) {
			Object[] values = this.processor.process(item);
			if (values != null) {
				rows.add(values);
			}
		}
		if (!this.dryRun && !rows.isEmpty()) {
			this.targetJdbc.batchUpdate(this.insert, rows);
		}
		this.tally.add(MigrationTally.WRITTEN, rows.size());
		this.tally.targetRows(this.target, rows.size());
		return items.size();
	}

}

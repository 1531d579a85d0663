package io.obmigrate.reporting;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.SqlText;

/** One JDBC batch insert per chunk into the OB 3.0 table, inside the chunk's transaction. */
public class ReportingWriter implements ItemWriter<Object[]> {

	private final JdbcTemplate jdbc;

	private final String insert;

	private final String target;

	private final MigrationTally tally;

	private final boolean dryRun;

	public ReportingWriter(DataSource dataSource, ReportingTargetShape shape, MigrationTally tally, boolean dryRun) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.target = shape.rule().table() + ReportingSchema.SUFFIX;
		List<String> names = shape.columns().stream().map(ReportingColumn::upperName).toList();
		this.insert = "INSERT INTO " + this.target + " (" + String.join(", ", names) + ") VALUES ("
				+ SqlText.placeholders(names.size()) + ")";
		this.tally = tally;
		this.dryRun = dryRun;
	}

	@Override
	public void write(Chunk<? extends Object[]> chunk) {
		List<Object[]> rows = new ArrayList<>(chunk.getItems());
		if (!this.dryRun && !rows.isEmpty()) {
			this.jdbc.batchUpdate(this.insert, rows);
		}
		this.tally.add(MigrationTally.WRITTEN, rows.size());
		this.tally.targetRows(this.target, rows.size());
	}

}

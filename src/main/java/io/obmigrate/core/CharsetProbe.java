package io.obmigrate.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.ObmigrateDataSources.Name;

/**
 * WSO2's MySQL setup may create databases in {@code latin1}: target columns in a non-Unicode character set lose every
 * character outside it ({@code latin1-target}). Finds such columns among a job's target tables and counts the source
 * rows that hold such characters: a blocker when there are any. MySQL/MariaDB only.
 */
public final class CharsetProbe {

	private final ObmigrateDataSources dataSources;

	public CharsetProbe(ObmigrateDataSources dataSources) {
		this.dataSources = dataSources;
	}

	/**
	 * @param targetTables the job's target tables in {@code target}
	 * @param sourceColumns table to column: the source text that ends up in those tables (read from the OB database)
	 */
	public void check(Name target, List<String> targetTables, Map<String, String> sourceColumns, CheckRun run) {
		if (this.dataSources.dialect(target) != Dialect.MYSQL || this.dataSources.dialect(Name.OB) != Dialect.MYSQL) {
			return;
		}
		JdbcTemplate targetJdbc = new JdbcTemplate(this.dataSources.get(target));
		List<String> narrow = new ArrayList<>();
		List<String> tables = new ArrayList<>();
		targetJdbc.query("SELECT TABLE_NAME, COLUMN_NAME, CHARACTER_SET_NAME FROM information_schema.COLUMNS WHERE"
				+ " TABLE_SCHEMA = DATABASE() AND CHARACTER_SET_NAME IS NOT NULL AND CHARACTER_SET_NAME NOT LIKE 'utf8%'"
				+ " AND UPPER(TABLE_NAME) IN (" + String.join(", ", targetTables.stream().map(t -> "'" + t + "'").toList())
				+ ") ORDER BY TABLE_NAME, COLUMN_NAME", rs -> {
					narrow.add(rs.getString(1) + "." + rs.getString(2) + " (" + rs.getString(3) + ")");
					if (!tables.contains(rs.getString(1))) {
						tables.add(rs.getString(1));
					}
				});
		if (narrow.isEmpty()) {
			return;
		}
		JdbcTemplate source = new JdbcTemplate(this.dataSources.get(Name.OB));
		Map<String, Long> affected = new LinkedHashMap<>();
		sourceColumns.forEach((table, column) -> {
			try {
				Long n = source.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE CONVERT(CONVERT(" + column
						+ " USING latin1) USING utf8mb4) <> " + column, Long.class);
				if (n != null && n > 0) {
					affected.put(table + "." + column, n);
				}
			}
			catch (DataAccessException ex) {
				// table absent: the source-shape gate reports it
			}
		});
		String area = target.area();
		// Converting one table of a foreign-key pair at a time trips the key checks; they are off for the conversion only.
		List<String> statements = new ArrayList<>();
		statements.add("SET FOREIGN_KEY_CHECKS = 0");
		tables.forEach(t -> statements.add("ALTER TABLE " + Dialect.MYSQL.quotedName(t) + " CONVERT TO CHARACTER SET utf8mb4"));
		statements.add("SET FOREIGN_KEY_CHECKS = 1");
		String found = "Target columns in a non-Unicode character set: " + Finding.listed(narrow) + ".";
		if (affected.isEmpty()) {
			run.add(Finding.warn(area, CoreRule.LATIN1_TARGET, found + " No source row holds a character outside"
					+ " Latin-1 today.", "Data written later by OB 3.0 may not fit.",
					"Convert the tables to utf8mb4 when convenient (statements via --emit-sql).")
				.withStatements(statements));
		}
		else {
			run.add(Finding.blocker(area, CoreRule.LATIN1_TARGET, found + " Source rows with characters Latin-1 cannot"
					+ " hold: " + affected + ".", "Those characters would be stored as '?'.",
					"Convert the tables to utf8mb4 before the migration (statements via `check --emit-sql FILE`;"
							+ " a DBA runs them, obmigrate does not).")
				.withStatements(statements));
		}
	}

}

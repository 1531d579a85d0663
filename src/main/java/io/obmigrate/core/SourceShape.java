package io.obmigrate.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The source tables a job reads, with each column it addresses by name and the type family it reads it as. Declared
 * once per capability; the same declaration is the job's gate and {@code check}'s report, so the two cannot disagree.
 */
public final class SourceShape {

	/** How a column is read: the JDBC types that suit it. */
	public enum Family {

		TEXT, NUMBER, TIME, BINARY_OR_TEXT;

		boolean accepts(TableInspector.Column column) {
			return switch (column.jdbcType()) {
				case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
						Types.CLOB, Types.NCLOB ->
					this == TEXT || this == BINARY_OR_TEXT;
				case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC ->
					this == NUMBER;
				case Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> this == TIME;
				case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> this == BINARY_OR_TEXT;
				default -> column.isJson() && this == TEXT;
			};
		}

		String described() {
			return name().toLowerCase(Locale.ROOT).replace('_', ' ');
		}

	}

	private final Map<String, Map<String, Family>> tables;

	private SourceShape(Map<String, Map<String, Family>> tables) {
		this.tables = tables;
	}

	public static Builder builder() {
		return new Builder();
	}

	public Set<String> tables() {
		return this.tables.keySet();
	}

	/** An existing table's problems: columns missing or of another family; empty when it can be read. */
	private List<String> problems(Map<String, TableInspector.Column> live, String table) {
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, Family> column : new java.util.TreeMap<>(this.tables.get(table)).entrySet()) {
			TableInspector.Column found = live.get(column.getKey());
			if (found == null) {
				problems.add(column.getKey() + " missing");
			}
			else if (!column.getValue().accepts(found)) {
				problems.add(column.getKey() + " is " + found.typeName() + ", expected a "
						+ column.getValue().described() + " type");
			}
		}
		return problems;
	}

	/**
	 * The gate: one blocker per table that is missing or of another shape. Returns the tables that can be read.
	 *
	 * @param area the area the findings are reported under ({@code ob}, {@code reporting})
	 * @param ddlFile the file that shows the expected shape, named in the fix
	 */
	public Set<String> check(ObmigrateDataSources dataSources, ObmigrateDataSources.Name source, String area,
			String ddlFile, CheckRun run) {
		Set<String> readable = new TreeSet<>();
		Dialect dialect = dataSources.dialect(source);
		try (Connection connection = dataSources.connect(source)) {
			for (String table : this.tables.keySet()) {
				Map<String, TableInspector.Column> live = TableInspector.columns(connection, dialect, table);
				if (live.isEmpty()) {
					run.add(Finding.blocker(area, CoreRule.SOURCE_TABLE_MISSING, "Table " + table + " is missing in "
							+ dataSources.settings(source) + ".", "The job reads it.",
							"Point " + source.property() + ".url (" + source.envPrefix() + "_URL) at the OB 2.0"
									+ " database; " + ddlFile + " shows the expected shape."));
					continue;
				}
				List<String> problems = problems(live, table);
				if (!problems.isEmpty()) {
					run.add(Finding.blocker(area, CoreRule.SOURCE_COLUMN_SHAPE, "Table " + table + ": "
							+ String.join("; ", problems) + ".",
							"obmigrate addresses columns by name and reads them by type family.",
							"Compare the table with " + ddlFile + "; a customised table needs a view with the expected"
									+ " names and types."));
					continue;
				}
				readable.add(table);
			}
		}
		catch (SQLException ex) {
			throw dataSources.connectionProblem(source, ex);
		}
		return readable;
	}

	/** The survey: row counts of the readable tables. */
	public void count(ObmigrateDataSources dataSources, ObmigrateDataSources.Name source, String area,
			Set<String> readable, CheckRun run) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSources.get(source));
		StringBuilder text = new StringBuilder("Source row counts:");
		for (String table : this.tables.keySet()) {
			if (readable.contains(table)) {
				text.append(String.format("%n%-32s %,14d", table,
						jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)));
			}
		}
		if (!readable.isEmpty()) {
			run.add(Finding.info(area, CoreRule.SOURCE_ROW_COUNTS, text.toString()));
		}
	}

	public static final class Builder {

		private final Map<String, Map<String, Family>> tables = new LinkedHashMap<>();

		private String current;

		/** Starts a table; the columns that follow belong to it. */
		public Builder table(String name) {
			this.current = name;
			this.tables.put(name, new LinkedHashMap<>());
			return this;
		}

		/** Another table with the same columns as the one before. */
		public Builder sameAs(String name) {
			Map<String, Family> previous = this.tables.get(this.current);
			this.current = name;
			this.tables.put(name, new LinkedHashMap<>(previous));
			return this;
		}

		public Builder text(String... columns) {
			return add(Family.TEXT, columns);
		}

		public Builder number(String... columns) {
			return add(Family.NUMBER, columns);
		}

		public Builder time(String... columns) {
			return add(Family.TIME, columns);
		}

		public Builder binaryOrText(String... columns) {
			return add(Family.BINARY_OR_TEXT, columns);
		}

		private Builder add(Family family, String... columns) {
			for (String column : columns) {
				this.tables.get(this.current).put(column, family);
			}
			return this;
		}

		public SourceShape build() {
			Map<String, Map<String, Family>> copy = new LinkedHashMap<>();
			this.tables.forEach((table, columns) -> copy.put(table, java.util.Collections.unmodifiableMap(columns)));
			return new SourceShape(java.util.Collections.unmodifiableMap(copy));
		}

	}

}

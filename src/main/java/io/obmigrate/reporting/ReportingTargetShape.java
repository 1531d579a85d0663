package io.obmigrate.reporting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.TableInspector;

/**
 * The OB 3.0 shape of one reporting table given the live OB 2.0 columns (read from JDBC metadata): the rule's columns,
 * then every source column the rule neither knows nor drops, unchanged. Pure; the summary lists the
 * pass-through and dropped columns so nothing is dropped silently.
 *
 * @param sourceColumns the live source columns, upper-cased name to the source's type as DDL text
 */
public record ReportingTargetShape(ReportingTableRule rule, List<ReportingColumn> columns, List<String> passThrough,
		List<String> dropped) {

	public static ReportingTargetShape plan(ReportingTableRule rule, Map<String, String> sourceColumns) {
		List<ReportingColumn> columns = new ArrayList<>(rule.columns());
		List<String> passThrough = new ArrayList<>();
		List<String> dropped = new ArrayList<>();
		java.util.Set<String> targetNames = new java.util.HashSet<>();
		rule.columns().forEach(c -> targetNames.add(c.upperName()));
		for (Map.Entry<String, String> source : sourceColumns.entrySet()) {
			String name = source.getKey().toUpperCase(Locale.ROOT);
			if (rule.dropped().contains(name)) {
				dropped.add(name);
			}
			else if (!rule.known().contains(name) && !rule.renamed().containsKey(name) && !targetNames.contains(name)) {
				columns.add(ReportingColumn.passThrough(name, source.getValue()));
				passThrough.add(name);
			}
		}
		return new ReportingTargetShape(rule, List.copyOf(columns), List.copyOf(passThrough), List.copyOf(dropped));
	}

	/** A live column's type as DDL text, for a pass-through column (character types keep their length). */
	public static String sourceType(TableInspector.Column column) {
		return switch (column.jdbcType()) {
			case java.sql.Types.CHAR, java.sql.Types.VARCHAR, java.sql.Types.NCHAR, java.sql.Types.NVARCHAR,
					java.sql.Types.BINARY, java.sql.Types.VARBINARY ->
				column.typeName() + "(" + column.size() + ")";
			default -> column.typeName();
		};
	}

	/** The live columns of a source table, as {@link #plan} takes them. */
	public static Map<String, String> sourceColumns(Map<String, TableInspector.Column> live) {
		Map<String, String> columns = new LinkedHashMap<>();
		live.forEach((name, column) -> columns.put(name, sourceType(column)));
		return columns;
	}

	/** The CREATE TABLE of the OB 3.0 table under {@code name} (e.g. {@code ACCOUNTS_RAW_DATA__OB3}), and its indexes. */
	public List<String> ddl(Dialect dialect, String name) {
		return ddl(dialect, name, false);
	}

	/**
	 * The same; with {@code deferKey} the table is created without its primary key, which is added when the copy ends
	 * ({@link #primaryKey}), and with the {@link #presenceIndex} instead. New IDs are hashes: inserted in the source's
	 * order they land all over a primary key's B-tree, while the presence index grows in that order.
	 */
	public List<String> ddl(Dialect dialect, String name, boolean deferKey) {
		List<String> statements = new ArrayList<>();
		StringBuilder create = new StringBuilder("CREATE TABLE ").append(name).append(" (");
		for (ReportingColumn column : this.columns) {
			create.append(column.upperName()).append(' ').append(column.type(dialect));
			if (column.notNull()) {
				create.append(" NOT NULL");
			}
			create.append(", ");
		}
		if (deferKey) {
			create.setLength(create.length() - 2);
			create.append(")");
		}
		else {
			create.append("PRIMARY KEY (").append(String.join(", ", this.rule.key())).append("))");
		}
		statements.add(create.toString());
		if (deferKey) {
			statements.add("CREATE INDEX " + presenceIndex(this.rule) + " ON " + name + " (MESSAGE_ID, ID)");
		}
		int n = 0;
		for (List<String> index : this.rule.indexes()) {
			statements.add("CREATE INDEX " + name + "_I" + (n++) + " ON " + name + " (" + String.join(", ", index) + ")");
		}
		return statements;
	}

	/**
	 * The index the job finds its rows by while the primary key is deferred: (MESSAGE_ID, ID), where MESSAGE_ID is the
	 * old ID, so it grows in the source's key order. Kept after the copy: re-runs look their rows up by it.
	 */
	public static String presenceIndex(ReportingTableRule rule) {
		return rule.table() + "_MSG_ID";
	}

	/** The statement that adds the primary key a deferred table was created without. */
	public String primaryKey(String name) {
		return "ALTER TABLE " + name + " ADD PRIMARY KEY (" + String.join(", ", this.rule.key()) + ")";
	}

	/** Source column to read for each target column that is copied (renames resolved); computed ones are absent. */
	public Map<String, String> copiedFrom() {
		Map<String, String> copied = new LinkedHashMap<>();
		Map<String, String> renamedTo = new LinkedHashMap<>();
		this.rule.renamed().forEach((from, to) -> renamedTo.put(to, from));
		for (ReportingColumn column : this.columns) {
			String name = column.upperName();
			if (renamedTo.containsKey(name)) {
				copied.put(name, renamedTo.get(name));
			}
			else if (this.rule.known().contains(name) || column.kind() == ReportingColumn.Kind.SOURCE) {
				copied.put(name, name);
			}
		}
		return copied;
	}

}

package io.obmigrate.reporting;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.TableInspector;

/**
 * The OB 3.0 shape of one reporting table given the live OB 2.0 columns: the rule's columns (string ones widened where the
 * source holds longer values), then every source column the rule does not name, with its declared type. Pure; the
 * summary lists the pass-through, widened and dropped columns so nothing changes silently.
 *
 * @param sourceNames the live source columns (upper-cased); a rule column the source has keeps the source's value unless
 * the rule computes it
 */
public record ReportingTargetShape(ReportingTableRule rule, List<ReportingColumn> columns, List<String> passThrough,
		List<String> dropped, Set<String> sourceNames) {

	public static ReportingTargetShape plan(ReportingTableRule rule, Map<String, String> sourceColumns) {
		return plan(rule, sourceColumns, Map.of());
	}

	/**
	 * @param sourceColumns the live source columns in table order, upper-cased name to declared type (DDL text)
	 * @param widths the longest value (in characters) each string column will receive, where longer than OB 3.0's 254
	 */
	public static ReportingTargetShape plan(ReportingTableRule rule, Map<String, String> sourceColumns,
			Map<String, Integer> widths) {
		List<ReportingColumn> columns = new ArrayList<>();
		for (ReportingColumn column : rule.columns()) {
			Integer longest = widths.get(column.upperName());
			columns.add(longest != null && column.kind() == ReportingColumn.Kind.STRING ? column.widened(longest)
					: column);
		}
		List<String> passThrough = new ArrayList<>();
		List<String> dropped = new ArrayList<>();
		Set<String> targetNames = new HashSet<>();
		Set<String> sourceNames = new LinkedHashSet<>();
		rule.columns().forEach(c -> targetNames.add(c.upperName()));
		for (Map.Entry<String, String> source : sourceColumns.entrySet()) {
			String name = source.getKey().toUpperCase(Locale.ROOT);
			sourceNames.add(name);
			if (rule.dropped().contains(name)) {
				dropped.add(name);
			}
			else if (!rule.known().contains(name) && !rule.renamed().containsKey(name) && !targetNames.contains(name)) {
				columns.add(ReportingColumn.passThrough(name, source.getValue()));
				passThrough.add(name);
			}
		}
		return new ReportingTargetShape(rule, List.copyOf(columns), List.copyOf(passThrough), List.copyOf(dropped),
				Set.copyOf(sourceNames));
	}

	/** The live columns of a source table, as {@link #plan} takes them. */
	public static Map<String, String> sourceColumns(Map<String, TableInspector.Column> live) {
		Map<String, String> columns = new LinkedHashMap<>();
		live.forEach((name, column) -> columns.put(name, TableInspector.jdbcType(column)));
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

	/**
	 * Source column to read for each target column whose value is the source's (renames resolved): every column the
	 * source has that the rule does not compute. For a side-filled column it is the fall-back value.
	 */
	public Map<String, String> copiedFrom() {
		Map<String, String> copied = new LinkedHashMap<>();
		Map<String, String> renamedTo = new LinkedHashMap<>();
		this.rule.renamed().forEach((from, to) -> renamedTo.put(to, from));
		for (ReportingColumn column : this.columns) {
			String name = column.upperName();
			if (renamedTo.containsKey(name)) {
				copied.put(name, renamedTo.get(name));
			}
			else if (!this.rule.computed().contains(name) && this.sourceNames.contains(name)) {
				copied.put(name, name);
			}
		}
		return copied;
	}

}

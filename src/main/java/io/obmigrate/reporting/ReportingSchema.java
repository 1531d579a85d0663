package io.obmigrate.reporting;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.PreflightBlocker;
import io.obmigrate.core.TableInspector;

/**
 * The reporting tables as the databases have them: OB 2.0 tables found by their unquoted names whatever case the
 * database stored (Siddhi created {@code TransactionDeliveryAddress} unquoted), and the OB 3.0 tables the job builds:
 * beside them under {@code <TABLE>__OB3}, or under their final names in the database configured as
 * {@code obmigrate.reporting-target}.
 */
public class ReportingSchema {

	public static final String SUFFIX = "__OB3";

	private final ObmigrateDataSources dataSources;

	private final boolean messageIdAlways;

	private final boolean widenColumns;

	private long deferKeyAbove = 100_000;

	/** {@code obmigrate.reporting-job.defer-key-above}: see {@link #defersKey}. */
	public void setDeferKeyAbove(long rows) {
		this.deferKeyAbove = rows;
	}

	/**
	 * @param messageIdAlways {@code obmigrate.reporting-job.message-id-always}: every OB 3.0 row's MESSAGE_ID is its old
	 * ID, so the job can find its rows by it while the primary key is deferred
	 * @param widenColumns {@code obmigrate.reporting-job.widen-columns}: a string column is made as wide as the longest
	 * value it will receive, where that is longer than OB 3.0's 254
	 */
	public ReportingSchema(ObmigrateDataSources dataSources, boolean messageIdAlways, boolean widenColumns) {
		this.dataSources = dataSources;
		this.messageIdAlways = messageIdAlways;
		this.widenColumns = widenColumns;
	}

	private volatile Boolean sideIdsUnique;

	/**
	 * Whether no ID has two {@code UK_ADDITIONAL_RAW_DATA} rows (the table has no key), read once per process with one
	 * scan of its ID index: then the in-database mode need not check each range for such IDs. The OB 2.0 tables do not
	 * change during a migration (BI is stopped).
	 */
	public boolean sideIdsUnique() {
		Boolean unique = this.sideIdsUnique;
		if (unique == null) {
			if (columns(SIDE_TABLE).isEmpty()) {
				unique = true;
			}
			else {
				Long duplicated = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.REPORTING))
					.queryForObject("SELECT COUNT(*) FROM (SELECT ID FROM " + SIDE_TABLE
							+ " GROUP BY ID HAVING COUNT(*) > 1) x", Long.class);
				unique = duplicated == null || duplicated == 0;
			}
			this.sideIdsUnique = unique;
		}
		return unique;
	}

	public boolean widensColumns() {
		return this.widenColumns;
	}

	/**
	 * Whether a new OB 3.0 table is created without its primary key until the copy ends: tables with new, hashed IDs
	 * whose MESSAGE_ID is always the old ID, whose source holds more than {@code obmigrate.reporting-job.defer-key-above}
	 * rows. See {@link ReportingTargetShape#ddl(Dialect, String, boolean)}: hashed keys land all over a B-tree, which
	 * costs more than the final rebuild only once the table outgrows the database's memory.
	 */
	public boolean defersKey(ReportingTableRule rule) {
		return rule.newIds() && (this.messageIdAlways || rule == ReportingTableRule.API_INVOCATION
				|| rule == ReportingTableRule.API_LATENCY) && holdsMoreThan(sourceOf(rule), this.deferKeyAbove);
	}

	/** Whether a source table holds more than {@code rows} rows, reading at most one more than that. */
	private boolean holdsMoreThan(String table, long rows) {
		if (rows >= Integer.MAX_VALUE) {
			return false;
		}
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.REPORTING));
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM (" + dialect().limit("SELECT 1 AS X FROM " + table + " ORDER BY ID, TIMESTAMP",
				(int) rows + 1) + ") x", Long.class);
		return count != null && count > rows;
	}

	/** Whether the job finds a table's rows by its presence index (MESSAGE_ID, ID), else by ID (the primary key). */
	public boolean findsRowsByMessageId(ReportingTableRule rule) {
		return targetMetadata(connection -> TableInspector.indexes(connection, targetDialect(), targetName(rule))
			.contains(ReportingTargetShape.presenceIndex(rule).toUpperCase(Locale.ROOT)));
	}

	/** Whether the OB 3.0 table has its primary key (a deferred one is added when its copy ends). */
	public boolean hasPrimaryKey(ReportingTableRule rule) {
		return targetMetadata(connection -> TableInspector.hasPrimaryKey(connection, targetDialect(), targetName(rule)));
	}

	private interface Metadata<T> {

		T read(Connection connection) throws SQLException;

	}

	private <T> T targetMetadata(Metadata<T> read) {
		try (Connection connection = this.dataSources.connect(ObmigrateDataSources.Name.REPORTING_TARGET)) {
			return read.read(connection);
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(ObmigrateDataSources.Name.REPORTING_TARGET, ex);
		}
	}

	public Dialect dialect() {
		return this.dataSources.dialect(ObmigrateDataSources.Name.REPORTING);
	}

	public Dialect targetDialect() {
		return this.dataSources.dialect(ObmigrateDataSources.Name.REPORTING_TARGET);
	}

	/** Whether the OB 3.0 tables go to {@code obmigrate.reporting-target}, under their final names. */
	public boolean separateTarget() {
		return this.dataSources.separateReportingTarget();
	}

	/** The OB 3.0 table of a rule: {@code <TABLE>__OB3} beside the source, or its final name in the target database. */
	public String targetName(ReportingTableRule rule) {
		return separateTarget() ? rule.table() : rule.table() + SUFFIX;
	}

	/** The live columns of a table in the reporting database (upper-cased names); empty when it does not exist. */
	public Map<String, TableInspector.Column> columns(String table) {
		return columns(ObmigrateDataSources.Name.REPORTING, table);
	}

	/** The live columns of a table in the database the OB 3.0 tables go to. */
	public Map<String, TableInspector.Column> targetColumns(String table) {
		return columns(ObmigrateDataSources.Name.REPORTING_TARGET, table);
	}

	private Map<String, TableInspector.Column> columns(ObmigrateDataSources.Name database, String table) {
		try (Connection connection = this.dataSources.connect(database)) {
			return columns(connection, this.dataSources.dialect(database), table);
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(database, ex);
		}
	}

	/** The same, on a connection: the name as written, then upper-, then lower-cased (how databases store it). */
	public static Map<String, TableInspector.Column> columns(Connection connection, Dialect dialect, String table)
			throws SQLException {
		for (String name : List.of(table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))) {
			Map<String, TableInspector.Column> columns = TableInspector.columns(connection, dialect, name);
			if (!columns.isEmpty()) {
				return columns;
			}
		}
		return Map.of();
	}

	/** The declared types of a table's columns in the reporting database (upper-cased names); empty when it is absent. */
	public Map<String, String> declaredTypes(String table) {
		return declaredTypes(ObmigrateDataSources.Name.REPORTING, table);
	}

	/** The same in the database the OB 3.0 tables go to. */
	public Map<String, String> targetDeclaredTypes(String table) {
		return declaredTypes(ObmigrateDataSources.Name.REPORTING_TARGET, table);
	}

	private Map<String, String> declaredTypes(ObmigrateDataSources.Name database, String table) {
		Dialect dialect = this.dataSources.dialect(database);
		try (Connection connection = this.dataSources.connect(database)) {
			for (String name : List.of(table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))) {
				Map<String, String> types = TableInspector.declaredTypes(connection, dialect, name);
				if (!types.isEmpty()) {
					return types;
				}
			}
			return Map.of();
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(database, ex);
		}
	}

	/** The source table a rule reads: the invocations for the latency table, else the table itself. */
	public static String sourceOf(ReportingTableRule rule) {
		return rule == ReportingTableRule.API_LATENCY ? ReportingTableRule.API_INVOCATION.table() : rule.table();
	}

	/**
	 * The OB 3.0 shape of a rule on this database, or null when its source table does not exist: pass-through columns
	 * with their declared types, string columns at OB 3.0's width (what a step needs; {@link #plannedShape} sizes them).
	 */
	public ReportingTargetShape shape(ReportingTableRule rule) {
		return shape(rule, Map.of());
	}

	private ReportingTargetShape shape(ReportingTableRule rule, Map<String, Integer> widths) {
		Map<String, String> source = declaredTypes(sourceOf(rule));
		if (source.isEmpty()) {
			return null;
		}
		return ReportingTargetShape.plan(rule, rule == ReportingTableRule.API_LATENCY ? Map.of() : source, widths);
	}

	/**
	 * The shape the OB 3.0 table is created with: each string column that may receive a value longer than 254 (its
	 * source is declared wider) as wide as the longest value the source holds, when columns are widened.
	 */
	public ReportingTargetShape plannedShape(ReportingTableRule rule) {
		return this.widenColumns ? shape(rule, longest(rule)) : shape(rule);
	}

	/** One source column a string column of the OB 3.0 table takes its values from. */
	public record Feed(String table, String column) {
	}

	/**
	 * The string columns of a rule's OB 3.0 table that may receive values longer than OB 3.0's 254 characters, with
	 * the source columns they come from: only those declared wider than 254 (text types included).
	 */
	public Map<String, List<Feed>> wideFeeds(ReportingTableRule rule) {
		ReportingTargetShape shape = shape(rule);
		Map<String, List<Feed>> wide = new java.util.LinkedHashMap<>();
		if (shape == null) {
			return wide;
		}
		String source = sourceOf(rule);
		Map<String, Map<String, TableInspector.Column>> tables = new java.util.HashMap<>();
		java.util.function.Function<String, Map<String, TableInspector.Column>> columnsOf = table -> tables
			.computeIfAbsent(table, this::columns);
		Map<String, String> copied = shape.copiedFrom();
		for (ReportingColumn column : shape.columns()) {
			if (column.kind() != ReportingColumn.Kind.STRING) {
				continue;
			}
			String name = column.upperName();
			List<Feed> feeds = new java.util.ArrayList<>();
			if (rule.fillsFromSide(name)) {
				feeds.add(new Feed(SIDE_TABLE, name));
			}
			if (name.equals("DELIVERY_ADDRESS") && rule == ReportingTableRule.PAYMENTS) {
				feeds.add(new Feed(ADDRESS_TABLE, "DELIVERYADDRESS"));
			}
			if (name.equals("MESSAGE_ID") || (name.equals("ID") && !rule.newIds())) {
				feeds.add(new Feed(source, "ID"));
			}
			else if (copied.containsKey(name)) {
				feeds.add(new Feed(source, copied.get(name)));
			}
			List<Feed> wider = feeds.stream().filter(feed -> isWide(columnsOf.apply(feed.table()).get(feed.column())))
				.toList();
			if (!wider.isEmpty()) {
				wide.put(name, wider);
			}
		}
		return wide;
	}

	static final String SIDE_TABLE = "UK_ADDITIONAL_RAW_DATA";

	static final String ADDRESS_TABLE = "TransactionDeliveryAddress";

	private static boolean isWide(TableInspector.Column column) {
		if (column == null || column.size() <= ReportingColumn.OB3_WIDTH) {
			return false;
		}
		return switch (column.jdbcType()) {
			case java.sql.Types.CHAR, java.sql.Types.VARCHAR, java.sql.Types.NCHAR, java.sql.Types.NVARCHAR,
					java.sql.Types.LONGVARCHAR, java.sql.Types.LONGNVARCHAR, java.sql.Types.CLOB, java.sql.Types.NCLOB ->
				true;
			default -> false;
		};
	}

	/** The longest value (in characters) each wide-fed string column of a rule will receive, read from the source. */
	public Map<String, Integer> longest(ReportingTableRule rule) {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.REPORTING));
		Map<Feed, Integer> measured = new java.util.HashMap<>();
		Map<String, Integer> longest = new java.util.LinkedHashMap<>();
		wideFeeds(rule).forEach((column, feeds) -> {
			int max = 0;
			for (Feed feed : feeds) {
				max = Math.max(max, measured.computeIfAbsent(feed, f -> {
					Integer n = jdbc.queryForObject("SELECT MAX(" + dialect().charLength(f.column()).get(0) + ") FROM "
							+ f.table(), Integer.class);
					return n == null ? 0 : n;
				}));
			}
			longest.put(column, max);
		});
		return longest;
	}

	/**
	 * Creates the OB 3.0 table of every rule whose source exists, when missing. An existing one must have the planned
	 * columns (a restart or a re-run), else it is a blocker: obmigrate does not alter tables it did not plan.
	 */
	public void ensureTargets() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.REPORTING_TARGET));
		for (ReportingTableRule rule : ReportingTableRule.ALL) {
			ReportingTargetShape shape = plannedShape(rule);
			if (shape == null) {
				continue;
			}
			String target = targetName(rule);
			Map<String, TableInspector.Column> existing = targetColumns(target);
			if (existing.isEmpty()) {
				shape.ddl(targetDialect(), target, defersKey(rule)).forEach(jdbc::execute);
				continue;
			}
			// a re-run or restart: a column sized before longer values arrived is made wide enough (obmigrate created it)
			for (ReportingColumn column : shape.columns()) {
				TableInspector.Column live = existing.get(column.upperName());
				if (column.isWidened() && live != null && live.size() < column.length()) {
					jdbc.execute(targetDialect().alterColumnType(target, column.upperName(), column.type(targetDialect()),
							column.notNull()));
				}
			}
			List<String> planned = shape.columns().stream().map(ReportingColumn::upperName).toList();
			if (!existing.keySet().containsAll(planned)) {
				throw new PreflightBlocker(target + " exists with columns " + existing.keySet() + " but the OB 3.0 shape"
						+ " of " + rule.table() + " is " + planned + ". " + (separateTarget() ? "Drop " + target + " in "
								+ this.dataSources.settings(ObmigrateDataSources.Name.REPORTING_TARGET) + " if it holds"
								+ " nothing of value, or point obmigrate.reporting-target at an empty database, and run"
								+ " again." : "Drop " + target + " (it holds only what obmigrate copied) and run again."));
			}
		}
	}

}

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

	/**
	 * @param messageIdAlways {@code obmigrate.reporting-job.message-id-always}: every OB 3.0 row's MESSAGE_ID is its old
	 * ID, so the job can find its rows by it while the primary key is deferred
	 */
	public ReportingSchema(ObmigrateDataSources dataSources, boolean messageIdAlways) {
		this.dataSources = dataSources;
		this.messageIdAlways = messageIdAlways;
	}

	/**
	 * Whether a new OB 3.0 table is created without its primary key until the copy ends (tables with new, hashed IDs
	 * whose MESSAGE_ID is always the old ID): see {@link ReportingTargetShape#ddl(Dialect, String, boolean)}.
	 */
	public boolean defersKey(ReportingTableRule rule) {
		return rule.newIds() && (this.messageIdAlways || rule == ReportingTableRule.API_INVOCATION
				|| rule == ReportingTableRule.API_LATENCY);
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

	/** The source table a rule reads: the invocations for the latency table, else the table itself. */
	public static String sourceOf(ReportingTableRule rule) {
		return rule == ReportingTableRule.API_LATENCY ? ReportingTableRule.API_INVOCATION.table() : rule.table();
	}

	/** The OB 3.0 shape of a rule on this database, or null when its source table does not exist. */
	public ReportingTargetShape shape(ReportingTableRule rule) {
		Map<String, TableInspector.Column> source = columns(sourceOf(rule));
		if (source.isEmpty()) {
			return null;
		}
		return ReportingTargetShape.plan(rule,
				rule == ReportingTableRule.API_LATENCY ? Map.of() : ReportingTargetShape.sourceColumns(source));
	}

	/**
	 * Creates the OB 3.0 table of every rule whose source exists, when missing. An existing one must have the planned
	 * columns (a restart or a re-run), else it is a blocker: obmigrate does not alter tables it did not plan.
	 */
	public void ensureTargets() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.REPORTING_TARGET));
		for (ReportingTableRule rule : ReportingTableRule.ALL) {
			ReportingTargetShape shape = shape(rule);
			if (shape == null) {
				continue;
			}
			String target = targetName(rule);
			Map<String, TableInspector.Column> existing = targetColumns(target);
			if (existing.isEmpty()) {
				shape.ddl(targetDialect(), target, defersKey(rule)).forEach(jdbc::execute);
				continue;
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

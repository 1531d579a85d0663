package io.obmigrate.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Finds, before a run, the writes a job needs that the database would refuse to its user: each is tried as a statement
 * that touches no row ({@code UPDATE T SET C = C WHERE 1 = 0}, {@code INSERT INTO T (C) SELECT C FROM T WHERE
 * 1 = 0}) in a transaction that is rolled back. Databases check privileges before they look for rows, so a refusal here
 * is the refusal the job would meet at its first chunk.
 */
public final class PrivilegeProbe {

	/** A write a job makes: on a table, naming one of its columns. */
	public enum Write {

		INSERT, UPDATE

	}

	/** A write a job makes: {@code writes} on {@code table}, tried on one of its columns. */
	public record Needed(String table, String column, List<Write> writes) {

		public static Needed insert(String table, String column) {
			return new Needed(table, column, List.of(Write.INSERT));
		}

		public static Needed update(String table, String column) {
			return new Needed(table, column, List.of(Write.UPDATE));
		}

		public static Needed insertAndUpdate(String table, String column) {
			return new Needed(table, column, List.of(Write.INSERT, Write.UPDATE));
		}

	}

	private PrivilegeProbe() {
	}

	/**
	 * The writes of {@code needed} (table to column and writes) the user of {@code dataSource} may not make, as
	 * "INSERT on T (database message)"; tables that do not exist are left to the table checks.
	 */
	public static List<String> refused(DataSource dataSource, Dialect dialect, List<Needed> needed) {
		List<String> refused = new ArrayList<>();
		try (Connection connection = dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				for (Needed table : needed) {
					if (!TableInspector.tableExists(connection, dialect, table.table())) {
						continue;
					}
					String column = table.column();
					for (Write write : table.writes()) {
						String sql = write == Write.UPDATE
								? "UPDATE " + table.table() + " SET " + column + " = " + column + " WHERE 1 = 0"
								: "INSERT INTO " + table.table() + " (" + column + ") SELECT " + column + " FROM "
										+ table.table() + " WHERE 1 = 0";
						var savepoint = connection.setSavepoint();
						try (Statement statement = connection.createStatement()) {
							statement.executeUpdate(sql);
						}
						catch (SQLException ex) {
							connection.rollback(savepoint);
							if (isPrivilegeRefusal(ex)) {
								refused.add(write + " on " + table.table() + " (" + ex.getMessage().strip() + ")");
							}
							// anything else (a column without a default in strict mode, say) proves nothing here
						}
					}
				}
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			refused.add("the privilege check itself failed (" + ex.getMessage() + ")");
		}
		return refused;
	}

	/**
	 * A refusal for want of a privilege: SQL state 42501 (PostgreSQL, H2), MySQL/MariaDB 1142/1143, SQL Server 229/230,
	 * Oracle ORA-01031.
	 */
	static boolean isPrivilegeRefusal(SQLException ex) {
		int code = ex.getErrorCode();
		return "42501".equals(ex.getSQLState()) || code == 1142 || code == 1143 || code == 229 || code == 230
				|| code == 1031;
	}

	/** Adds a {@code missing-privilege} blocker to {@code run} when the user of data source {@code name} lacks a write. */
	public static void check(CheckRun run, String area, ObmigrateDataSources dataSources, ObmigrateDataSources.Name name,
			String job, List<Needed> needed) {
		List<String> refused = refused(dataSources.get(name), dataSources.dialect(name), needed);
		if (!refused.isEmpty()) {
			run.add(Finding.blocker(area, CoreRule.MISSING_PRIVILEGE, "The " + job + " job's user may not make "
					+ refused.size() + " write(s) it needs in " + dataSources.settings(name) + ":",
					"The job would fail at its first chunk.",
					"Grant them (docs/security.md lists the grants per job and database), then run `check` again.")
				.withItems(refused));
		}
	}

}

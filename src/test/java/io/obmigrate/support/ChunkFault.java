package io.obmigrate.support;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.Dialect;

/**
 * A fault that is no row's fault: a trigger that makes every insert into a table fail with SQL state 53100 (disk
 * full), as a database in trouble does. obmigrate must fail the chunk, not quarantine the row, and resume on restart.
 */
public final class ChunkFault {

	public static final String SQL_STATE = "53100";

	private ChunkFault() {
	}

	/** Only inserts of the row whose {@code column} holds {@code value} fail (a later chunk, not the first). */
	public static void installFor(JdbcTemplate jdbc, Dialect dialect, String table, String column, String value) {
		if (dialect == Dialect.MYSQL) {
			jdbc.execute("CREATE TRIGGER OBM_FAULT BEFORE INSERT ON " + table + " FOR EACH ROW BEGIN IF NEW." + column
					+ " = '" + value + "' THEN SIGNAL SQLSTATE '" + SQL_STATE + "' SET MESSAGE_TEXT = 'disk full (test"
					+ " fault)'; END IF; END");
		}
		else if (dialect == Dialect.POSTGRESQL) {
			jdbc.execute("CREATE FUNCTION OBM_FAULT() RETURNS trigger AS $$ BEGIN IF NEW." + column.toLowerCase() + " = '"
					+ value + "' THEN RAISE EXCEPTION 'disk full (test fault)' USING ERRCODE = '" + SQL_STATE
					+ "'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
			jdbc.execute("CREATE TRIGGER OBM_FAULT BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION OBM_FAULT()");
		}
		else {
			FailsFor.column = column;
			FailsFor.value = value;
			jdbc.execute("CREATE TRIGGER OBM_FAULT BEFORE INSERT ON " + table + " FOR EACH ROW CALL \""
					+ FailsFor.class.getName() + "\"");
		}
	}

	public static void install(JdbcTemplate jdbc, Dialect dialect, String table) {
		if (dialect == Dialect.MYSQL) {
			jdbc.execute("CREATE TRIGGER OBM_FAULT BEFORE INSERT ON " + table + " FOR EACH ROW SIGNAL SQLSTATE '"
					+ SQL_STATE + "' SET MESSAGE_TEXT = 'disk full (test fault)'");
		}
		else if (dialect == Dialect.POSTGRESQL) {
			jdbc.execute("CREATE FUNCTION OBM_FAULT() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full (test"
					+ " fault)' USING ERRCODE = '" + SQL_STATE + "'; END $$ LANGUAGE plpgsql");
			jdbc.execute("CREATE TRIGGER OBM_FAULT BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION OBM_FAULT()");
		}
		else {
			jdbc.execute("CREATE TRIGGER OBM_FAULT BEFORE INSERT ON " + table + " FOR EACH ROW CALL \""
					+ Fails.class.getName() + "\"");
		}
	}

	public static void remove(JdbcTemplate jdbc, Dialect dialect, String table) {
		if (dialect == Dialect.POSTGRESQL) {
			jdbc.execute("DROP TRIGGER OBM_FAULT ON " + table);
			jdbc.execute("DROP FUNCTION OBM_FAULT()");
		}
		else {
			jdbc.execute("DROP TRIGGER OBM_FAULT");
		}
	}

	/** The H2 trigger. */
	public static class Fails implements Trigger {

		@Override
		public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
			throw new SQLException("disk full (test fault)", SQL_STATE);
		}

	}

	/** The H2 trigger of {@link #installFor}: one H2 database per test class runs it at a time. */
	public static class FailsFor implements Trigger {

		static volatile String column;

		static volatile String value;

		private int index = -1;

		@Override
		public void init(Connection connection, String schema, String trigger, String table, boolean before, int type)
				throws SQLException {
			try (java.sql.ResultSet columns = connection.getMetaData().getColumns(null, schema, table, null)) {
				while (columns.next()) {
					if (columns.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
						this.index = columns.getInt("ORDINAL_POSITION") - 1;
					}
				}
			}
		}

		@Override
		public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
			if (this.index >= 0 && value.equals(String.valueOf(newRow[this.index]))) {
				throw new SQLException("disk full (test fault)", SQL_STATE);
			}
		}

	}

}

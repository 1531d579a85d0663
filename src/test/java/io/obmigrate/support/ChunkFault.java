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

}

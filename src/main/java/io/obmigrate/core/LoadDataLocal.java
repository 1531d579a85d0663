package io.obmigrate.core;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.RuntimeProperty;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcStatement;

/**
 * MySQL/MariaDB's {@code LOAD DATA LOCAL INFILE}, fed from memory, on connections that never send the database a file.
 * <p>
 * Rows sent as the data of one {@code LOAD DATA} cost the server less to take than the same rows as a multi-row
 * {@code INSERT} it must parse (docs/benchmarks.md). The statement needs the driver's {@code allowLoadLocalInfile},
 * which on its own would let the server ask for any file the process may read, at any statement. So every
 * connection obmigrate opens to MySQL/MariaDB is given {@link #NO_FILE} first ({@link #guard}): the driver answers any
 * such request with that empty stream instead of opening a file, and a load replaces it with its rows for its one
 * statement only.
 * <p>
 * The server takes a local load as if with {@code IGNORE}: a row it refuses (a duplicate key, a value too long) is
 * skipped or cut with a warning instead of failing the statement. {@link #load} therefore fails the statement with a
 * data or integrity error (SQL state 22000 or 23000) unless every row was taken and no warning given, so the chunk is
 * written again row by row, where the database refuses the row itself (see {@link RowFaults}).
 */
public final class LoadDataLocal {

	private LoadDataLocal() {
	}

	/**
	 * What the driver sends when the server asks for a local file outside a load: nothing. Never exhausted: the driver
	 * closes each stream it reads, and this one ignores that.
	 */
	private static final InputStream NO_FILE = new InputStream() {

		@Override
		public int read() {
			return -1;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return -1;
		}

	};

	/**
	 * The packet limit the driver is given while it sends a load's rows (its own statements' limit, the server's
	 * {@code max_allowed_packet}, is put back after each load): 64 KiB packets instead of 1 MiB ones, so the buffer
	 * the driver allocates for every load is 64 KiB. The server takes the rows the same in either size.
	 */
	static final int FILE_PACKET = 64 * 1024;

	/** Whether the URL is one whose connections {@link #guard} handles (MySQL Connector/J). */
	static boolean handles(String url) {
		return url.startsWith("jdbc:mysql:");
	}

	/** Gives a new MySQL/MariaDB connection the empty stream: from now on it sends no file. */
	static void guard(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			// the driver keeps the stream for the connection, not the statement
			statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(NO_FILE);
		}
	}

	/**
	 * Whether rows can be loaded on this connection: a MySQL Connector/J connection allowed to load local data and
	 * guarded ({@link #guard}). The server must allow it too ({@code local_infile}), which the caller asks.
	 */
	static boolean usable(Connection connection) throws SQLException {
		if (!connection.isWrapperFor(JdbcConnection.class)) {
			return false;
		}
		if (!connection.unwrap(JdbcConnection.class).getPropertySet()
			.getBooleanProperty(PropertyKey.allowLoadLocalInfile)
			.getValue()) {
			return false;
		}
		try (Statement statement = connection.createStatement()) {
			return statement.unwrap(JdbcStatement.class).getLocalInfileInputStream() == NO_FILE;
		}
	}

	/**
	 * Runs {@code sql}, a {@code LOAD DATA LOCAL INFILE}, with {@code length} bytes of {@code data} as its file, then
	 * gives the connection its empty stream back. Fails unless the database took all {@code rows} rows without a
	 * warning. Returns the rows taken.
	 */
	static int load(Statement statement, String sql, byte[] data, int length, int rows) throws SQLException {
		JdbcStatement mysql = statement.unwrap(JdbcStatement.class);
		RuntimeProperty<Integer> packetLimit = statement.getConnection()
			.unwrap(JdbcConnection.class)
			.getPropertySet()
			.getIntegerProperty(PropertyKey.maxAllowedPacket);
		Integer limit = packetLimit.getValue();
		int loaded;
		SQLWarning warning;
		mysql.setLocalInfileInputStream(new ByteArrayInputStream(data, 0, length));
		try {
			statement.setEscapeProcessing(false);
			// the driver sends the rows in packets of at most a megabyte or this limit, through a buffer of that size
			// it allocates for each load: at 1 MB, 27% of all a 100k consent run allocated
			if (limit != null && limit > FILE_PACKET) {
				packetLimit.setValue(FILE_PACKET);
			}
			loaded = statement.executeUpdate(sql);
			warning = statement.getWarnings();
		}
		finally {
			packetLimit.setValue(limit);
			mysql.setLocalInfileInputStream(NO_FILE);
		}
		if (loaded != rows || warning != null) {
			int code = warning != null ? warning.getErrorCode() : 0;
			// a duplicate key, a missing parent or child, a null in a mandatory column: an integrity error
			String state = code == 1062 || code == 1451 || code == 1452 || code == 1048 ? "23000" : "22000";
			throw new SQLException("The database took " + loaded + " of the " + rows + " rows loaded"
					+ (warning != null ? ": " + warning.getMessage() : ""), state, code);
		}
		return loaded;
	}

}

package io.obmigrate.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Tells a fault of one row from a fault of the chunk, and finds the rows a target database refuses.
 * <p>
 * A chunk is written in one go inside a savepoint of the chunk transaction. When the database refuses it with a
 * data or integrity error (SQL state class 22 or 23: a value too long, a check or JSON constraint, an encoding, a
 * duplicate key), the savepoint is rolled back and the chunk written again item by item, each in its own savepoint,
 * so the rows the database refuses are found and returned with its message while every other row is written in the
 * same transaction. Any other error (a lost connection, a deadlock, a missing table or privilege) belongs to the
 * chunk and is thrown on, untouched.
 */
public final class RowFaults {

	private RowFaults() {
	}

	/** A row the target database refused, with the database's message. */
	public record Refused<T>(T item, String message) {
	}

	/**
	 * Writes {@code items} with {@code writer} on the transaction-bound connection of {@code target}; returns the
	 * items the database refused, an empty list when all were written.
	 */
	public static <T> List<Refused<T>> write(DataSource target, List<T> items, Consumer<List<T>> writer) {
		if (items.isEmpty()) {
			return List.of();
		}
		Connection connection = DataSourceUtils.getConnection(target);
		Savepoint whole = savepoint(connection);
		try {
			writer.accept(items);
			release(connection, whole);
			return List.of();
		}
		catch (RuntimeException ex) {
			if (!isRowFault(ex)) {
				throw ex;
			}
			rollback(connection, whole, ex);
			if (items.size() == 1) {
				return List.of(new Refused<>(items.get(0), message(ex)));
			}
		}
		List<Refused<T>> refused = new ArrayList<>();
		for (T item : items) {
			Savepoint one = savepoint(connection);
			try {
				writer.accept(List.of(item));
				release(connection, one);
			}
			catch (RuntimeException ex) {
				if (!isRowFault(ex)) {
					throw ex;
				}
				rollback(connection, one, ex);
				refused.add(new Refused<>(item, message(ex)));
			}
		}
		return refused;
	}

	/** A data or integrity error: the row, not the chunk, is at fault. */
	public static boolean isRowFault(Throwable failure) {
		String state = sqlState(failure);
		return state != null && (state.startsWith("22") || state.startsWith("23"));
	}

	/**
	 * A fault worth trying again: the connection was lost, reset or closed under the job (SQL state class 08, the
	 * drivers' connection exceptions and messages), the transaction was chosen as a deadlock victim or could not be
	 * serialised (40001, 40P01), or a lock wait timed out.
	 */
	public static boolean isTransient(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
					|| t instanceof org.springframework.dao.TransientDataAccessException
					|| t instanceof org.springframework.dao.RecoverableDataAccessException) {
				return true;
			}
			if (t instanceof SQLException sql) {
				String state = sql.getSQLState();
				int code = sql.getErrorCode();
				if (state != null && (state.startsWith("08") || state.equals("40001") || state.equals("40P01"))) {
					return true;
				}
				// MySQL/MariaDB deadlock and lock wait timeout; SQL Server deadlock victim; Oracle deadlock
				if (code == 1213 || code == 1205 || code == 60) {
					return true;
				}
			}
			String type = t.getClass().getName();
			if (type.contains("CommunicationsException") || type.contains("ConnectionIsClosed")
					|| t instanceof java.net.SocketException || t instanceof java.io.EOFException
					|| t instanceof java.sql.SQLNonTransientConnectionException) {
				return true;
			}
			String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
			if (message.contains("connection is closed") || message.contains("connection closed")
					|| message.contains("communications link failure") || message.contains("broken pipe")
					|| message.contains("connection reset")) {
				return true;
			}
		}
		return false;
	}

	/** The database's own message for a failure, without the statement text the driver may prepend. */
	public static String message(Throwable failure) {
		SQLException sql = firstSqlException(failure);
		String text = sql != null ? sql.getMessage() : failure.getMessage();
		if (text == null) {
			text = failure.getClass().getSimpleName();
		}
		String state = sql == null ? null : sql.getSQLState();
		return text.strip() + (state == null ? "" : " (SQL state " + state + ")");
	}

	private static String sqlState(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql) {
				if (sql.getSQLState() != null) {
					return sql.getSQLState();
				}
				SQLException next = sql.getNextException();
				if (next != null && next.getSQLState() != null) {
					return next.getSQLState();
				}
			}
		}
		return null;
	}

	private static SQLException firstSqlException(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql) {
				// a batch failure carries the row's own error as its next exception (PostgreSQL)
				SQLException next = sql.getNextException();
				return next != null && next.getMessage() != null ? next : sql;
			}
		}
		return null;
	}

	private static Savepoint savepoint(Connection connection) {
		try {
			return connection.setSavepoint();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The target database refused a savepoint (" + ex.getMessage()
					+ "); rows are written inside a transaction with savepoints.", ex);
		}
	}

	private static void release(Connection connection, Savepoint savepoint) {
		try {
			connection.releaseSavepoint(savepoint);
		}
		catch (SQLException | UnsupportedOperationException ex) {
			// Oracle releases savepoints only at the end of the transaction: nothing to do.
		}
	}

	private static void rollback(Connection connection, Savepoint savepoint, RuntimeException cause) {
		try {
			connection.rollback(savepoint);
		}
		catch (SQLException ex) {
			cause.addSuppressed(ex);
			throw cause;
		}
	}

}

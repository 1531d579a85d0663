package io.obmigrate.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Source tables' columns, read once per job execution: the many ranges of a run share them instead of each asking the
 * database's catalogue again (12 ranges of three consent types asked it about 120 times per run); the next execution,
 * a restart included, reads them again, so a table altered between two runs is seen as it is.
 */
public final class TableShapes {

	private record Execution(long id, Map<String, Map<String, TableInspector.Column>> tables) {
	}

	private volatile Execution execution;

	/** {@link TableInspector#columns} of {@code table}, read on the first call of this job execution. */
	public Map<String, TableInspector.Column> columns(long jobExecutionId, Connection connection, Dialect dialect,
			String table) throws SQLException {
		Execution current = current(jobExecutionId);
		String key = table.toUpperCase(Locale.ROOT);
		Map<String, TableInspector.Column> columns = current.tables().get(key);
		if (columns == null) {
			columns = Collections.unmodifiableMap(TableInspector.columns(connection, dialect, table));
			current.tables().putIfAbsent(key, columns);
		}
		return columns;
	}

	private Execution current(long jobExecutionId) {
		Execution current = this.execution;
		if (current != null && current.id() == jobExecutionId) {
			return current;
		}
		synchronized (this) {
			if (this.execution == null || this.execution.id() != jobExecutionId) {
				this.execution = new Execution(jobExecutionId, new ConcurrentHashMap<>());
			}
			return this.execution;
		}
	}

}

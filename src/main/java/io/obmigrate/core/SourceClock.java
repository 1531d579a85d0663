package io.obmigrate.core;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How each source time column must be read, learnt from JDBC metadata: wall-clock columns
 * ({@code DATETIME}, Oracle/PostgreSQL {@code TIMESTAMP}) are placed in the configured source zone; MySQL
 * {@code TIMESTAMP} columns are UTC-normalised (the session is forced to UTC); columns with a zone are instants.
 */
public class SourceClock {

	public enum Kind {

		WALL_CLOCK, UTC, INSTANT

	}

	private final SourceTimes times;

	private final Map<String, Kind> kinds = new HashMap<>();

	/** The kinds asked for, by the table and column names as given: a lookup per value without building a key. */
	private final Map<String, Map<String, Kind>> asked = new ConcurrentHashMap<>();

	public SourceClock(SourceTimes times) {
		this.times = times;
	}

	public SourceTimes times() {
		return this.times;
	}

	/** Learns the time columns of a table; call once per table before reading it. */
	public void learn(Connection connection, Dialect dialect, String table) throws SQLException {
		learn(dialect, table, TableInspector.columns(connection, dialect, table).values());
	}

	/** Learns the time columns of a table from its columns as read before ({@link TableShapes}). */
	public void learn(Dialect dialect, String table, java.util.Collection<TableInspector.Column> columns) {
		for (TableInspector.Column column : columns) {
			Kind kind;
			if (column.jdbcType() == Types.TIMESTAMP_WITH_TIMEZONE
					|| column.typeName().toLowerCase(Locale.ROOT).contains("timestamptz")) {
				kind = Kind.INSTANT;
			}
			else if (dialect.storesUtc(column.typeName())) {
				kind = Kind.UTC;
			}
			else {
				kind = Kind.WALL_CLOCK;
			}
			this.kinds.put(key(table, column.name()), kind);
		}
		this.asked.clear();
	}

	public Kind kind(String table, String column) {
		Map<String, Kind> columns = this.asked.computeIfAbsent(table,
				t -> new ConcurrentHashMap<>());
		Kind kind = columns.get(column);
		if (kind == null) {
			kind = this.kinds.getOrDefault(key(table, column), Kind.WALL_CLOCK);
			columns.put(column, kind);
		}
		return kind;
	}

	/** Epoch seconds of a source time value; 0 when NULL. */
	public long epochSeconds(ResultSet rs, int index, String table, String column) throws SQLException {
		Kind kind = kind(table, column);
		if (kind == Kind.INSTANT) {
			OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
			return value == null ? 0 : value.toEpochSecond();
		}
		LocalDateTime value = rs.getObject(index, LocalDateTime.class);
		return kind == Kind.UTC ? SourceTimes.utc(value) : this.times.wallClock(value);
	}

	/** The value to store in a source time column for an instant (the generator writes with this). */
	public Object columnValue(Instant instant, String table, String column) {
		return switch (kind(table, column)) {
			case INSTANT -> instant.atOffset(ZoneOffset.UTC);
			case UTC -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
			case WALL_CLOCK -> LocalDateTime.ofInstant(instant, this.times.zone());
		};
	}

	private static String key(String table, String column) {
		return table.toUpperCase(Locale.ROOT) + "." + column.toUpperCase(Locale.ROOT);
	}

}

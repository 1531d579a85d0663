package io.obmigrate.core;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads the live shape of tables from JDBC metadata: presence, column types and sizes. */
public final class TableInspector {

	private TableInspector() {
	}

	/** A live column: its JDBC type, database type name and declared size (characters or bytes). */
	public record Column(String name, int jdbcType, String typeName, int size) {

		public boolean isBinary() {
			return switch (this.jdbcType) {
				case java.sql.Types.BLOB, java.sql.Types.BINARY, java.sql.Types.VARBINARY,
						java.sql.Types.LONGVARBINARY ->
					true;
				default -> false;
			};
		}

		public boolean isJson() {
			return this.typeName.toUpperCase(Locale.ROOT).contains("JSON");
		}

	}

	public static boolean tableExists(Connection connection, Dialect dialect, String table) throws SQLException {
		return !columns(connection, dialect, table).isEmpty();
	}

	/** Columns by upper-case name, in table order; empty when the table does not exist in the current schema. */
	public static Map<String, Column> columns(Connection connection, Dialect dialect, String table)
			throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		String catalog = connection.getCatalog();
		String schema = currentSchema(connection, dialect);
		Map<String, Column> columns = new LinkedHashMap<>();
		try (ResultSet rs = metaData.getColumns(dialect.databaseIsCatalog() ? catalog : null, schema,
				dialect.storedName(table), null)) {
			while (rs.next()) {
				String name = rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT);
				columns.put(name, new Column(name, rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
						rs.getInt("COLUMN_SIZE")));
			}
		}
		return columns;
	}

	/**
	 * Each column's declared type as DDL text, by upper-case name in table order: what the catalogue says
	 * ({@code tinyint(1)}, {@code decimal(12,2)}, {@code varchar(40)}, {@code datetime}), not the JDBC type, which
	 * drivers report differently (MySQL's drivers call {@code tinyint(1)} a BIT). Falls back to the standard catalogue
	 * and then to JDBC metadata; empty when the table does not exist.
	 */
	public static Map<String, String> declaredTypes(Connection connection, Dialect dialect, String table)
			throws SQLException {
		for (String query : java.util.List.of(dialect.declaredTypesQuery(), Dialect.INFORMATION_SCHEMA_TYPES)) {
			Map<String, String> types = new LinkedHashMap<>();
			try (java.sql.PreparedStatement statement = connection.prepareStatement(query)) {
				statement.setString(1, dialect.storedName(table));
				try (ResultSet rs = statement.executeQuery()) {
					while (rs.next()) {
						types.put(rs.getString(1).toUpperCase(Locale.ROOT), declaredType(rs.getString(2),
								(Number) rs.getObject(3), (Number) rs.getObject(4), (Number) rs.getObject(5)));
					}
				}
			}
			catch (SQLException ex) {
				continue; // this database has another catalogue (H2 in a compatibility mode): try the next
			}
			if (!types.isEmpty()) {
				return types;
			}
		}
		Map<String, String> types = new LinkedHashMap<>();
		columns(connection, dialect, table).forEach((name, column) -> types.put(name, jdbcType(column)));
		return types;
	}

	/** A type name with its length, or precision and scale, as DDL text. */
	static String declaredType(String type, Number length, Number precision, Number scale) {
		if (type.contains("(") || (length == null && precision == null)) {
			return type;
		}
		String upper = type.toUpperCase(Locale.ROOT);
		if (length != null && (upper.contains("CHAR") || upper.contains("BINARY") || upper.equals("RAW"))) {
			return type + "(" + (length.longValue() < 0 ? "MAX" : String.valueOf(length.longValue())) + ")";
		}
		if (precision != null && (upper.equals("NUMERIC") || upper.equals("DECIMAL") || upper.equals("NUMBER"))) {
			return type + "(" + precision.longValue() + (scale == null ? "" : ", " + scale.longValue()) + ")";
		}
		return type;
	}

	/** A column's type as DDL text from JDBC metadata (character and binary types keep their length). */
	public static String jdbcType(Column column) {
		return switch (column.jdbcType()) {
			case java.sql.Types.CHAR, java.sql.Types.VARCHAR, java.sql.Types.NCHAR, java.sql.Types.NVARCHAR,
					java.sql.Types.BINARY, java.sql.Types.VARBINARY ->
				column.typeName() + "(" + column.size() + ")";
			default -> column.typeName();
		};
	}

	/** The names of a table's indexes (upper-cased), its primary key's included. */
	public static java.util.Set<String> indexes(Connection connection, Dialect dialect, String table)
			throws SQLException {
		java.util.Set<String> names = new java.util.HashSet<>();
		try (ResultSet rs = connection.getMetaData().getIndexInfo(dialect.databaseIsCatalog() ? connection.getCatalog()
				: null, currentSchema(connection, dialect), dialect.storedName(table), false, true)) {
			while (rs.next()) {
				if (rs.getString("INDEX_NAME") != null) {
					names.add(rs.getString("INDEX_NAME").toUpperCase(Locale.ROOT));
				}
			}
		}
		return names;
	}

	/** The first column of each index of a table (upper case): whether lookups by that column can use an index. */
	public static java.util.Set<String> leadingIndexColumns(Connection connection, Dialect dialect, String table)
			throws SQLException {
		java.util.Set<String> columns = new java.util.HashSet<>();
		try (ResultSet rs = connection.getMetaData().getIndexInfo(dialect.databaseIsCatalog() ? connection.getCatalog()
				: null, currentSchema(connection, dialect), dialect.storedName(table), false, true)) {
			while (rs.next()) {
				if (rs.getShort("ORDINAL_POSITION") == 1 && rs.getString("COLUMN_NAME") != null) {
					columns.add(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
				}
			}
		}
		return columns;
	}

	/**
	 * A table's foreign keys as {@code COLUMN>PARENT_TABLE} (upper case, one per key column): which keys exist, whatever
	 * their names.
	 */
	public static java.util.Set<String> foreignKeys(Connection connection, Dialect dialect, String table)
			throws SQLException {
		java.util.Set<String> keys = new java.util.HashSet<>();
		try (ResultSet rs = connection.getMetaData().getImportedKeys(dialect.databaseIsCatalog() ? connection.getCatalog()
				: null, currentSchema(connection, dialect), dialect.storedName(table))) {
			while (rs.next()) {
				keys.add(rs.getString("FKCOLUMN_NAME").toUpperCase(Locale.ROOT) + ">"
						+ rs.getString("PKTABLE_NAME").toUpperCase(Locale.ROOT));
			}
		}
		return keys;
	}

	/** Whether a table has a primary key. */
	public static boolean hasPrimaryKey(Connection connection, Dialect dialect, String table) throws SQLException {
		try (ResultSet rs = connection.getMetaData().getPrimaryKeys(dialect.databaseIsCatalog() ? connection.getCatalog()
				: null, currentSchema(connection, dialect), dialect.storedName(table))) {
			return rs.next();
		}
	}

	/** The tables of the current schema (names as stored), in name order. */
	public static java.util.List<String> tables(Connection connection, Dialect dialect) throws SQLException {
		java.util.List<String> tables = new java.util.ArrayList<>();
		try (ResultSet rs = connection.getMetaData().getTables(dialect.databaseIsCatalog() ? connection.getCatalog() : null,
				currentSchema(connection, dialect), "%", new String[] { "TABLE" })) {
			while (rs.next()) {
				tables.add(rs.getString("TABLE_NAME"));
			}
		}
		java.util.Collections.sort(tables);
		return tables;
	}

	private static String currentSchema(Connection connection, Dialect dialect) throws SQLException {
		if (dialect.databaseIsCatalog()) {
			return null;
		}
		try {
			String schema = connection.getSchema();
			return schema == null ? null : dialect.storedName(schema);
		}
		catch (SQLException | AbstractMethodError ex) {
			return null;
		}
	}

}

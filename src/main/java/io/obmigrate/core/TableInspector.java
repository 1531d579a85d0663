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

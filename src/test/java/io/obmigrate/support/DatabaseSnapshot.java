package io.obmigrate.support;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * Every table of a database (of the connection's catalog and schema) with every row and every column, rows sorted:
 * two snapshots are equal exactly when the data is. obmigrate's own bookkeeping tables ({@code OBMIGRATE_*}) are left
 * out.
 */
public final class DatabaseSnapshot {

	private DatabaseSnapshot() {
	}

	/** Every column of the current row, as text ({@code |}-separated; large objects and bytes read whole). */
	public static String row(ResultSet rs) throws SQLException {
		ResultSetMetaData columns = rs.getMetaData();
		StringBuilder row = new StringBuilder();
		for (int i = 1; i <= columns.getColumnCount(); i++) {
			Object value = rs.getObject(i);
			if (value instanceof java.sql.Clob clob) {
				value = clob.getSubString(1, (int) clob.length());
			}
			if (value instanceof java.sql.Blob blob) {
				value = blob.getBytes(1, (int) blob.length());
			}
			row.append(value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value)).append('|');
		}
		return row.toString();
	}

	public static Map<String, List<String>> of(DataSource dataSource) {
		Map<String, List<String>> tables = new TreeMap<>();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			DatabaseMetaData meta = connection.getMetaData();
			List<String> names = new ArrayList<>();
			try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
					new String[] { "TABLE" })) {
				while (rs.next()) {
					names.add(rs.getString("TABLE_NAME"));
				}
			}
			for (String table : names) {
				if (table.toUpperCase(Locale.ROOT).startsWith("OBMIGRATE_")) {
					continue;
				}
				List<String> rows = new ArrayList<>();
				try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
					while (rs.next()) {
						rows.add(row(rs));
					}
				}
				Collections.sort(rows);
				tables.put(table.toUpperCase(Locale.ROOT), rows);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return tables;
	}

}

package io.obmigrate.core;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** H2 in its own mode: the demo's and the tests' embedded database. */
public final class H2Dialect implements Dialect {

	H2Dialect() {
	}

	/** The dialect an H2 database imitates in its compatibility mode, or H2 itself. */
	static Dialect mode(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(
						"SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MODE'")) {
			String mode = rs.next() ? rs.getString(1).toLowerCase(Locale.ROOT) : "regular";
			if (mode.startsWith("mssql")) {
				return MSSQL;
			}
			if (mode.startsWith("oracle")) {
				return ORACLE;
			}
			if (mode.startsWith("mysql") || mode.startsWith("mariadb")) {
				return MYSQL;
			}
			if (mode.startsWith("postgres")) {
				return POSTGRESQL;
			}
			return H2;
		}
	}

	@Override
	public String folder() {
		return "h2";
	}

	@Override
	public String alterColumnType(String table, String column, String type, boolean notNull) {
		return "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DATA TYPE " + type;
	}

	@Override
	public String clobType() {
		return "CLOB";
	}

	@Override
	public String batchSchemaPlatform() {
		return "h2";
	}

	@Override
	public boolean overlayInserts() {
		return false;
	}

	@Override
	public String md5Hex(String bytesInHex, String text) {
		return "LOWER(RAWTOHEX(HASH('MD5', X'" + bytesInHex + "' || STRINGTOUTF8(" + text + "))))";
	}

	@Override
	public String epochMillisAsUtcText(String ms) {
		return "FORMATDATETIME(DATEADD(MILLISECOND, " + ms + ", TIMESTAMP '1970-01-01 00:00:00'),"
				+ " 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''')";
	}

	@Override
	public boolean computesInDatabase() {
		return true;
	}

	@Override
	public String toString() {
		return folder();
	}

	/** '...' with quotes doubled; control characters as CHAR(n). */
	@Override
	public String escapedLiteral(String value) {
		return SqlText.concatenatedLiteral(value, "'", c -> c < 0x20 || c == 0x7F, c -> "CHAR(" + c + ")", " || ");
	}

}

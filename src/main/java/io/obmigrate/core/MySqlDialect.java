package io.obmigrate.core;

import java.util.List;

/** MySQL and MariaDB. */
public final class MySqlDialect implements Dialect {

	MySqlDialect() {
	}

	@Override
	public String folder() {
		return "mysql";
	}

	@Override
	public String limit(String orderedQuery, int rows) {
		return orderedQuery + " LIMIT " + rows;
	}

	@Override
	public String rowAt(String orderedQuery, long offset) {
		return orderedQuery + " LIMIT 1 OFFSET " + offset;
	}

	@Override
	public String renameTable(String from, String to) {
		return "RENAME TABLE " + from + " TO " + to;
	}

	@Override
	public String alterColumnType(String table, String column, String type, boolean notNull) {
		return "ALTER TABLE " + table + " MODIFY " + column + " " + type + (notNull ? " NOT NULL" : "");
	}

	@Override
	public List<String> sessionTimeZoneQueries() {
		return List.of("SELECT CONCAT(@@session.time_zone, ' (system ', @@system_time_zone, ')')");
	}

	@Override
	public String quote(String upperCaseIdentifier) {
		return "`" + upperCaseIdentifier + "`";
	}

	@Override
	public boolean databaseIsCatalog() {
		return true;
	}

	@Override
	public List<String> byteLength(String expression) {
		return List.of("LENGTH(" + expression + ")");
	}

	@Override
	public boolean jsonColumnsRefuseText() {
		return true;
	}

	@Override
	public boolean storesUtc(String typeName) {
		return typeName.equalsIgnoreCase("TIMESTAMP");
	}

	/** A utf8mb4 VARCHAR fills MySQL's 65,535-byte row limit at 16,383 characters. */
	@Override
	public int maxVarcharSize() {
		return 16_383;
	}

	@Override
	public String clobType() {
		return "LONGTEXT";
	}

	@Override
	public String booleanType() {
		return "TINYINT(1)";
	}

	@Override
	public String batchSchemaPlatform() {
		return "mysql";
	}

	@Override
	public String concat(List<String> parts) {
		return "CONCAT(" + String.join(", ", parts) + ")";
	}

	@Override
	public String asUtf8(String text) {
		return "CONVERT(" + text + " USING utf8mb4)";
	}

	@Override
	public String asciiChar(int code) {
		return "CHAR(" + code + " USING utf8mb4)";
	}

	@Override
	public String numberAsText(String number) {
		return "CAST(" + number + " AS CHAR)";
	}

	@Override
	public String md5Hex(String bytesInHex, String text) {
		return "MD5(CONCAT(UNHEX('" + bytesInHex + "'), CONVERT(" + text + " USING utf8mb4)))";
	}

	@Override
	public String epochMillisAsUtcText(String ms) {
		return "CONCAT(DATE_FORMAT(TIMESTAMP'1970-01-01 00:00:00' + INTERVAL FLOOR(" + ms + " / 1000) SECOND,"
				+ " '%Y-%m-%dT%H:%i:%s'), '.', LPAD(CAST(" + ms + " - FLOOR(" + ms + " / 1000) * 1000 AS CHAR), 3, '0'),"
				+ " 'Z')";
	}

	@Override
	public String byCodePoint(String text) {
		return "CONVERT(" + text + " USING utf8mb4) COLLATE utf8mb4_bin";
	}

	@Override
	public boolean computesInDatabase() {
		return true;
	}

	@Override
	public String toString() {
		return folder();
	}

	@Override
	public String declaredTypesQuery() {
		return "SELECT COLUMN_NAME, COLUMN_TYPE, NULL, NULL, NULL FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA ="
				+ " DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
	}

	@Override
	public String unwrittenPagesQuery() {
		// SHOW works alike on MariaDB and MySQL 5.7/8 (MySQL 8 has no INFORMATION_SCHEMA.GLOBAL_STATUS), for any user
		return "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_pages_dirty',"
				+ " 'Innodb_buffer_pool_pages_total', 'Innodb_page_size')";
	}

	/** The value's UTF-8 bytes in hex with the utf8mb4 introducer: immune to backslash escapes and SQL modes. */
	@Override
	public String escapedLiteral(String value) {
		return "_utf8mb4 X'" + java.util.HexFormat.of().withUpperCase().formatHex(
				value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "'";
	}

	@Override
	public String quotedName(String name) {
		return "`" + name.replace("`", "``") + "`";
	}

}

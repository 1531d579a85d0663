package io.obmigrate.core;

import java.util.List;

/** Microsoft SQL Server (and H2 in MSSQLServer mode). */
public final class SqlServerDialect implements Dialect {

	SqlServerDialect() {
	}

	@Override
	public String folder() {
		return "mssql";
	}

	@Override
	public String limit(String orderedQuery, int rows) {
		return orderedQuery + " OFFSET 0 ROWS FETCH NEXT " + rows + " ROWS ONLY";
	}

	@Override
	public String renameTable(String from, String to) {
		// sp_rename without EXEC is valid only as the first statement of a batch
		return "EXEC sp_rename '" + from + "', '" + to + "'";
	}

	@Override
	public String alterColumnType(String table, String column, String type, boolean notNull) {
		return "ALTER TABLE " + table + " ALTER COLUMN " + column + " " + type + (notNull ? " NOT NULL" : "");
	}

	@Override
	public List<String> sessionTimeZoneQueries() {
		return List.of("SELECT CURRENT_TIMEZONE()", "SELECT DATENAME(TZOFFSET, SYSDATETIMEOFFSET())");
	}

	@Override
	public List<String> charLength(String expression) {
		return List.of("LEN(" + expression + ")", "CHAR_LENGTH(" + expression + ")");
	}

	@Override
	public List<String> byteLength(String expression) {
		return List.of("DATALENGTH(" + expression + ")", "OCTET_LENGTH(" + expression + ")");
	}

	@Override
	public boolean countsBytes(String typeName) {
		return typeName.equalsIgnoreCase("VARCHAR");
	}

	@Override
	public int maxVarcharSize() {
		return 8_000;
	}

	@Override
	public String clobType() {
		return "NVARCHAR(MAX)";
	}

	@Override
	public String booleanType() {
		return "BIT";
	}

	@Override
	public String timestampType() {
		return "DATETIME2";
	}

	@Override
	public String batchSchemaPlatform() {
		return "sqlserver";
	}

	@Override
	public String toString() {
		return folder();
	}

	@Override
	public String declaredTypesQuery() {
		return "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE FROM"
				+ " INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = SCHEMA_NAME() AND TABLE_NAME = ? ORDER BY"
				+ " ORDINAL_POSITION";
	}

	/** N'...' with quotes doubled; control characters, {@code $} (sqlcmd variables) as NCHAR(n). */
	@Override
	public String escapedLiteral(String value) {
		return SqlText.concatenatedLiteral(value, "N'", c -> c < 0x20 || c == 0x7F || c == '$',
				c -> "NCHAR(" + c + ")", " + ");
	}

}

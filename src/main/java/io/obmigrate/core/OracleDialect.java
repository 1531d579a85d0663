package io.obmigrate.core;

import java.util.List;
import java.util.Locale;

/** Oracle Database (and H2 in Oracle mode). */
public final class OracleDialect implements Dialect {

	OracleDialect() {
	}

	@Override
	public String folder() {
		return "oracle";
	}

	@Override
	public String selectWithoutTable(String expressions) {
		return "SELECT " + expressions + " FROM DUAL";
	}

	@Override
	public String alterColumnType(String table, String column, String type, boolean notNull) {
		return "ALTER TABLE " + table + " MODIFY (" + column + " " + type + ")";
	}

	@Override
	public List<String> sessionTimeZoneQueries() {
		return List.of("SELECT SESSIONTIMEZONE || ' (database ' || DBTIMEZONE || ')' FROM DUAL");
	}

	@Override
	public List<String> charLength(String expression) {
		return List.of("LENGTH(" + expression + ")");
	}

	@Override
	public List<String> byteLength(String expression) {
		return List.of("DBMS_LOB.GETLENGTH(" + expression + ")", "OCTET_LENGTH(" + expression + ")");
	}

	@Override
	public boolean countsBytes(String typeName) {
		return typeName.toUpperCase(Locale.ROOT).startsWith("VARCHAR");
	}

	/** VARCHAR2 holds 4000 bytes unless MAX_STRING_SIZE=EXTENDED. */
	@Override
	public int maxVarcharSize() {
		return 4_000;
	}

	@Override
	public String widerVarcharNeeds() {
		return "MAX_STRING_SIZE=EXTENDED";
	}

	@Override
	public String clobType() {
		return "CLOB";
	}

	@Override
	public String varcharType(int length) {
		return "VARCHAR2(" + length + ")";
	}

	@Override
	public String intType() {
		return "NUMBER(10)";
	}

	@Override
	public String bigintType() {
		return "NUMBER(19)";
	}

	@Override
	public String booleanType() {
		return "NUMBER(1)";
	}

	@Override
	public String batchSchemaPlatform() {
		return "oracle";
	}

	@Override
	public String toString() {
		return folder();
	}

	@Override
	public String declaredTypesQuery() {
		return "SELECT COLUMN_NAME, DATA_TYPE, CASE WHEN CHAR_LENGTH > 0 THEN CHAR_LENGTH END, DATA_PRECISION,"
				+ " DATA_SCALE FROM USER_TAB_COLUMNS WHERE TABLE_NAME = ? ORDER BY COLUMN_ID";
	}

	/** '...' with quotes doubled; control characters and {@code &} (SQL*Plus substitution) as CHR(n). */
	@Override
	public String escapedLiteral(String value) {
		return SqlText.concatenatedLiteral(value, "'", c -> c < 0x20 || c == 0x7F || c == '&', c -> "CHR(" + c + ")",
				" || ");
	}

}

package io.obmigrate.core;

import java.util.List;
import java.util.Locale;

/** PostgreSQL. */
public final class PostgresDialect implements Dialect {

	PostgresDialect() {
	}

	@Override
	public String folder() {
		return "postgresql";
	}

	@Override
	public String alterColumnType(String table, String column, String type, boolean notNull) {
		return "ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE " + type;
	}

	@Override
	public List<String> sessionTimeZoneQueries() {
		return List.of("SHOW TimeZone");
	}

	@Override
	public String storedName(String identifier) {
		return identifier.toLowerCase(Locale.ROOT);
	}

	@Override
	public String quote(String upperCaseIdentifier) {
		return upperCaseIdentifier;
	}

	@Override
	public int maxVarcharSize() {
		return 10_485_760;
	}

	@Override
	public String serverEncodingQuery() {
		return "SHOW server_encoding";
	}

	@Override
	public String clobType() {
		return "TEXT";
	}

	@Override
	public String batchSchemaPlatform() {
		return "postgresql";
	}

	@Override
	public String overlay(String text, int position, int length, String with) {
		return "OVERLAY(" + text + " PLACING " + with + " FROM " + position + " FOR " + length + ")";
	}

	@Override
	public String asciiChar(int code) {
		return "CHR(" + code + ")";
	}

	@Override
	public String md5Hex(String bytesInHex, String text) {
		return "MD5(DECODE('" + bytesInHex + "', 'hex') || CONVERT_TO(" + text + ", 'UTF8'))";
	}

	@Override
	public String epochMillisAsUtcText(String ms) {
		return "TO_CHAR(TIMESTAMP '1970-01-01 00:00:00' + " + ms + " * INTERVAL '1 millisecond',"
				+ " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
	}

	@Override
	public String byCodePoint(String text) {
		return text + " COLLATE \"C\"";
	}

	@Override
	public String nullsLastWhenDescending() {
		return " NULLS LAST";
	}

	@Override
	public boolean foreignKeysAfterLoad() {
		return true;
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
		return "SELECT a.attname, format_type(a.atttypid, a.atttypmod), NULL, NULL, NULL FROM pg_attribute a WHERE"
				+ " a.attrelid = to_regclass(quote_ident(?)) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
	}


	@Override
	public String refreshStatistics() {
		return "ANALYZE";
	}

	/**
	 * {@code NOT VALID}: the key holds its two tables' locks for an instant and checks only new rows; its validation
	 * then locks its own table only against schema changes and other maintenance, and its parent only against removal,
	 * so the keys of several tables are checked at once.
	 */
	@Override
	public String foreignKeyUncheckedSuffix() {
		return " NOT VALID";
	}

	@Override
	public String validateForeignKey(String table, String constraint) {
		return "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + constraint;
	}

	@Override
	public String uncheckedForeignKeysQuery() {
		return "SELECT t.relname, c.conname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n"
				+ " ON n.oid = t.relnamespace WHERE c.contype = 'f' AND NOT c.convalidated AND n.nspname = current_schema()"
				+ " AND t.relname = ANY (string_to_array(?, ',')) ORDER BY t.relname, c.conname";
	}

	/** PostgreSQL 14 and later keep {@code reltuples} at -1 until a table is first analyzed or vacuumed. */
	@Override
	public String tablesWithoutStatisticsQuery() {
		return "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname ="
				+ " current_schema() AND c.relkind = 'r' AND c.reltuples < 0 AND c.relname = ANY (string_to_array(?, ','))"
				+ " ORDER BY c.relname";
	}

	/** Never analyzed, or more rows changed since the last analysis than a tenth of the table (autovacuum's own cue). */
	@Override
	public String tablesWithStaleStatisticsQuery() {
		return "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN"
				+ " pg_stat_user_tables s ON s.relid = c.oid WHERE n.nspname = current_schema() AND c.relkind = 'r' AND"
				+ " c.relname = ANY (string_to_array(?, ',')) AND (c.reltuples < 0 OR s.relid IS NULL OR"
				+ " s.n_mod_since_analyze > 0.1 * GREATEST(c.reltuples, 1000)) ORDER BY c.relname";
	}

	/** An escape string: {@code E'...'} means the same with standard_conforming_strings on or off. */
	@Override
	public String escapedLiteral(String value) {
		StringBuilder out = new StringBuilder("E'");
		value.codePoints().forEach(c -> {
			if (c == '\'' || c == '\\') {
				out.append('\\').appendCodePoint(c);
			}
			else if (c < 0x20 || c == 0x7F) {
				out.append(String.format("\\x%02X", c));
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return out.append('\'').toString();
	}

}

package io.obmigrate.core;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * What differs between the databases obmigrate speaks, one class per database ({@link MySqlDialect},
 * {@link PostgresDialect}, {@link SqlServerDialect}, {@link OracleDialect}, {@link H2Dialect}). Detected once per data
 * source from JDBC metadata (the product name, never the driver name); MariaDB counts as MySQL; H2 in a compatibility
 * mode counts as the database it imitates, so SQL Server and Oracle SQL is exercised on H2 too. Code outside these
 * classes asks the dialect rather than branching on it.
 */
public sealed interface Dialect permits MySqlDialect, PostgresDialect, SqlServerDialect, OracleDialect, H2Dialect {

	Dialect MYSQL = new MySqlDialect();

	Dialect POSTGRESQL = new PostgresDialect();

	Dialect MSSQL = new SqlServerDialect();

	Dialect ORACLE = new OracleDialect();

	Dialect H2 = new H2Dialect();

	static List<Dialect> values() {
		return List.of(MYSQL, POSTGRESQL, MSSQL, ORACLE, H2);
	}

	/** The folder under {@code sql/} that holds this dialect's DDL; also its name in settings. */
	String folder();

	static Dialect named(String name) {
		for (Dialect dialect : values()) {
			if (dialect.folder().equalsIgnoreCase(name)) {
				return dialect;
			}
		}
		throw new ConfigurationProblem(
				"Unknown dialect '" + name + "'. Use one of: mysql, postgresql, mssql, oracle, h2 (or leave it unset).");
	}

	static Dialect detect(Connection connection) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
		if (product.contains("mysql") || product.contains("mariadb")) {
			return MYSQL;
		}
		if (product.contains("postgres")) {
			return POSTGRESQL;
		}
		if (product.contains("microsoft") || product.contains("sql server")) {
			return MSSQL;
		}
		if (product.contains("oracle")) {
			return ORACLE;
		}
		if (product.contains("h2")) {
			return H2Dialect.mode(connection);
		}
		throw new ConfigurationProblem("Database product '" + metaData.getDatabaseProductName()
				+ "' is not supported. obmigrate supports MySQL/MariaDB, PostgreSQL, SQL Server, Oracle and H2.");
	}

	// ---- queries

	/** Appends "the first {@code rows} rows" to a query that ends with its ORDER BY. */
	default String limit(String orderedQuery, int rows) {
		return orderedQuery + " FETCH FIRST " + rows + " ROWS ONLY";
	}

	/** The single row at zero-based position {@code offset} of a query that ends with its ORDER BY. */
	default String rowAt(String orderedQuery, long offset) {
		return orderedQuery + " OFFSET " + offset + " ROWS FETCH NEXT 1 ROWS ONLY";
	}

	/** A SELECT of expressions without a table ({@code FROM DUAL} where the database needs one). */
	default String selectWithoutTable(String expressions) {
		return "SELECT " + expressions;
	}

	/** The statement that renames a table. */
	default String renameTable(String from, String to) {
		return "ALTER TABLE " + from + " RENAME TO " + to;
	}

	/** The statement that changes a column's type; {@code column} as {@link #quote} gives it. */
	String alterColumnType(String table, String column, String type, boolean notNull);

	/** Queries that may give the session's time zone, tried in order. */
	default List<String> sessionTimeZoneQueries() {
		return List.of();
	}

	// ---- names

	/** Table names as the database stores unquoted identifiers (PostgreSQL folds them to lower case). */
	default String storedName(String identifier) {
		return identifier;
	}

	/**
	 * A column name that is a keyword in some databases (Identity Server's {@code SP_METADATA.VALUE} is reserved in
	 * H2 2.x), quoted the way this database stores it.
	 */
	default String quote(String upperCaseIdentifier) {
		return "\"" + upperCaseIdentifier + "\"";
	}

	/**
	 * A string as a literal of this database's SQL, for statements obmigrate writes for a DBA to review and run. It
	 * stands for exactly {@code value} whatever the session's settings (MySQL's backslash escapes, PostgreSQL's
	 * standard_conforming_strings) and whatever the client (no {@code ;}, quote, {@code &} or {@code $(} a client
	 * could act on). Plain text stays readable in single quotes.
	 */
	default String literal(String value) {
		return SqlText.isPlain(value) ? "'" + value + "'" : escapedLiteral(value);
	}

	/** {@link #literal} of a value that is not plain text. */
	String escapedLiteral(String value);

	/** A table or column name read from the catalogue, quoted for statements written for a DBA. */
	default String quotedName(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	/** Whether JDBC metadata takes the database as the catalog (MySQL) rather than as the schema. */
	default boolean databaseIsCatalog() {
		return false;
	}

	// ---- declared types

	/**
	 * The declared type of each column of one table of the current schema (parameter: the table's name as stored): the
	 * column's name, its type name, character length, numeric precision and scale. Where the catalogue gives the whole
	 * type (MySQL's {@code COLUMN_TYPE}, PostgreSQL's {@code format_type}) the last three are NULL.
	 */
	default String declaredTypesQuery() {
		return INFORMATION_SCHEMA_TYPES;
	}

	/** The standard catalogue's form of {@link #declaredTypesQuery()} (H2 in every mode; the fall-back). */
	String INFORMATION_SCHEMA_TYPES = "SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION,"
			+ " NUMERIC_SCALE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME = ?"
			+ " ORDER BY ORDINAL_POSITION";

	/** The statement (followed by a table name) that refreshes a table's planner statistics, or null when not needed. */
	default String refreshStatistics() {
		return null;
	}

	/**
	 * A statement giving, as rows of a name and a value, the server's count of buffer-pool pages changed but not yet
	 * written to disk ({@code Innodb_buffer_pool_pages_dirty}), of all its pages ({@code …_pages_total}), and a page's
	 * bytes ({@code Innodb_page_size}); null where obmigrate does not look ({@link UnwrittenPages}).
	 */
	default String unwrittenPagesQuery() {
		return null;
	}

	/**
	 * A query for the tables, among those named by its one parameter (a comma-separated list of names as stored), that
	 * the planner has no statistics for (never analyzed), or null when the database plans without them well enough.
	 */
	default String tablesWithoutStatisticsQuery() {
		return null;
	}

	/**
	 * Like {@link #tablesWithoutStatisticsQuery()}, and also the tables whose statistics are stale: more than a tenth
	 * of their rows written since they were last analyzed (null when the database plans without them well enough).
	 */
	default String tablesWithStaleStatisticsQuery() {
		return null;
	}

	/**
	 * What follows an {@code ADD CONSTRAINT … FOREIGN KEY} to declare the key without checking the rows already there,
	 * so it is checked later by {@link #validateForeignKey} under weaker locks, or null when the database has no such
	 * form (the key is then added, and checked, in one statement).
	 */
	default String foreignKeyUncheckedSuffix() {
		return null;
	}

	/** The statement that checks the rows against a key declared with {@link #foreignKeyUncheckedSuffix()}. */
	default String validateForeignKey(String table, String constraint) {
		throw new UnsupportedOperationException("no foreign key declared unchecked on " + this);
	}

	/**
	 * A query for the foreign keys declared but never checked against the rows, among the tables named by its one
	 * parameter (a comma-separated list of names as stored): the table's name and the key's, both as stored; null
	 * where {@link #foreignKeyUncheckedSuffix()} is.
	 */
	default String uncheckedForeignKeysQuery() {
		return null;
	}

	// ---- sizes

	/** Expressions that give the length of a value in characters, most specific first (the next is a fallback). */
	default List<String> charLength(String expression) {
		return List.of("CHAR_LENGTH(" + expression + ")");
	}

	/** Expressions that give the size of a value in bytes (binary or text), most specific first. */
	default List<String> byteLength(String expression) {
		return List.of("OCTET_LENGTH(" + expression + ")");
	}

	/** Whether a character column of this type name counts bytes rather than characters. */
	default boolean countsBytes(String typeName) {
		return false;
	}

	/** The longest VARCHAR the database has without special settings. */
	default int maxVarcharSize() {
		return 65_535;
	}

	/** What a VARCHAR longer than {@link #maxVarcharSize()} needs. */
	default String widerVarcharNeeds() {
		return "another column type";
	}

	/** The query that gives the database's character encoding, or null when the check does not apply. */
	default String serverEncodingQuery() {
		return null;
	}

	/**
	 * Whether the database's JSON columns refuse text that is not JSON even where JDBC metadata reports them as text
	 * (MySQL's JSON type; MariaDB's LONGTEXT with a JSON check).
	 */
	default boolean jsonColumnsRefuseText() {
		return false;
	}

	/** Whether a column of this type holds UTC instants rather than wall-clock times (MySQL {@code TIMESTAMP}). */
	default boolean storesUtc(String typeName) {
		return false;
	}

	// ---- types, for the tables obmigrate creates

	/** A large character value. */
	String clobType();

	default String varcharType(int length) {
		return "VARCHAR(" + length + ")";
	}

	default String intType() {
		return "INT";
	}

	default String bigintType() {
		return "BIGINT";
	}

	default String booleanType() {
		return "BOOLEAN";
	}

	default String timestampType() {
		return "TIMESTAMP";
	}

	/** The name of Spring Batch's schema script for this database ({@code schema-<platform>.sql}). */
	String batchSchemaPlatform();

	// ---- expressions the reporting job's in-database copy computes with (MySQL/MariaDB, PostgreSQL, H2)

	/** Text concatenation. */
	default String concat(List<String> parts) {
		return "(" + String.join(" || ", parts) + ")";
	}

	/** {@code text} with {@code length} characters from {@code position} (1-based) replaced by {@code with}. */
	default String overlay(String text, int position, int length, String with) {
		return "INSERT(" + text + ", " + position + ", " + length + ", " + with + ")";
	}

	/** Whether {@link #overlay} inserts when {@code length} is 0 (H2's INSERT() does not). */
	default boolean overlayInserts() {
		return true;
	}

	/** Text read as UTF-8 whatever the column's character set. */
	default String asUtf8(String text) {
		return text;
	}

	/** The character of a code point below 128. */
	default String asciiChar(int code) {
		return "CHAR(" + code + ")";
	}

	/** A number as text. */
	default String numberAsText(String number) {
		return "CAST(" + number + " AS VARCHAR)";
	}

	/** MD5 of 16 bytes given in hex then the UTF-8 bytes of {@code text}, as 32 lower-case hex digits. */
	default String md5Hex(String bytesInHex, String text) {
		throw unsupported("MD5 over bytes");
	}

	/** Milliseconds since the epoch as {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}, whatever the session's zone. */
	default String epochMillisAsUtcText(String millis) {
		throw unsupported("epoch milliseconds as text");
	}

	/** Text compared by code point (a binary collation). */
	default String byCodePoint(String text) {
		return text;
	}

	/** What a descending ORDER BY item needs so NULL sorts last. */
	default String nullsLastWhenDescending() {
		return "";
	}

	/**
	 * Whether a bulk load into tables obmigrate creates adds their foreign keys after the load instead of checking
	 * them row by row during it: PostgreSQL checks every inserted child row with a trigger (a query and a row lock on
	 * the parent), which costs more than one validating pass over the loaded table.
	 */
	default boolean foreignKeysAfterLoad() {
		return false;
	}

	/** Whether the expressions above are written for this database. */
	default boolean computesInDatabase() {
		return false;
	}

	private UnsupportedOperationException unsupported(String what) {
		return new UnsupportedOperationException(what + " is not written for " + folder());
	}

}

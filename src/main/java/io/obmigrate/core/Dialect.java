package io.obmigrate.core;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The SQL dialects obmigrate speaks. Detected from JDBC metadata (the product name, never the driver
 * name); MariaDB counts as MySQL; H2 running in a compatibility mode counts as the dialect it imitates, so the MSSQL
 * and Oracle SQL is exercised on H2 too.
 */
public enum Dialect {

	MYSQL("mysql"), POSTGRESQL("postgresql"), MSSQL("mssql"), ORACLE("oracle"), H2("h2");

	private final String folder;

	Dialect(String folder) {
		this.folder = folder;
	}

	/** The folder under {@code sql/} that holds this dialect's DDL. */
	public String folder() {
		return this.folder;
	}

	public static Dialect named(String name) {
		for (Dialect dialect : values()) {
			if (dialect.folder.equalsIgnoreCase(name) || dialect.name().equalsIgnoreCase(name)) {
				return dialect;
			}
		}
		throw new ConfigurationProblem(
				"Unknown dialect '" + name + "'. Use one of: mysql, postgresql, mssql, oracle, h2 (or leave it unset).");
	}

	public static Dialect detect(Connection connection) throws SQLException {
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
			return h2Mode(connection);
		}
		throw new ConfigurationProblem("Database product '" + metaData.getDatabaseProductName()
				+ "' is not supported. obmigrate supports MySQL/MariaDB, PostgreSQL, SQL Server, Oracle and H2.");
	}

	private static Dialect h2Mode(Connection connection) throws SQLException {
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

	/** Appends "the first {@code rows} rows" to a query that ends with its ORDER BY. */
	public String limit(String orderedQuery, int rows) {
		return switch (this) {
			case MYSQL -> orderedQuery + " LIMIT " + rows;
			case MSSQL -> orderedQuery + " OFFSET 0 ROWS FETCH NEXT " + rows + " ROWS ONLY";
			default -> orderedQuery + " FETCH FIRST " + rows + " ROWS ONLY";
		};
	}

	/** The single row at zero-based position {@code offset} of a query that ends with its ORDER BY. */
	public String rowAt(String orderedQuery, long offset) {
		return this == MYSQL ? orderedQuery + " LIMIT 1 OFFSET " + offset
				: orderedQuery + " OFFSET " + offset + " ROWS FETCH NEXT 1 ROWS ONLY";
	}

	/** Table names as the database stores unquoted identifiers (PostgreSQL folds them to lower case). */
	public String storedName(String identifier) {
		return this == POSTGRESQL ? identifier.toLowerCase(Locale.ROOT) : identifier;
	}

	/**
	 * A column name that is a keyword in some databases (Identity Server's {@code SP_METADATA.VALUE} is reserved in
	 * H2 2.x), quoted the way this database stores it.
	 */
	public String quote(String upperCaseIdentifier) {
		return switch (this) {
			case MYSQL -> "`" + upperCaseIdentifier + "`";
			case POSTGRESQL -> upperCaseIdentifier;
			default -> "\"" + upperCaseIdentifier + "\"";
		};
	}

	/** Expressions that give the length of a value in characters, most specific first (the next is a fallback). */
	public java.util.List<String> charLength(String expression) {
		return switch (this) {
			case MSSQL -> java.util.List.of("LEN(" + expression + ")", "CHAR_LENGTH(" + expression + ")");
			case ORACLE -> java.util.List.of("LENGTH(" + expression + ")");
			default -> java.util.List.of("CHAR_LENGTH(" + expression + ")");
		};
	}

	/** Expressions that give the size of a value in bytes (binary or text), most specific first. */
	public java.util.List<String> byteLength(String expression) {
		return switch (this) {
			case MYSQL -> java.util.List.of("LENGTH(" + expression + ")");
			case MSSQL -> java.util.List.of("DATALENGTH(" + expression + ")", "OCTET_LENGTH(" + expression + ")");
			case ORACLE -> java.util.List.of("DBMS_LOB.GETLENGTH(" + expression + ")", "OCTET_LENGTH(" + expression + ")");
			default -> java.util.List.of("OCTET_LENGTH(" + expression + ")");
		};
	}

	/** Column type of a large character value, for obmigrate's own tables in the job-repository database. */
	public String clobType() {
		return switch (this) {
			case MYSQL -> "LONGTEXT";
			case POSTGRESQL -> "TEXT";
			case MSSQL -> "NVARCHAR(MAX)";
			default -> "CLOB";
		};
	}

	public String varcharType(int length) {
		return (this == ORACLE ? "VARCHAR2(" : "VARCHAR(") + length + ")";
	}

	public String bigintType() {
		return this == ORACLE ? "NUMBER(19)" : "BIGINT";
	}

}

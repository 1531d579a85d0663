package io.obmigrate.dcr;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.TableInspector;

/**
 * The Identity Server tables the DCR job reads and writes, checked by name from JDBC metadata, and the live
 * size of {@code SP_METADATA.VALUE}, which decides whether a value fits.
 */
public class IdentitySchema {

	/** Tables and the columns the DCR job addresses. */
	public static final Map<String, Set<String>> COLUMNS = columns();

	public static final String SCRIPT_TABLE = "SP_AUTH_SCRIPT";

	/** The size the upgrade requires for {@code SP_METADATA.VALUE}; Oracle's VARCHAR2 stops at 4000 bytes. */
	public static final int REQUIRED_VALUE_SIZE = 4096;

	/** The live {@code SP_METADATA} limits. */
	public record Limits(int valueSize, boolean valueInBytes, int nameSize, String valueType) {
	}

	private final ObmigrateDataSources dataSources;

	public IdentitySchema(ObmigrateDataSources dataSources) {
		this.dataSources = dataSources;
	}

	public Dialect dialect() {
		return this.dataSources.dialect(ObmigrateDataSources.Name.IDENTITY);
	}

	/** Missing tables or columns, one entry each; empty when the shape is as expected. */
	public List<String> problems(boolean withScripts) {
		Dialect dialect = dialect();
		List<String> problems = new java.util.ArrayList<>();
		try (Connection connection = this.dataSources.connect(ObmigrateDataSources.Name.IDENTITY)) {
			for (Map.Entry<String, Set<String>> table : COLUMNS.entrySet()) {
				if (!withScripts && table.getKey().equals(SCRIPT_TABLE)) {
					continue;
				}
				Map<String, TableInspector.Column> live = TableInspector.columns(connection, dialect, table.getKey());
				if (live.isEmpty()) {
					problems.add(table.getKey() + " (table missing)");
					continue;
				}
				List<String> missing = table.getValue().stream().filter(c -> !live.containsKey(c)).sorted().toList();
				if (!missing.isEmpty()) {
					problems.add(table.getKey() + " (columns missing: " + String.join(", ", missing) + ")");
				}
			}
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(ObmigrateDataSources.Name.IDENTITY, ex);
		}
		return problems;
	}

	public Limits limits() {
		Dialect dialect = dialect();
		try (Connection connection = this.dataSources.connect(ObmigrateDataSources.Name.IDENTITY)) {
			Map<String, TableInspector.Column> columns = TableInspector.columns(connection, dialect, "SP_METADATA");
			TableInspector.Column value = columns.get("VALUE");
			TableInspector.Column name = columns.get("NAME");
			if (value == null || name == null) {
				return new Limits(0, false, 0, "missing");
			}
			return new Limits(sizeOf(value), countsBytes(dialect, value), sizeOf(name), describe(value));
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(ObmigrateDataSources.Name.IDENTITY, ex);
		}
	}

	private static int sizeOf(TableInspector.Column column) {
		// Unbounded types (TEXT, CLOB, NVARCHAR(MAX)) report huge or zero sizes.
		return column.size() <= 0 ? Integer.MAX_VALUE : column.size();
	}

	/** Oracle {@code VARCHAR2} (byte length semantics by default) and SQL Server {@code VARCHAR} count bytes. */
	static boolean countsBytes(Dialect dialect, TableInspector.Column column) {
		String type = column.typeName().toUpperCase(Locale.ROOT);
		return dialect.countsBytes(type);
	}

	static String describe(TableInspector.Column column) {
		return column.typeName().toUpperCase(Locale.ROOT) + "(" + column.size() + ")";
	}

	/** The dialect's statement that widens {@code SP_METADATA.VALUE} to the size the upgrade requires. */
	public static String widenValueStatement(Dialect dialect) {
		return widenValueStatement(dialect, requiredValueSize(dialect));
	}

	/** The dialect's statement that widens {@code SP_METADATA.VALUE} to {@code size} (never changing its type). */
	public static String widenValueStatement(Dialect dialect, int size) {
		return dialect.alterColumnType("SP_METADATA", dialect.quote("VALUE"),
				dialect.varcharType(Math.min(size, dialect.maxVarcharSize())), true);
	}

	/** The size {@code check} requires: 4096, or 4000 on Oracle where 4096 needs MAX_STRING_SIZE=EXTENDED. */
	public static int requiredValueSize(Dialect dialect) {
		return Math.min(REQUIRED_VALUE_SIZE, dialect.maxVarcharSize());
	}

	private static Map<String, Set<String>> columns() {
		Map<String, Set<String>> columns = new LinkedHashMap<>();
		columns.put("SP_APP", Set.of("ID", "TENANT_ID", "APP_NAME"));
		columns.put("SP_METADATA", Set.of("ID", "SP_ID", "NAME", "VALUE", "DISPLAY_NAME", "TENANT_ID"));
		columns.put("SP_INBOUND_AUTH", Set.of("TENANT_ID", "INBOUND_AUTH_KEY", "INBOUND_AUTH_TYPE", "APP_ID"));
		columns.put("IDN_OAUTH_CONSUMER_APPS", Set.of("ID", "CONSUMER_KEY", "APP_NAME", "GRANT_TYPES"));
		columns.put(SCRIPT_TABLE, Set.of("ID", "APP_ID", "CONTENT", "IS_ENABLED"));
		return columns;
	}

}

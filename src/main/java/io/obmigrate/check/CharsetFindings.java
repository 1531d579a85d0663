package io.obmigrate.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.consent.ConsentTargetSchema;
import io.obmigrate.core.Dialect;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;

/**
 * Atlas A.2: WSO2's OB 3.0 MySQL setup creates databases in {@code latin1}. Target columns in a non-Unicode character
 * set lose every character outside it; this finds such columns and counts the source rows that hold such characters.
 */
class CharsetFindings {

	/** Source columns whose text ends up in the target, per target database. */
	private static final Map<String, String> CONSENT_SOURCES = sources("UK_ACCOUNT_INITIATION.REQUEST",
			"UK_COF_INITIATION.REQUEST", "UK_TRANSACTION_INITIATION.REQUEST", "OB_CONSENT_METADATA.METADATA_VALUE",
			"UK_ACCOUNT_CONSENT_REV_HISTORY.REVOCATION_REASON", "UK_COF_CONSENT_REV_HISTORY.REVOCATION_REASON");

	private static final Map<String, String> DCR_SOURCES = sources("OB_DCR_DETAILS.REQUEST");

	private final ObmigrateDataSources dataSources;

	CharsetFindings(ObmigrateDataSources dataSources) {
		this.dataSources = dataSources;
	}

	void check(Name target, List<String> targetTables, boolean dcr, List<Finding> findings) {
		if (this.dataSources.dialect(target) != Dialect.MYSQL || this.dataSources.dialect(Name.OB) != Dialect.MYSQL) {
			return;
		}
		JdbcTemplate targetJdbc = new JdbcTemplate(this.dataSources.get(target));
		List<String> narrow = new ArrayList<>();
		List<String> tables = new ArrayList<>();
		targetJdbc.query("SELECT TABLE_NAME, COLUMN_NAME, CHARACTER_SET_NAME FROM information_schema.COLUMNS WHERE"
				+ " TABLE_SCHEMA = DATABASE() AND CHARACTER_SET_NAME IS NOT NULL AND CHARACTER_SET_NAME NOT LIKE 'utf8%'"
				+ " AND UPPER(TABLE_NAME) IN (" + String.join(", ", targetTables.stream().map(t -> "'" + t + "'").toList())
				+ ") ORDER BY TABLE_NAME, COLUMN_NAME", rs -> {
					narrow.add(rs.getString(1) + "." + rs.getString(2) + " (" + rs.getString(3) + ")");
					if (!tables.contains(rs.getString(1))) {
						tables.add(rs.getString(1));
					}
				});
		if (narrow.isEmpty()) {
			return;
		}
		JdbcTemplate source = new JdbcTemplate(this.dataSources.get(Name.OB));
		Map<String, Long> affected = new LinkedHashMap<>();
		(dcr ? DCR_SOURCES : CONSENT_SOURCES).forEach((table, column) -> {
			try {
				Long n = source.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE CONVERT(CONVERT(" + column
						+ " USING latin1) USING utf8mb4) <> " + column, Long.class);
				if (n != null && n > 0) {
					affected.put(table + "." + column, n);
				}
			}
			catch (DataAccessException ex) {
				// table absent: the source findings report it
			}
		});
		String area = target == Name.IDENTITY ? "identity" : "ob-target";
		// Converting one table of a foreign-key pair at a time trips the key checks; they are off for the conversion only.
		List<String> statements = new ArrayList<>();
		statements.add("SET FOREIGN_KEY_CHECKS = 0");
		tables.forEach(t -> statements.add("ALTER TABLE " + t + " CONVERT TO CHARACTER SET utf8mb4"));
		statements.add("SET FOREIGN_KEY_CHECKS = 1");
		String found = "Target columns in a non-Unicode character set: " + ConsentFindings.listed(narrow) + ".";
		if (affected.isEmpty()) {
			findings.add(Finding.warn(area, "latin1-target", found + " No source row holds a character outside Latin-1"
					+ " today.", "Data written later by OB 3.0 may not fit (atlas A.2).",
					"Convert the tables to utf8mb4 when convenient (statements via --emit-sql).")
				.withStatements(statements));
		}
		else {
			findings.add(Finding.blocker(area, "latin1-target", found + " Source rows with characters Latin-1 cannot"
					+ " hold: " + affected + ".", "Those characters would be stored as '?' (atlas A.2).",
					"Convert the tables to utf8mb4 before the migration (statements via `check --emit-sql FILE`;"
							+ " a DBA runs them, obmigrate does not).")
				.withStatements(statements));
		}
	}

	static List<String> consentTables() {
		return ConsentTargetSchema.TABLES;
	}

	private static Map<String, String> sources(String... tableColumns) {
		Map<String, String> map = new LinkedHashMap<>();
		for (String tableColumn : tableColumns) {
			int dot = tableColumn.indexOf('.');
			map.put(tableColumn.substring(0, dot), tableColumn.substring(dot + 1));
		}
		return map;
	}

}

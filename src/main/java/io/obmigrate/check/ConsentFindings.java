package io.obmigrate.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.consent.ConsentPreflight;
import io.obmigrate.consent.ConsentTargetSchema;
import io.obmigrate.consent.ConsentType;
import io.obmigrate.consent.TargetLimits;
import io.obmigrate.consent.VocabularyProfile;
import io.obmigrate.core.Dialect;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.ObmigrateProperties;
import io.obmigrate.core.PreflightBlocker;
import io.obmigrate.core.SourceClock;
import io.obmigrate.core.SourceTimes;
import io.obmigrate.core.TableInspector;
import io.obmigrate.dcr.DcrPreflight;

/**
 * The consent side of {@code check}: the OB 2.0 source tables (atlas B, by name and type family), the OB 3.0 target
 * tables (atlas C) and what they hold, and the data that the consent job would quarantine, truncate or mangle.
 */
class ConsentFindings {

	enum Family {

		TEXT, NUMBER, TIME, BINARY_OR_TEXT

	}

	private static final int LISTED = 10;

	private final ObmigrateDataSources dataSources;

	private final ObmigrateProperties properties;

	private final ConsentTargetSchema targetSchema;

	ConsentFindings(ObmigrateDataSources dataSources, ObmigrateProperties properties) {
		this.dataSources = dataSources;
		this.properties = properties;
		this.targetSchema = new ConsentTargetSchema(dataSources);
	}

	/** The source tables the jobs read (consent and DCR) with their expected columns. */
	static Map<String, Set<String>> sourceTables() {
		Map<String, Set<String>> tables = new LinkedHashMap<>(ConsentPreflight.SOURCE_COLUMNS);
		tables.put("OB_DCR_DETAILS", DcrPreflight.SOURCE_COLUMNS);
		return tables;
	}

	/** The type family atlas B gives a source column. */
	static Family expected(String table, String column) {
		if (column.endsWith("TIMESTAMP") || column.equals("AUTHORIZATION_EXPIRY_DATE")) {
			return Family.TIME;
		}
		if (column.equals("ID") && (table.startsWith("OB_MULTI_AUTHORIZATION") || table.equals("UK_CONSENT_REV"))) {
			return Family.NUMBER;
		}
		if (column.equals("PAYMENT_FILE")) {
			return Family.BINARY_OR_TEXT;
		}
		return Family.TEXT;
	}

	static boolean matches(Family family, TableInspector.Column column) {
		return switch (column.jdbcType()) {
			case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
					Types.CLOB, Types.NCLOB ->
				family == Family.TEXT || family == Family.BINARY_OR_TEXT;
			case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC ->
				family == Family.NUMBER;
			case Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> family == Family.TIME;
			case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> family == Family.BINARY_OR_TEXT;
			default -> column.isJson() && family == Family.TEXT;
		};
	}

	/** Adds the source findings; returns the source tables the jobs cannot read (missing, or not of the expected shape). */
	Set<String> source(List<Finding> findings) {
		Set<String> unusable = new java.util.TreeSet<>();
		Dialect dialect = this.dataSources.dialect(Name.OB);
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSources.get(Name.OB));
		Map<String, Long> counts = new LinkedHashMap<>();
		try (Connection connection = this.dataSources.connect(Name.OB)) {
			for (Map.Entry<String, Set<String>> table : sourceTables().entrySet()) {
				Map<String, TableInspector.Column> live = TableInspector.columns(connection, dialect, table.getKey());
				if (live.isEmpty()) {
					unusable.add(table.getKey());
					findings.add(Finding.blocker("ob", "source-table-missing", "OB 2.0 table " + table.getKey()
							+ " is missing in " + this.dataSources.settings(Name.OB) + ".",
							"The consent and DCR jobs read it (atlas B).",
							"Point obmigrate.ob.url at the OB 2.0 openbank_openbankingdb database; sql/"
									+ dialect.folder() + "/ob2-source.sql shows the expected shape."));
					continue;
				}
				List<String> problems = new ArrayList<>();
				for (String column : table.getValue().stream().sorted().toList()) {
					TableInspector.Column found = live.get(column);
					if (found == null) {
						problems.add(column + " missing");
					}
					else if (!matches(expected(table.getKey(), column), found)) {
						problems.add(column + " is " + found.typeName() + ", expected a "
								+ expected(table.getKey(), column).name().toLowerCase(Locale.ROOT).replace('_', ' ')
								+ " type");
					}
				}
				if (!problems.isEmpty()) {
					unusable.add(table.getKey());
					findings.add(Finding.blocker("ob", "source-column-shape", "OB 2.0 table " + table.getKey() + ": "
							+ String.join("; ", problems) + ".",
							"obmigrate addresses columns by name and reads them by type family (atlas B.0).",
							"Compare the table with sql/" + dialect.folder() + "/ob2-source.sql; a customised table"
									+ " needs a view with the expected names and types."));
				}
				counts.put(table.getKey(), jdbc.queryForObject("SELECT COUNT(*) FROM " + table.getKey(), Long.class));
			}
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(Name.OB, ex);
		}
		if (!counts.isEmpty()) {
			StringBuilder text = new StringBuilder("OB 2.0 row counts:");
			counts.forEach((table, n) -> text.append(String.format("%n%-32s %,14d", table, n)));
			findings.add(Finding.info("ob", "source-row-counts", text.toString()));
		}
		return unusable;
	}

	void target(List<Finding> findings) {
		List<String> missing = this.targetSchema.missingTables();
		Dialect dialect = this.targetSchema.dialect();
		if (!missing.isEmpty()) {
			boolean all = missing.size() == ConsentTargetSchema.TABLES.size();
			Finding finding = Finding.blocker("ob-target", "target-tables-missing",
					"OB 3.0 consent tables missing in " + this.dataSources.settings(Name.OB_TARGET) + ": " + missing
							+ ".",
					"The consent job writes them; the accelerator creates them only when told to (atlas C).",
					all ? "`obmigrate check --fix` creates them from " + this.targetSchema.ddlFile()
							+ " (or run that file, or `run consent --create-schema`)."
							: "Only some exist: create the missing ones from " + this.targetSchema.ddlFile()
									+ " by hand; obmigrate will not complete a partly created schema.")
				.withStatements(List.of(ddl(this.targetSchema.ddlFile())));
			if (all) {
				finding = finding.withSafeFix(new Finding.SafeFix() {
					@Override
					public String describe() {
						return "create the OB 3.0 consent tables from " + ConsentFindings.this.targetSchema.ddlFile();
					}

					@Override
					public void apply() {
						ConsentFindings.this.targetSchema.ensureTables(true);
					}
				});
			}
			findings.add(finding);
			return;
		}
		JdbcTemplate target = new JdbcTemplate(this.dataSources.get(Name.OB_TARGET));
		Long total = target.queryForObject("SELECT COUNT(*) FROM OB_CONSENT", Long.class);
		String holding = String.format("OB 3.0 tables present; OB_CONSENT holds %,d rows", total);
		if (!this.dataSources.separateTarget() && total != null && total > 0) {
			StringBuilder exists = new StringBuilder();
			for (ConsentType type : ConsentType.values()) {
				exists.append(exists.length() == 0 ? "" : " OR ")
					.append("EXISTS (SELECT 1 FROM ")
					.append(type.initiationTable())
					.append(" I WHERE I.ID = C.CONSENT_ID)");
			}
			Long migrated = target.queryForObject("SELECT COUNT(*) FROM OB_CONSENT C WHERE " + exists, Long.class);
			holding += String.format(": %,d with an OB 2.0 consent ID (already migrated; a run filters them) and %,d"
					+ " native OB 3.0 consents", migrated, total - (migrated == null ? 0 : migrated));
		}
		findings.add(Finding.info("ob-target", "target-tables", holding + "."));
		try {
			this.targetSchema.probeVocabulary(VocabularyProfile.named(this.properties.getConsent().getProfile()));
		}
		catch (PreflightBlocker ex) {
			findings.add(Finding.blocker("consent", "vocabulary-clash", ex.getMessage(),
					"One database must not mix two spellings of the consent statuses (atlas D.2, U1).",
					"Choose the profile the deployment reads (obmigrate.consent.profile)."));
		}
		if (dialect == Dialect.POSTGRESQL) {
			String encoding = target.queryForObject("SHOW server_encoding", String.class);
			if (!"UTF8".equalsIgnoreCase(encoding)) {
				findings.add(Finding.warn("ob-target", "database-encoding", "The target database encoding is "
						+ encoding + ".", "Consent receipts and DCR payloads may hold characters it cannot store.",
						"Use a UTF8 database for OB 3.0."));
			}
		}
	}

	/** Data the consent job would quarantine, truncate or flag (atlas D.6), and signs that OB 2.0 is still live. */
	void risks(Instant updatedAfter, List<Finding> findings) {
		JdbcTemplate source = new JdbcTemplate(this.dataSources.get(Name.OB));
		Dialect dialect = this.dataSources.dialect(Name.OB);
		statuses(source, findings);
		TargetLimits limits = this.targetSchema.missingTables().isEmpty() ? this.targetSchema.limits()
				: TargetLimits.defaults(255);
		long fileMax = limits.max("OB_CONSENT_FILE.CONSENT_FILE");
		if (fileMax < Long.MAX_VALUE) {
			over(source, dialect, "UK_TRANSACTION_FILE", "CONSENT_ID", "PAYMENT_FILE", true, fileMax,
					"payment-file-too-large", "payment files larger than OB_CONSENT_FILE.CONSENT_FILE (" + fileMax
							+ " bytes)",
					"The consent job quarantines these consents (atlas D.6 #23).",
					"Widen OB_CONSENT_FILE.CONSENT_FILE (MySQL: MEDIUMBLOB or LONGBLOB) before the run.", findings);
		}
		long reasonMax = limits.max("OB_CONSENT_STATUS_AUDIT.REASON");
		for (String table : List.of("UK_ACCOUNT_CONSENT_REV_HISTORY", "UK_COF_CONSENT_REV_HISTORY")) {
			over(source, dialect, table, "CONSENT_ID", "REVOCATION_REASON", false, reasonMax, "revocation-reason-too-long",
					"revocation reasons longer than OB_CONSENT_STATUS_AUDIT.REASON (" + reasonMax + ")",
					"They are cut to the column size between characters, with a notice per consent (atlas D.6 #6).",
					"Accept the cut, or widen OB_CONSENT_STATUS_AUDIT.REASON before the run.", findings);
		}
		long attributeMax = limits.max("OB_CONSENT_ATTRIBUTE.ATT_VALUE");
		over(source, dialect, "OB_CONSENT_METADATA", "CONSENT_ID", "METADATA_VALUE", false, attributeMax,
				"attribute-value-too-long", "metadata values longer than OB_CONSENT_ATTRIBUTE.ATT_VALUE ("
						+ attributeMax + ")",
				"The consent job quarantines these consents rather than cut a value (atlas D.6 #24).",
				"Widen OB_CONSENT_ATTRIBUTE.ATT_VALUE before the run.", findings);
		if (updatedAfter != null) {
			updatedAfter(updatedAfter, findings);
		}
	}

	private void statuses(JdbcTemplate source, List<Finding> findings) {
		Map<String, String> extra = this.properties.getConsent().getExtraStatuses();
		Map<String, Long> unknown = new TreeMap<>();
		Map<String, Long> all = new TreeMap<>();
		for (ConsentType type : ConsentType.values()) {
			source.query("SELECT STATUS, COUNT(*) FROM " + type.initiationTable() + " GROUP BY STATUS", rs -> {
				String status = rs.getString(1);
				long n = rs.getLong(2);
				all.merge(type.targetType() + ":" + status, n, Long::sum);
				if (VocabularyProfile.stateOf(status, extra) == null) {
					unknown.merge(type.initiationTable() + " '" + status + "'", n, Long::sum);
				}
			});
		}
		findings.add(Finding.info("consent", "source-statuses", "OB 2.0 consent statuses (type:status=rows): " + all));
		if (!unknown.isEmpty()) {
			findings.add(Finding.warn("consent", "status-without-mapping", "Statuses without a mapping in profile "
					+ this.properties.getConsent().getProfile() + ": " + unknown + ".",
					"Consents with these statuses are quarantined (atlas D.6 #7, U6).",
					"Map each to an OB 3.0 status: obmigrate.consent.extra-statuses.<status>=<OB 3.0 status>."));
		}
	}

	private void over(JdbcTemplate source, Dialect dialect, String table, String key, String column, boolean bytes,
			long max, String code, String what, String why, String fix, List<Finding> findings) {
		List<String> expressions = bytes ? dialect.byteLength(column) : dialect.charLength(column);
		for (String length : expressions) {
			try {
				List<String> keys = source.queryForList("SELECT " + key + " FROM " + table + " WHERE " + length + " > ?"
						+ " ORDER BY " + key, String.class, max);
				if (!keys.isEmpty()) {
					findings.add(Finding.warn("consent", code, keys.size() + " row(s) of " + table + " with " + what
							+ " (" + key + "):", why, fix).withItems(keys));
				}
				return;
			}
			catch (DataAccessException ex) {
				// the next, more generic length function
			}
		}
		findings.add(Finding.warn("consent", code + "-unmeasured", "Could not measure " + table + "." + column
				+ " on this database.", why, "Check the longest value by hand against " + max + "."));
	}

	private void updatedAfter(Instant instant, List<Finding> findings) {
		SourceClock clock = new SourceClock(new SourceTimes(this.properties.getSourceTimeZone()));
		JdbcTemplate source = new JdbcTemplate(this.dataSources.get(Name.OB));
		Map<String, Long> changed = new LinkedHashMap<>();
		try (Connection connection = this.dataSources.connect(Name.OB)) {
			for (ConsentType type : ConsentType.values()) {
				clock.learn(connection, this.dataSources.dialect(Name.OB), type.initiationTable());
			}
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(Name.OB, ex);
		}
		for (ConsentType type : ConsentType.values()) {
			Long n = source.queryForObject("SELECT COUNT(*) FROM " + type.initiationTable()
					+ " WHERE STATUS_UPDATED_TIMESTAMP > ?", Long.class,
					clock.columnValue(instant, type.initiationTable(), "STATUS_UPDATED_TIMESTAMP"));
			if (n != null && n > 0) {
				changed.put(type.initiationTable(), n);
			}
		}
		if (changed.isEmpty()) {
			findings.add(Finding.info("consent", "updated-after", "No OB 2.0 consent was updated after " + instant + "."));
		}
		else {
			findings.add(Finding.blocker("consent", "updated-after", "OB 2.0 consents updated after " + instant + ": "
					+ changed + ".", "OB 2.0 is still writing: changes made after the copy are lost.",
					"Stop OB 2.0 (API Manager and Identity Server) before the migration, then check again."));
		}
	}

	static String listed(List<String> keys) {
		return String.join(", ", keys.subList(0, Math.min(LISTED, keys.size())))
				+ (keys.size() > LISTED ? " and " + (keys.size() - LISTED) + " more" : "");
	}

	static String ddl(String resource) {
		try {
			return new String(new ClassPathResource(resource).getInputStream().readAllBytes(),
					java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

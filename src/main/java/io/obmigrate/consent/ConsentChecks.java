package io.obmigrate.consent;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.CharsetProbe;
import io.obmigrate.core.CheckRun;
import io.obmigrate.core.Dialect;
import io.obmigrate.core.Finding;
import io.obmigrate.core.PrivilegeProbe;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.ObmigrateProperties;
import io.obmigrate.core.SourceClock;
import io.obmigrate.core.SourceShape;
import io.obmigrate.core.SourceTimes;
import io.obmigrate.core.UnwrittenPages;

/**
 * The consent job's checks, declared once: gates (the OB 2.0 source shape, the OB 3.0 tables, the status vocabulary
 * already in the target, character sets, consents updated after a given instant) refuse {@code run consent} and make
 * {@code check} exit 4; surveys (row counts, statuses, values too long for the target) only inform {@code check}.
 */
class ConsentChecks {

	/** The OB 2.0 tables the consent job reads, with each column it addresses and the type family it reads. */
	static final SourceShape SOURCE = SourceShape.builder()
		.table("UK_ACCOUNT_INITIATION")
		.text("ID", "REQUEST", "STATUS", "CLIENT_ID", "SPEC_VERSION")
		.time("CREATED_TIMESTAMP", "STATUS_UPDATED_TIMESTAMP")
		.sameAs("UK_COF_INITIATION")
		.table("UK_TRANSACTION_INITIATION")
		.text("ID", "REQUEST", "STATUS", "CLIENT_ID", "IDEMPOTENT_KEY", "SPEC_VERSION")
		.time("TIMESTAMP", "STATUS_UPDATED_TIMESTAMP")
		.table("UK_ACCOUNT_CONSENT_BINDING")
		.text("USER_ID", "CONSENT_ID", "ACCOUNT_ID", "COLLECTION_METHOD")
		.time("TIMESTAMP")
		.sameAs("UK_COF_CONSENT_BINDING")
		.table("UK_TRANSACTION_CONSENT_BINDING")
		.text("USER_ID", "CONSENT_ID", "DEBTOR_ACCOUNT", "COLLECTION_METHOD")
		.time("TIMESTAMP")
		.table("UK_CONSENT_REV")
		.text("USER_ID", "CONSENT_ID", "ACCOUNT_ID", "COLLECTION_METHOD")
		.time("TIMESTAMP")
		.table("UK_ACCOUNT_CONSENT_REV_HISTORY")
		.text("CONSENT_ID", "REVOCATION_USER", "REVOCATION_REASON")
		.sameAs("UK_COF_CONSENT_REV_HISTORY")
		.table("UK_TRANSACTION_FILE")
		.text("CONSENT_ID", "IDEMPOTENT_KEY")
		.binaryOrText("PAYMENT_FILE")
		.time("TIMESTAMP")
		.table("OB_MULTI_AUTHORIZATION")
		.number("ID")
		.text("CONSENT_ID")
		.table("OB_MULTI_AUTHORIZATION_USER")
		.number("ID")
		.text("USER_ID")
		.table("OB_CONSENT_METADATA")
		.text("CONSENT_ID", "CONSENT_TYPE", "METADATA_KEY", "METADATA_VALUE")
		.build();

	/** Source text that ends up in the OB 3.0 tables: measured against a non-Unicode target character set. */
	private static final Map<String, String> TEXT_INTO_TARGET = Map.of("UK_ACCOUNT_INITIATION", "REQUEST",
			"UK_COF_INITIATION", "REQUEST", "UK_TRANSACTION_INITIATION", "REQUEST", "OB_CONSENT_METADATA",
			"METADATA_VALUE", "UK_ACCOUNT_CONSENT_REV_HISTORY", "REVOCATION_REASON", "UK_COF_CONSENT_REV_HISTORY",
			"REVOCATION_REASON");

	private final ObmigrateDataSources dataSources;

	private final ObmigrateProperties properties;

	private final ConsentProperties consent;

	private final ConsentTargetSchema targetSchema;

	private final java.util.function.Supplier<io.obmigrate.core.HighWaterMark> highWaterMark;

	ConsentChecks(ObmigrateDataSources dataSources, ObmigrateProperties properties, ConsentProperties consent,
			ConsentTargetSchema targetSchema, java.util.function.Supplier<io.obmigrate.core.HighWaterMark> highWaterMark) {
		this.highWaterMark = highWaterMark;
		this.dataSources = dataSources;
		this.properties = properties;
		this.consent = consent;
		this.targetSchema = targetSchema;
	}

	void check(CheckRun run) {
		Set<String> readable = new java.util.HashSet<>();
		String ddl = "sql/" + this.dataSources.dialect(Name.OB).folder() + "/ob2-source.sql";
		run.gate("ob", "consent source tables",
				() -> readable.addAll(SOURCE.check(this.dataSources, Name.OB, "ob", ddl, run)));
		run.survey("ob", "consent source row counts",
				() -> SOURCE.count(this.dataSources, Name.OB, "ob", readable, run));
		boolean[] targetReady = { false };
		run.gate("ob-target", "OB 3.0 consent tables", () -> targetReady[0] = target(run));
		run.gate("ob-target", "write privileges", () -> PrivilegeProbe.check(run, "ob-target", this.dataSources,
				Name.OB_TARGET, ConsentJobConfiguration.JOB_NAME, ConsentTargetSchema.TABLES.stream()
					.map(table -> PrivilegeProbe.Needed.insert(table,
							table.equals("OB_CONSENT_MAPPING") ? "AUTH_ID" : "CONSENT_ID"))
					.toList()));
		run.gate("ob-target", "character sets", () -> new CharsetProbe(this.dataSources).check(Name.OB_TARGET,
				ConsentTargetSchema.TABLES, TEXT_INTO_TARGET, run));
		run.gate("ob-target", "pages not yet written out", () -> {
			UnwrittenPages.check(run, "ob-target", this.dataSources, Name.OB_TARGET);
			if (this.dataSources.separateTarget()) {
				UnwrittenPages.check(run, "ob", this.dataSources, Name.OB);
			}
		});
		if (readable.size() == SOURCE.tables().size()) {
			if (run.updatedAfter() != null) {
				run.gate("consent", "consents updated after " + run.updatedAfter(),
						() -> updatedAfter(run.updatedAfter(), run));
			}
			run.survey("consent", "consent risks", () -> risks(targetReady[0], run));
			run.survey("consent", "consents changed since the last run", () -> changedSinceLastRun(run));
		}
	}

	/** The OB 3.0 tables: present, or all missing and created on request. Returns whether they can be read. */
	private boolean target(CheckRun run) {
		List<String> missing = this.targetSchema.missingTables();
		Dialect dialect = this.targetSchema.dialect();
		if (!missing.isEmpty()) {
			boolean all = missing.size() == ConsentTargetSchema.TABLES.size();
			if (all && run.createSchema()) {
				return false; // the job creates them from the same file before it reads
			}
			Finding finding = Finding.blocker("ob-target", ConsentRule.TARGET_TABLES_MISSING,
					"OB 3.0 consent tables missing in " + this.dataSources.settings(Name.OB_TARGET) + ": " + missing
							+ ".",
					"The consent job writes them; the accelerator creates them only when told to.",
					all ? "`obmigrate check --fix` creates them from " + this.targetSchema.ddlFile()
							+ " (or run that file, or `run consent --create-schema`)."
							: "Only some exist: create the missing ones from " + this.targetSchema.ddlFile()
									+ " by hand; obmigrate will not complete a partly created schema.")
				.withStatements(List.of(ddl(this.targetSchema.ddlFile())));
			if (all) {
				finding = finding.withSafeFix(Finding.SafeFix.of(
						"create the OB 3.0 consent tables from " + this.targetSchema.ddlFile(),
						this.targetSchema::createTables));
			}
			run.add(finding);
			return false;
		}
		JdbcTemplate target = new JdbcTemplate(this.dataSources.get(Name.OB_TARGET));
		if (run.isCheck()) {
			targetHolding(target, run);
		}
		// empty tables: the full run adds the keys and builds the indexes when it completes, after its load
		boolean holdsConsents = holdsConsents(target);
		List<ConsentTargetSchema.ForeignKeyConstraint> absent = holdsConsents ? this.targetSchema.missingForeignKeys()
				: List.of();
		// declared by a run stopped before it checked the rows against them
		List<ConsentTargetSchema.ForeignKeyConstraint> unchecked = holdsConsents
				? this.targetSchema.uncheckedForeignKeys() : List.of();
		List<ConsentTargetSchema.ForeignKeyConstraint> keys = new java.util.ArrayList<>(unchecked);
		keys.addAll(absent);
		if (!keys.isEmpty()) {
			List<String> statements = new java.util.ArrayList<>(
					unchecked.stream().map(this.targetSchema::checkStatement).toList());
			statements.addAll(absent.stream().map(ConsentTargetSchema.ForeignKeyConstraint::add).toList());
			run.add(Finding.warn("ob-target", ConsentRule.FOREIGN_KEY_MISSING, "OB 3.0 consent tables without their"
					+ " foreign keys: " + String.join(", ", keys.stream()
						.map(key -> key.name() + " (" + key.table() + "." + key.column() + " -> " + key.parent()
								+ (unchecked.contains(key) ? "; declared, the rows not checked against it" : "") + ")")
						.toList())
					+ ".", "The database does not stop rows without their parent row from being written, and OB 3.0"
							+ " expects the keys; a run that completes adds them (one that stopped before it did not).",
					"`obmigrate check --fix` adds them now (each checks every row of its table), or run the statements.")
				.withStatements(statements)
				.withSafeFix(Finding.SafeFix.of("add the OB 3.0 consent foreign keys (" + keys.size() + ")", () -> {
					List<String> refused = new java.util.ArrayList<>();
					this.targetSchema.addForeignKeys((statement, message) -> refused.add(statement + ": " + message));
					if (!refused.isEmpty()) {
						throw new io.obmigrate.core.PreflightBlocker("The target database refused "
								+ String.join("; ", refused) + ". That table holds rows without their parent row:"
								+ " remove or repair them (find them by the key's column), then run `obmigrate"
								+ " check --fix` again.");
					}
				})));
		}
		List<String> indexes = holdsConsents ? this.targetSchema.missingForeignKeyIndexes() : List.of();
		if (!indexes.isEmpty()) {
			run.add(Finding.warn("ob-target", ConsentRule.FOREIGN_KEY_UNINDEXED, "OB 3.0 consent foreign keys without an"
					+ " index: " + String.join("; ", indexes.stream().map(s -> s.substring(s.indexOf(" ON ") + 4)).toList())
					+ ".", "A catch-up (`run consent --since-last-run`) or a rollback would scan these tables for every"
							+ " consent it removes (it creates the indexes first, in the window); a completed run creates"
							+ " them at its end.",
					"`obmigrate check --fix` creates them now, or run the statements.")
				.withStatements(indexes)
				.withSafeFix(Finding.SafeFix.of("create the OB 3.0 consent foreign-key indexes (" + indexes.size() + ")",
						this.targetSchema::createForeignKeyIndexes)));
		}
		VocabularyProfile profile = VocabularyProfile.named(this.consent.getProfile());
		Set<String> clashes = this.targetSchema.foreignStatuses(profile);
		if (!clashes.isEmpty()) {
			String other = profile.name().equals("wso2-r2") ? "uk-toolkit-native" : "wso2-r2";
			run.add(Finding.blocker("consent", ConsentRule.VOCABULARY_CLASH, "The target already holds OB 3.0 consents"
					+ " with statuses " + clashes + ", which profile " + profile.name() + " never writes. These look"
					+ " like " + other + " consents.", "One database must not mix two spellings of the consent statuses.",
					"Run with obmigrate.consent.profile=" + other + " (environment OBMIGRATE_CONSENT_PROFILE), or"
							+ " confirm with the OB 3.0 team which spelling the deployment reads."));
		}
		if (dialect.serverEncodingQuery() != null) {
			String encoding = target.queryForObject(dialect.serverEncodingQuery(), String.class);
			if (!"UTF8".equalsIgnoreCase(encoding)) {
				run.add(Finding.warn("ob-target", ConsentRule.DATABASE_ENCODING, "The target database encoding is "
						+ encoding + ".", "Consent receipts and DCR payloads may hold characters it cannot store.",
						"Use a UTF8 database for OB 3.0."));
			}
		}
		return true;
	}

	/** What a catch-up run ({@code run consent --since-last-run}) would read now, per consent type. */
	private void changedSinceLastRun(CheckRun run) {
		io.obmigrate.core.HighWaterMark mark = this.highWaterMark.get();
		if (mark == null) {
			return; // no completed run: the first run reads everything
		}
		SourceClock clock = new SourceClock(new SourceTimes(this.properties.getSourceTimeZone()));
		StringBuilder counts = new StringBuilder();
		long total = 0;
		for (ConsentType type : ConsentType.values()) {
			int changed = ConsentPageReader.changedIds(type, this.dataSources, clock, mark.since().getEpochSecond())
				.size();
			total += changed;
			counts.append(counts.isEmpty() ? "" : ", ").append(type.targetType()).append(' ').append(changed);
		}
		List<String> indexes = changeTimeIndexes();
		run.add(Finding.info("consent", ConsentRule.CHANGED_SINCE_LAST_RUN, String.format("%,d consents created or"
				+ " changed since %s (consent execution %d started %s, less the %s margin): %s. `run consent"
				+ " --since-last-run` would read these.%s", total, mark.since(), mark.executionId(), mark.runStarted(),
				this.consent.getCatchUpMargin(), counts, indexes.isEmpty() ? ""
						: " To find them it reads the OB 2.0 tables whole: indexing their change times before the"
								+ " window (the statements below; online, while OB 2.0 runs) makes that a range read."))
			.withStatements(indexes));
	}

	/** Whether OB_CONSENT holds a row (one row read, whatever its size). */
	private boolean holdsConsents(JdbcTemplate target) {
		return !target
			.queryForList(this.targetSchema.dialect().rowAt("SELECT CONSENT_ID FROM OB_CONSENT ORDER BY CONSENT_ID", 0),
					String.class)
			.isEmpty();
	}

	/**
	 * How many consents the OB 3.0 tables hold, migrated and native ({@code check} only: at a million consents the
	 * count takes seconds, which a run's pre-flight need not spend).
	 */
	private void targetHolding(JdbcTemplate target, CheckRun run) {
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
		run.add(Finding.info("ob-target", ConsentRule.TARGET_TABLES, holding + "."));
	}

	/** The OB 2.0 change-time columns a catch-up filters on that lead no index: the statements that index them. */
	private List<String> changeTimeIndexes() {
		Map<String, List<String>> times = new LinkedHashMap<>();
		for (ConsentType type : ConsentType.values()) {
			times.put(type.initiationTable(), List.of(type.createdColumn(), "STATUS_UPDATED_TIMESTAMP"));
			times.putIfAbsent(type.bindingTable(), List.of("TIMESTAMP"));
		}
		times.put("UK_CONSENT_REV", List.of("TIMESTAMP"));
		times.put("UK_TRANSACTION_FILE", List.of("TIMESTAMP"));
		List<String> statements = new java.util.ArrayList<>();
		Dialect dialect = this.dataSources.dialect(Name.OB);
		try (Connection connection = this.dataSources.connect(Name.OB)) {
			for (Map.Entry<String, List<String>> table : times.entrySet()) {
				Set<String> leading = io.obmigrate.core.TableInspector.leadingIndexColumns(connection, dialect,
						table.getKey());
				for (String column : table.getValue()) {
					if (!leading.contains(column)) {
						String name = "IDX_" + table.getKey().replace("_INITIATION", "_INIT").replace("_CONSENT", "")
								+ "_" + (column.equals("STATUS_UPDATED_TIMESTAMP") ? "SUT" : column.equals("TIMESTAMP")
										? "TS" : "CT");
						statements.add("CREATE INDEX " + name + " ON " + table.getKey() + " (" + column + ")");
					}
				}
			}
		}
		catch (SQLException ex) {
			return List.of();
		}
		return statements;
	}

	/** Data the consent job would quarantine, truncate or flag. */
	private void risks(boolean targetReady, CheckRun run) {
		JdbcTemplate source = new JdbcTemplate(this.dataSources.get(Name.OB));
		Dialect dialect = this.dataSources.dialect(Name.OB);
		statuses(source, run);
		TargetLimits limits = targetReady ? this.targetSchema.limits() : TargetLimits.defaults(255);
		long fileMax = limits.max(TargetColumn.CONSENT_FILE);
		if (fileMax < Long.MAX_VALUE) {
			over(source, dialect, "UK_TRANSACTION_FILE", "PAYMENT_FILE", true, fileMax, ConsentRule.FILE_TOO_LARGE,
					"payment files larger than OB_CONSENT_FILE.CONSENT_FILE (" + fileMax + " bytes)",
					"The consent job quarantines these consents.",
					"Widen OB_CONSENT_FILE.CONSENT_FILE (MySQL: MEDIUMBLOB or LONGBLOB) before the run.", run);
		}
		long reasonMax = limits.max(TargetColumn.AUDIT_REASON);
		for (String table : List.of("UK_ACCOUNT_CONSENT_REV_HISTORY", "UK_COF_CONSENT_REV_HISTORY")) {
			over(source, dialect, table, "REVOCATION_REASON", false, reasonMax, ConsentRule.REASON_TRUNCATED,
					"revocation reasons longer than OB_CONSENT_STATUS_AUDIT.REASON (" + reasonMax + ")",
					"They are cut to the column size between characters, with a notice per consent.",
					"Accept the cut, or widen OB_CONSENT_STATUS_AUDIT.REASON before the run.", run);
		}
		long attributeMax = limits.max(TargetColumn.ATTRIBUTE_VALUE);
		over(source, dialect, "OB_CONSENT_METADATA", "METADATA_VALUE", false, attributeMax,
				ConsentRule.VALUE_TOO_LONG, "metadata values longer than OB_CONSENT_ATTRIBUTE.ATT_VALUE ("
						+ attributeMax + ")",
				"The consent job quarantines these consents rather than cut a value.",
				"Widen OB_CONSENT_ATTRIBUTE.ATT_VALUE before the run.", run);
	}

	private void statuses(JdbcTemplate source, CheckRun run) {
		Map<String, String> extra = this.consent.getExtraStatuses();
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
		run.add(Finding.info("consent", ConsentRule.SOURCE_STATUSES,
				"OB 2.0 consent statuses (type:status=rows): " + all));
		// the launcher's JIT for the run that follows the check depends on the source's size
		io.obmigrate.core.LaunchJit.remember(this.properties.getHome(),
				all.values().stream().mapToLong(Long::longValue).sum());
		if (!unknown.isEmpty()) {
			run.add(Finding.warn("consent", ConsentRule.UNKNOWN_STATUS, "Statuses without a mapping in profile "
					+ this.consent.getProfile() + ": " + unknown + ".",
					"Consents with these statuses are quarantined.",
					"Map each to an OB 3.0 status: obmigrate.consent.extra-statuses.<status>=<OB 3.0 status>."));
		}
	}

	private void over(JdbcTemplate source, Dialect dialect, String table, String column, boolean bytes, long max,
			ConsentRule code, String what, String why, String fix, CheckRun run) {
		List<String> expressions = bytes ? dialect.byteLength(column) : dialect.charLength(column);
		for (String length : expressions) {
			try {
				List<String> keys = source.queryForList("SELECT CONSENT_ID FROM " + table + " WHERE " + length
						+ " > ? ORDER BY CONSENT_ID", String.class, max);
				if (!keys.isEmpty()) {
					run.add(Finding.warn("consent", code, keys.size() + " row(s) of " + table + " with " + what
							+ " (CONSENT_ID):", why, fix).withItems(keys));
				}
				return;
			}
			catch (DataAccessException ex) {
				// the next, more generic length function
			}
		}
		run.add(Finding.warn("consent", ConsentRule.LENGTH_UNMEASURED, "Could not measure " + table + "." + column
				+ " on this database.", why, "Check the longest value by hand against " + max + "."));
	}

	private void updatedAfter(Instant instant, CheckRun run) {
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
			run.add(Finding.info("consent", ConsentRule.UPDATED_AFTER,
					"No OB 2.0 consent was updated after " + instant + "."));
		}
		else {
			run.add(Finding.blocker("consent", ConsentRule.UPDATED_AFTER, "OB 2.0 consents updated after " + instant
					+ ": " + changed + ".", "OB 2.0 is still writing: changes made after the copy are lost.",
					"Stop OB 2.0 (API Manager and Identity Server) before the migration, then check again."));
		}
	}

	static String ddl(String resource) {
		try {
			return new String(new ClassPathResource(resource).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

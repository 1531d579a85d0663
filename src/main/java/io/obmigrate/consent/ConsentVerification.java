package io.obmigrate.consent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateProperties;
import io.obmigrate.core.RowComparison;
import io.obmigrate.core.RowComparison.Row;
import io.obmigrate.core.RowReportRepository;
import io.obmigrate.core.SourceClock;
import io.obmigrate.core.SourceTimes;
import io.obmigrate.core.SqlText;
import io.obmigrate.core.Verification;
import io.obmigrate.core.VerifyFailure;

/**
 * Verifies the consent job: each source consent is read with the job's own reader and mapped with the job's own
 * mapping, and the six OB 3.0 tables are compared with the result, column by column (IDs included: they are
 * deterministic). A consent the rules quarantine must be absent from the target and on the quarantine list; a target
 * consent with no source consent is reported apart.
 */
class ConsentVerification implements Verification {

	private static final String JOB = ConsentJobConfiguration.JOB_NAME;

	private final ObmigrateDataSources dataSources;

	private final ConsentProperties properties;

	private final ObmigrateProperties obmigrate;

	private final ConsentTargetSchema targetSchema;

	private final RowReportRepository quarantine;

	ConsentVerification(ObmigrateDataSources dataSources, ObmigrateProperties obmigrate, ConsentProperties properties,
			ConsentTargetSchema targetSchema, RowReportRepository quarantine) {
		this.dataSources = dataSources;
		this.obmigrate = obmigrate;
		this.properties = properties;
		this.targetSchema = targetSchema;
		this.quarantine = quarantine;
	}

	/** Measure of the rows a page expects in a table, added up over the pages for the row counts. */
	static final String EXPECTED = "rows the rules give";

	/** Measure of the rows of native consents whose ID a source consent has (left out of the comparison). */
	static final String NATIVE = "rows of native consents";

	private volatile Map<String, Boolean> childIndexes;

	/** Which child tables have an index on the column their rows are looked up by (read once). */
	Map<String, Boolean> childIndexes() {
		Map<String, Boolean> known = this.childIndexes;
		if (known == null) {
			known = new HashMap<>(this.targetSchema.foreignKeysIndexed());
			for (ConsentTargetSchema.ForeignKey key : ConsentTargetSchema.FOREIGN_KEYS) {
				known.putIfAbsent(key.table(), false); // a missing table: verify reports it not verifiable
			}
			this.childIndexes = known;
		}
		return known;
	}

	@Override
	public String job() {
		return JOB;
	}

	@Override
	public List<String> tables() {
		return ConsentTargetSchema.TABLES;
	}

	@Override
	public Map<String, String> notVerifiable() {
		Map<String, String> reasons = new LinkedHashMap<>();
		for (String table : this.targetSchema.missingTables()) {
			reasons.put(table, "table missing in the OB 3.0 target");
		}
		return reasons;
	}

	@Override
	public List<Scope> scopes(int partitions) {
		List<Scope> scopes = new ArrayList<>();
		if (!notVerifiable().isEmpty()) {
			return scopes; // the page compares all six tables at once
		}
		this.targetSchema.refreshStatistics();
		JdbcTemplate source = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.OB));
		for (ConsentType type : ConsentType.values()) {
			Map<String, ExecutionContext> ranges = new ConsentIdRangePartitioner(type, source,
					() -> this.dataSources.dialect(ObmigrateDataSources.Name.OB))
				.partition(partitions);
			ranges.forEach((name, context) -> {
				String from = context.containsKey(ConsentIdRangePartitioner.FROM)
						? context.getString(ConsentIdRangePartitioner.FROM) : null;
				String to = context.containsKey(ConsentIdRangePartitioner.TO)
						? context.getString(ConsentIdRangePartitioner.TO) : null;
				scopes.add(new Scope(type.stepName() + "-" + name, from, to));
			});
		}
		return scopes;
	}

	@Override
	public Cursor open(Scope scope, String after, Collection<String> onlyKeys) {
		ConsentType type = java.util.Arrays.stream(ConsentType.values())
			.filter(t -> scope.name().startsWith(t.stepName() + "-"))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Not a consent scope: " + scope.name()));
		ConsentRules rules = ConsentRules.from(this.properties, this.targetSchema.limits(), Long.MAX_VALUE);
		return new ConsentCursor(type, scope, after == null ? scope.from() : after, onlyKeys,
				new ConsentMapping(rules));
	}

	/** The page's consents read by the consent job's reader, in slices of at most 900 IDs when only some are asked. */
	private final class ConsentCursor implements Cursor {

		private final ConsentType type;

		private final Scope scope;

		private final ConsentMapping mapping;

		private final List<List<String>> slices = new ArrayList<>();

		private String after;

		private ConsentPageReader reader;

		private int pageSize;

		ConsentCursor(ConsentType type, Scope scope, String after, Collection<String> onlyKeys, ConsentMapping mapping) {
			this.type = type;
			this.scope = scope;
			this.after = after;
			this.mapping = mapping;
			if (onlyKeys != null) {
				List<String> keys = onlyKeys.stream().sorted().toList();
				for (int from = 0; from < keys.size(); from += 900) {
					this.slices.add(keys.subList(from, Math.min(keys.size(), from + 900)));
				}
				if (this.slices.isEmpty()) {
					this.slices.add(List.of());
				}
			}
		}

		private ConsentPageReader reader() {
			DataSource source = ConsentVerification.this.dataSources.get(ObmigrateDataSources.Name.OB);
			DataSource target = ConsentVerification.this.dataSources.get(ObmigrateDataSources.Name.OB_TARGET);
			ConsentPageReader next = new ConsentPageReader(this.type, source,
					ConsentVerification.this.dataSources.dialect(ObmigrateDataSources.Name.OB), target,
					new SourceClock(new SourceTimes(ConsentVerification.this.obmigrate.getSourceTimeZone())),
					new MigrationTally(), this.pageSize, this.after, this.scope.to())
				.named(ConsentVerification.this.dataSources)
				.withoutTargetPresence();
			if (!this.slices.isEmpty()) {
				next.only(this.slices.remove(0));
			}
			next.open(new ExecutionContext());
			return next;
		}

		@Override
		public Page next(int pageSize) {
			this.pageSize = pageSize;
			List<ConsentSource> consents = new ArrayList<>();
			while (consents.size() < pageSize) {
				if (this.reader == null) {
					this.reader = reader();
				}
				ConsentSource consent = this.reader.read();
				if (consent != null) {
					consents.add(consent);
					continue;
				}
				this.reader.close();
				if (this.slices.isEmpty()) {
					break;
				}
				this.reader = null;
			}
			if (consents.isEmpty()) {
				return null;
			}
			this.after = consents.get(consents.size() - 1).initiation().id();
			return verify(consents, this.after);
		}

		private Page verify(List<ConsentSource> consents, String lastKey) {
			List<String> ids = consents.stream().map(c -> c.initiation().id()).toList();
			List<VerifyFailure> failures = new ArrayList<>();
			Expected expected = new Expected();
			Map<String, String> quarantinedByRules = new LinkedHashMap<>();
			for (ConsentSource consent : consents) {
				String id = consent.initiation().id();
				ConsentOutcome outcome;
				String failure = null;
				try {
					outcome = this.mapping.map(consent);
				}
				catch (RuntimeException | StackOverflowError ex) {
					outcome = null; // the job quarantines a consent whose mapping fails
					failure = "row-mapping-failed: " + ex;
				}
				if (outcome instanceof MigratedConsent migrated) {
					expected.add(migrated);
				}
				else if (outcome instanceof ConsentOutcome.Filtered filtered) {
					throw new IllegalStateException("The consent mapping filtered consent " + id + " ("
							+ filtered.reason() + ") although verify reads no target presence");
				}
				else {
					quarantinedByRules.put(id, outcome instanceof ConsentOutcome.Quarantined q ? q.report().rule()
							: failure);
				}
			}
			// what the target holds for the page's consents, one query per table
			Found found = new Found(ids, this.type == ConsentType.PAYMENTS, expected);
			Map<String, Row> consentRows = found.rows.getOrDefault("OB_CONSENT", Map.of());
			// the quarantine list is asked only about consents the target lacks or the rules quarantine
			List<String> explain = new ArrayList<>(quarantinedByRules.keySet());
			for (String id : ids) {
				if (!consentRows.containsKey(id) && !quarantinedByRules.containsKey(id)) {
					explain.add(id);
				}
			}
			Map<String, String> listed = explain.isEmpty() ? Map.of()
					: ConsentVerification.this.quarantine.quarantinedKeys(JOB, explain);
			List<String> natives = new ArrayList<>();
			for (String id : ids) {
				String rule = quarantinedByRules.get(id);
				String listedRule = listed.get(id);
				boolean inTarget = consentRows.containsKey(id);
				if (rule != null) {
					if (inTarget && !ConsentRule.TARGET_CONFLICT.slug().equals(listedRule)) {
						failures.add(VerifyFailure.mismatch(JOB, "OB_CONSENT", id, id, VerifyFailure.ROW,
								"absent (the rules quarantine it: " + rule + ")", VerifyFailure.PRESENT));
					}
					else if (!inTarget && listedRule == null) {
						failures.add(VerifyFailure.mismatch(JOB, "OB_CONSENT", id, id, VerifyFailure.ROW,
								"on the quarantine list (" + rule + ")", "absent, and on no quarantine list"));
					}
					found.remove(id);
				}
				else if (!inTarget && listedRule != null) {
					expected.remove(id); // the target database refused it; the run quarantined it with its message
				}
				else if (inTarget && ConsentRule.TARGET_CONFLICT.slug().equals(listedRule)) {
					// a native OB 3.0 consent with this ID: the run quarantined the source consent, as it must
					expected.remove(id);
					found.remove(id);
					natives.add(id);
				}
			}
			Map<String, java.math.BigDecimal> rows = new LinkedHashMap<>();
			if (!natives.isEmpty()) {
				childRows(new JdbcTemplate(ConsentVerification.this.dataSources.get(ObmigrateDataSources.Name.OB_TARGET)),
						natives)
					.forEach((table, count) -> rows.put(table + "|" + NATIVE, java.math.BigDecimal.valueOf(count)));
			}
			for (String table : ConsentTargetSchema.TABLES) {
				Map<String, Row> want = expected.rows.getOrDefault(table, Map.of());
				Map<String, Row> have = found.rows.getOrDefault(table, Map.of());
				rows.put(Verification.rows(table), java.math.BigDecimal.valueOf(Math.max(want.size(), have.size())));
				rows.put(table + "|" + EXPECTED, java.math.BigDecimal.valueOf(want.size()));
				failures.addAll(RowComparison.compare(JOB, table, want, have,
						table.equals("OB_CONSENT") ? Set.of("RECEIPT") : Set.of()));
			}
			return new Page(lastKey, ids, rows, failures);
		}

	}

	/** The rows the mapping says the target holds, per table and key. */
	private static final class Expected {

		final Map<String, Map<String, Row>> rows = new HashMap<>();

		void add(MigratedConsent m) {
			String id = m.consent().consentId();
			MigratedConsent.Consent c = m.consent();
			put("OB_CONSENT", id, id, values("CONSENT_ID", c.consentId(), "RECEIPT", c.receipt(), "CREATED_TIME",
					c.createdTime(), "UPDATED_TIME", c.updatedTime(), "CLIENT_ID", c.clientId(), "CONSENT_TYPE",
					c.consentType(), "CURRENT_STATUS", c.currentStatus(), "CONSENT_FREQUENCY", c.consentFrequency(),
					"VALIDITY_TIME", c.validityTime(), "RECURRING_INDICATOR", c.recurringIndicator()));
			for (MigratedConsent.AuthorisationResource r : m.authorisationResources()) {
				put("OB_CONSENT_AUTH_RESOURCE", r.authId(), id, values("AUTH_ID", r.authId(), "CONSENT_ID",
						r.consentId(), "AUTH_TYPE", r.authType(), "USER_ID", r.userId(), "AUTH_STATUS", r.authStatus(),
						"UPDATED_TIME", r.updatedTime()));
			}
			for (MigratedConsent.AccountMapping a : m.mappings()) {
				put("OB_CONSENT_MAPPING", a.mappingId(), id, values("MAPPING_ID", a.mappingId(), "AUTH_ID", a.authId(),
						"ACCOUNT_ID", a.accountId(), "PERMISSION", a.permission(), "MAPPING_STATUS", a.mappingStatus()));
			}
			for (MigratedConsent.StatusAudit a : m.statusAudits()) {
				put("OB_CONSENT_STATUS_AUDIT", a.statusAuditId(), id, values("STATUS_AUDIT_ID", a.statusAuditId(),
						"CONSENT_ID", a.consentId(), "CURRENT_STATUS", a.currentStatus(), "ACTION_TIME", a.actionTime(),
						"REASON", a.reason(), "ACTION_BY", a.actionBy(), "PREVIOUS_STATUS", a.previousStatus()));
			}
			for (MigratedConsent.Attribute a : m.attributes()) {
				put("OB_CONSENT_ATTRIBUTE", id + "/" + a.key(), id, values("CONSENT_ID", a.consentId(), "ATT_KEY",
						a.key(), "ATT_VALUE", a.value()));
			}
			if (m.file() != null) {
				put("OB_CONSENT_FILE", id, id, values("CONSENT_ID", id, "CONSENT_FILE", m.file().content()));
			}
		}

		private void put(String table, String key, String subject, Map<String, Object> values) {
			this.rows.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(key, new Row(key, subject, values));
		}

		/** Leaves a consent out of the comparison. */
		void remove(String consentId) {
			removeConsent(this.rows, consentId);
		}

		/** The keys of a table's expected rows. */
		List<String> keys(String table) {
			return new ArrayList<>(this.rows.getOrDefault(table, Map.of()).keySet());
		}

	}

	/** Removes a consent's rows from rows by table and key. */
	private static void removeConsent(Map<String, Map<String, Row>> rows, String consentId) {
		rows.values().forEach(table -> table.values().removeIf(row -> row.subject().equals(consentId)));
	}

	private static Map<String, Object> values(Object... namesAndValues) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			values.put((String) namesAndValues[i], RowComparison.normal(namesAndValues[i + 1]));
		}
		return values;
	}

	/** What the target holds for the page's consents, one query per table. */
	private final class Found {

		final Map<String, Map<String, Row>> rows = new HashMap<>();

		/**
		 * Child rows are looked up by their consent (or authorisation) where the target has an index on that column,
		 * which also finds rows the rules do not produce; otherwise by the primary keys the rules give (without that
		 * index a lookup by consent reads the whole table for every page), and rows beyond those are counted by
		 * {@link ConsentVerification#totals}.
		 */
		Found(List<String> ids, boolean payments, Expected expected) {
			JdbcTemplate target = new JdbcTemplate(
					ConsentVerification.this.dataSources.get(ObmigrateDataSources.Name.OB_TARGET));
			Map<String, Boolean> indexed = childIndexes();
			read(target, "OB_CONSENT", "SELECT CONSENT_ID, RECEIPT, CREATED_TIME, UPDATED_TIME, CLIENT_ID, CONSENT_TYPE,"
					+ " CURRENT_STATUS, CONSENT_FREQUENCY, VALIDITY_TIME, RECURRING_INDICATOR FROM OB_CONSENT WHERE"
					+ " CONSENT_ID IN", ids, "CONSENT_ID", "CONSENT_ID");
			String resources = "SELECT AUTH_ID, CONSENT_ID, AUTH_TYPE, USER_ID, AUTH_STATUS, UPDATED_TIME FROM"
					+ " OB_CONSENT_AUTH_RESOURCE WHERE ";
			if (indexed.get("OB_CONSENT_AUTH_RESOURCE")) {
				read(target, "OB_CONSENT_AUTH_RESOURCE", resources + "CONSENT_ID IN", ids, "AUTH_ID", "CONSENT_ID");
			}
			else {
				read(target, "OB_CONSENT_AUTH_RESOURCE", resources + "AUTH_ID IN",
						expected.keys("OB_CONSENT_AUTH_RESOURCE"), "AUTH_ID", "CONSENT_ID");
			}
			String mappings = "SELECT m.MAPPING_ID, m.AUTH_ID, m.ACCOUNT_ID, m.PERMISSION, m.MAPPING_STATUS, r.CONSENT_ID"
					+ " AS OWNER FROM OB_CONSENT_MAPPING m JOIN OB_CONSENT_AUTH_RESOURCE r ON r.AUTH_ID = m.AUTH_ID WHERE ";
			if (indexed.get("OB_CONSENT_MAPPING") && indexed.get("OB_CONSENT_AUTH_RESOURCE")) {
				read(target, "OB_CONSENT_MAPPING", mappings + "r.CONSENT_ID IN", ids, "MAPPING_ID", "OWNER");
			}
			else {
				read(target, "OB_CONSENT_MAPPING", mappings + "m.MAPPING_ID IN", expected.keys("OB_CONSENT_MAPPING"),
						"MAPPING_ID", "OWNER");
			}
			String audits = "SELECT STATUS_AUDIT_ID, CONSENT_ID, CURRENT_STATUS, ACTION_TIME, REASON, ACTION_BY,"
					+ " PREVIOUS_STATUS FROM OB_CONSENT_STATUS_AUDIT WHERE ";
			if (indexed.get("OB_CONSENT_STATUS_AUDIT")) {
				read(target, "OB_CONSENT_STATUS_AUDIT", audits + "CONSENT_ID IN", ids, "STATUS_AUDIT_ID", "CONSENT_ID");
			}
			else {
				read(target, "OB_CONSENT_STATUS_AUDIT", audits + "STATUS_AUDIT_ID IN",
						expected.keys("OB_CONSENT_STATUS_AUDIT"), "STATUS_AUDIT_ID", "CONSENT_ID");
			}
			// the primary keys start with the consent ID: indexed everywhere
			read(target, "OB_CONSENT_ATTRIBUTE", "SELECT CONSENT_ID, ATT_KEY, ATT_VALUE FROM OB_CONSENT_ATTRIBUTE"
					+ " WHERE CONSENT_ID IN", ids, null, "CONSENT_ID");
			if (payments) {
				read(target, "OB_CONSENT_FILE", "SELECT CONSENT_ID, CONSENT_FILE FROM OB_CONSENT_FILE WHERE CONSENT_ID IN",
						ids, "CONSENT_ID", "CONSENT_ID");
			}
		}

		/** Leaves a consent out of the comparison. */
		void remove(String consentId) {
			removeConsent(this.rows, consentId);
		}

		/** Runs {@code sql} ending in {@code IN} for the keys, 900 at a time (Oracle's limit is 1,000). */
		private void read(JdbcTemplate target, String table, String sql, List<String> keys, String keyColumn,
				String subjectColumn) {
			Map<String, Row> byKey = this.rows.computeIfAbsent(table, t -> new LinkedHashMap<>());
			for (int from = 0; from < keys.size(); from += 900) {
				List<String> slice = keys.subList(from, Math.min(keys.size(), from + 900));
				target.query(sql + " (" + SqlText.placeholders(slice.size()) + ")", rs -> {
					Map<String, Object> values = RowComparison.values(rs);
					String subject = String.valueOf(values.get(subjectColumn));
					values.remove("OWNER");
					String key = keyColumn == null ? values.get("CONSENT_ID") + "/" + values.get("ATT_KEY")
							: String.valueOf(values.get(keyColumn));
					byKey.put(key, new Row(key, subject, values));
				}, slice.toArray());
			}
		}

	}

	/**
	 * Target consents with no source consent, page by page over {@code OB_CONSENT}: reported apart, with whether
	 * obmigrate wrote them (a source consent deleted since the run) or not (native OB 3.0 data).
	 */
	@Override
	public Totals totals(Collection<String> onlyKeys, Map<String, java.math.BigDecimal> pages) {
		if (!notVerifiable().isEmpty()) {
			return new Totals(List.of(), Map.of()); // a table is missing: the states say which
		}
		JdbcTemplate target = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.OB_TARGET));
		JdbcTemplate source = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.OB));
		Dialect targetDialect = this.dataSources.dialect(ObmigrateDataSources.Name.OB_TARGET);
		List<VerifyFailure> apart = new ArrayList<>();
		List<String> strayIds = new ArrayList<>();
		long targetConsents = 0;
		String last = null;
		while (true) {
			List<String> page;
			if (onlyKeys != null) {
				page = last == null ? List.copyOf(onlyKeys) : List.of();
			}
			else {
				page = target.queryForList(targetDialect.limit("SELECT CONSENT_ID FROM OB_CONSENT"
						+ (last == null ? "" : " WHERE CONSENT_ID > ?") + " ORDER BY CONSENT_ID", 900), String.class,
						last == null ? new Object[0] : new Object[] { last });
			}
			if (page.isEmpty()) {
				break;
			}
			last = page.get(page.size() - 1);
			targetConsents += page.size();
			java.util.Set<String> withSource = new java.util.HashSet<>();
			for (ConsentType type : ConsentType.values()) {
				for (int from = 0; from < page.size(); from += 900) {
					List<String> slice = page.subList(from, Math.min(page.size(), from + 900));
					withSource.addAll(source.queryForList("SELECT ID FROM " + type.initiationTable() + " WHERE ID IN ("
							+ SqlText.placeholders(slice.size()) + ")", String.class, slice.toArray()));
				}
			}
			List<String> strays = page.stream().filter(id -> !withSource.contains(id)).toList();
			if (strays.isEmpty()) {
				continue;
			}
			java.util.Set<String> written = ConsentRemoval.migrated(target, strays);
			strayIds.addAll(strays);
			for (String id : strays) {
				apart.add(VerifyFailure.apart(JOB, "OB_CONSENT", id, id, written.contains(id)
						? "written by obmigrate, but the source consent no longer exists"
						: "a consent obmigrate did not write (native OB 3.0 data, or copied by other means)"));
			}
			if (onlyKeys != null) {
				break;
			}
		}
		Map<String, java.math.BigDecimal> measures = new LinkedHashMap<>();
		measures.put("OB_CONSENT|target consents", java.math.BigDecimal.valueOf(targetConsents));
		measures.put("OB_CONSENT|without a source consent", java.math.BigDecimal.valueOf(apart.size()));
		List<VerifyFailure> failures = new ArrayList<>(apart);
		if (onlyKeys == null) {
			failures.addAll(rowCounts(target, strayIds, pages, measures));
		}
		return new Totals(failures, measures);
	}

	/**
	 * Each table must hold the rows the rules give, and beyond them only rows of consents without a source (apart) and
	 * of native consents whose ID a source consent has (quarantined as target-conflict). More rows are a difference:
	 * named by the pages where the table has an index on its consent column, counted here in every case.
	 */
	private List<VerifyFailure> rowCounts(JdbcTemplate target, List<String> strayIds,
			Map<String, java.math.BigDecimal> pages, Map<String, java.math.BigDecimal> measures) {
		List<VerifyFailure> failures = new ArrayList<>();
		Map<String, Long> apartRows = childRows(target, strayIds);
		Map<String, Boolean> indexed = childIndexes();
		for (String table : ConsentTargetSchema.TABLES) {
			Long count = target.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
			long found = count == null ? 0 : count;
			long expected = pages.getOrDefault(table + "|" + EXPECTED, java.math.BigDecimal.ZERO).longValue();
			long explained = apartRows.getOrDefault(table, 0L)
					+ pages.getOrDefault(table + "|" + NATIVE, java.math.BigDecimal.ZERO).longValue();
			measures.put(table + "|count|expected", java.math.BigDecimal.valueOf(expected + explained));
			measures.put(table + "|count|found", java.math.BigDecimal.valueOf(found));
			if (found > expected + explained) {
				String column = ConsentTargetSchema.FOREIGN_KEYS.stream()
					.filter(key -> key.table().equals(table))
					.map(ConsentTargetSchema.ForeignKey::column)
					.findFirst()
					.orElse(null);
				boolean named = column == null || indexed.getOrDefault(table, true);
				failures.add(VerifyFailure.mismatch(JOB, table, "(all rows)", "(count)", "COUNT(*)", (expected + explained)
						+ " (" + expected + " the rules give, " + explained + " of consents without a source or native)",
						found + (named ? "" : "; the " + (found - expected - explained) + " rows beyond are not named:"
								+ " without an index on " + table + "(" + column + ") verify looks rows up by the keys the"
								+ " rules give. Create one to have them named")));
			}
		}
		return failures;
	}

	/** Rows of these consents in each table, 900 consents a query. */
	static Map<String, Long> childRows(JdbcTemplate target, List<String> consentIds) {
		Map<String, Long> rows = new HashMap<>();
		for (int from = 0; from < consentIds.size(); from += 900) {
			List<String> slice = consentIds.subList(from, Math.min(consentIds.size(), from + 900));
			String in = " IN (" + SqlText.placeholders(slice.size()) + ")";
			for (String table : ConsentTargetSchema.TABLES) {
				String sql = table.equals("OB_CONSENT_MAPPING")
						? "SELECT COUNT(*) FROM OB_CONSENT_MAPPING m JOIN OB_CONSENT_AUTH_RESOURCE r ON r.AUTH_ID ="
								+ " m.AUTH_ID WHERE r.CONSENT_ID" + in
						: "SELECT COUNT(*) FROM " + table + " WHERE CONSENT_ID" + in;
				Long count = target.queryForObject(sql, Long.class, slice.toArray());
				rows.merge(table, count == null ? 0 : count, Long::sum);
			}
		}
		return rows;
	}

}

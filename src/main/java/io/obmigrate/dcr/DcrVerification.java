package io.obmigrate.dcr;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.core.type.TypeReference;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.RowComparison;
import io.obmigrate.core.RowReportRepository;
import io.obmigrate.core.SqlText;
import io.obmigrate.core.TableInspector;
import io.obmigrate.core.Verification;
import io.obmigrate.core.VerifyFailure;

/**
 * Verifies the DCR job on the Identity Server tables. Each registration is read with the job's reader and mapped with
 * the job's mapping against the service provider as it is now: a migrated service provider needs no further change
 * (any change the rules still ask for is a difference: a property not renamed or not added, a name, the grant types).
 * Then every journal entry of the registration is compared with the row it describes: the row holds the entry's
 * after-image (a property value changed since is a difference), and each update's before-image is a real change.
 */
class DcrVerification implements Verification {

	private static final String JOB = DcrJobConfiguration.JOB_NAME;

	private static final List<String> TABLES = List.of("SP_METADATA", "SP_APP", "IDN_OAUTH_CONSUMER_APPS",
			IdentitySchema.SCRIPT_TABLE, ServiceProviderJournal.TABLE);

	private final ObmigrateDataSources dataSources;

	private final DcrProperties properties;

	private final IdentitySchema identitySchema;

	private final RowReportRepository quarantine;

	DcrVerification(ObmigrateDataSources dataSources, DcrProperties properties, IdentitySchema identitySchema,
			RowReportRepository quarantine) {
		this.dataSources = dataSources;
		this.properties = properties;
		this.identitySchema = identitySchema;
		this.quarantine = quarantine;
	}

	@Override
	public String job() {
		return JOB;
	}

	@Override
	public List<String> tables() {
		return TABLES;
	}

	@Override
	public Map<String, String> notVerifiable() {
		Map<String, String> reasons = new LinkedHashMap<>();
		try (Connection connection = this.dataSources.connect(ObmigrateDataSources.Name.IDENTITY)) {
			Dialect dialect = this.dataSources.dialect(ObmigrateDataSources.Name.IDENTITY);
			for (String table : TABLES) {
				if (!TableInspector.tableExists(connection, dialect, table)) {
					reasons.put(table, "table missing in the identity database");
				}
			}
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(ObmigrateDataSources.Name.IDENTITY, ex);
		}
		reasons.remove(IdentitySchema.SCRIPT_TABLE); // only read when adaptive scripts are replaced
		return reasons;
	}

	@Override
	public List<Scope> scopes(int partitions) {
		return notVerifiable().isEmpty() ? List.of(new Scope("registrations", null, null)) : List.of();
	}

	@Override
	public Cursor open(Scope scope, String after, Collection<String> onlyKeys) {
		JdbcTemplate ob = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.OB));
		JdbcTemplate identity = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.IDENTITY));
		Dialect identityDialect = this.dataSources.dialect(ObmigrateDataSources.Name.IDENTITY);
		ServiceProviderMigration migration = new ServiceProviderMigration(
				DcrRules.of(this.properties, this.identitySchema.limits(), DcrChecks.adaptiveScript(this.properties)));
		Set<String> only = onlyKeys == null ? null : new HashSet<>(onlyKeys);
		return new Cursor() {

			private DcrRegistrationReader reader;

			@Override
			public Page next(int pageSize) {
				if (this.reader == null) {
					this.reader = new DcrRegistrationReader(ob, DcrVerification.this.dataSources
						.dialect(ObmigrateDataSources.Name.OB), identity, identityDialect,
							DcrVerification.this.properties.getTenantId(),
							DcrVerification.this.properties.getAdaptiveScriptFile() != null, new MigrationTally(),
							pageSize);
					ExecutionContext context = new ExecutionContext();
					if (after != null) {
						context.put(MigrationTally.CONTEXT_KEY, new java.util.HashMap<String, Long>());
						context.putString(DcrRegistrationReader.CHECKPOINT_ID, after);
					}
					this.reader.open(context);
				}
				List<DcrSource> sources = new ArrayList<>();
				String last = null;
				for (DcrSource source; sources.size() < pageSize && (source = this.reader.read()) != null;) {
					last = source.registration().id();
					if (only == null || only.contains(last)) {
						sources.add(source);
					}
				}
				if (last == null) {
					return null;
				}
				return verify(sources, last, migration, identity, identityDialect);
			}

		};
	}

	private Page verify(List<DcrSource> sources, String last, ServiceProviderMigration migration,
			JdbcTemplate identity, Dialect dialect) {
		List<VerifyFailure> failures = new ArrayList<>();
		List<String> ids = sources.stream().map(s -> s.registration().id()).toList();
		Map<String, String> listed = ids.isEmpty() ? Map.of() : this.quarantine.quarantinedKeys(JOB, ids);
		long serviceProviders = 0;
		for (DcrSource source : sources) {
			String id = source.registration().id();
			DcrOutcome outcome;
			try {
				outcome = migration.map(source);
			}
			catch (RuntimeException ex) {
				outcome = null;
			}
			if (outcome == null || outcome instanceof DcrOutcome.Quarantined) {
				if (!listed.containsKey(id)) {
					String rule = outcome == null ? "row-mapping-failed" : ((DcrOutcome.Quarantined) outcome).rule().slug();
					failures.add(VerifyFailure.mismatch(JOB, "SP_APP", "registration " + id, id, VerifyFailure.ROW,
							"on the quarantine list (" + rule + ")", "on no quarantine list"));
				}
				continue;
			}
			if (outcome instanceof DcrOutcome.Filtered) {
				continue;
			}
			serviceProviders++;
			if (outcome instanceof DcrOutcome.Planned planned && !listed.containsKey(id)) {
				failures.addAll(stillToDo(planned.change()));
			}
		}
		Map<String, BigDecimal> measures = new LinkedHashMap<>();
		measures.put(Verification.rows("SP_APP"), BigDecimal.valueOf(serviceProviders));
		long entries = journal(ids, identity, dialect, failures, measures);
		measures.put(Verification.rows(ServiceProviderJournal.TABLE), BigDecimal.valueOf(entries));
		return new Page(last, ids, measures, failures);
	}

	/** What the rules still ask of a migrated service provider: each item is a difference. */
	private static List<VerifyFailure> stillToDo(ServiceProviderChange change) {
		List<VerifyFailure> failures = new ArrayList<>();
		ServiceProvider sp = change.serviceProvider();
		String id = change.registrationId();
		for (ServiceProviderChange.PropertyRename rename : change.renames()) {
			failures.add(VerifyFailure.mismatch(JOB, "SP_METADATA", sp.name() + "/" + rename.property().name(), id,
					"NAME", rename.newName(), rename.property().name()));
		}
		for (ServiceProviderChange.PropertyAddition addition : change.additions()) {
			failures.add(VerifyFailure.mismatch(JOB, "SP_METADATA", sp.name() + "/" + addition.name(), id,
					VerifyFailure.ROW, "present with value " + addition.value(), "missing"));
		}
		if (change.spName() != null) {
			failures.add(VerifyFailure.mismatch(JOB, "SP_APP", sp.name(), id, "APP_NAME", change.spName().after(),
					change.spName().before()));
		}
		if (change.oauthAppName() != null) {
			failures.add(VerifyFailure.mismatch(JOB, "IDN_OAUTH_CONSUMER_APPS", sp.name(), id, "APP_NAME",
					change.oauthAppName().after(), change.oauthAppName().before()));
		}
		if (change.grantTypes() != null) {
			failures.add(VerifyFailure.mismatch(JOB, "IDN_OAUTH_CONSUMER_APPS", sp.name(), id, "GRANT_TYPES",
					change.grantTypes().after(), change.grantTypes().before()));
		}
		if (change.script() != null) {
			failures.add(VerifyFailure.mismatch(JOB, IdentitySchema.SCRIPT_TABLE, sp.name(), id, "CONTENT",
					change.script().after(), change.script().before()));
		}
		return failures;
	}

	private record Entry(String registration, long spId, String table, Long rowId, String action,
			Map<String, Object> before, Map<String, Object> after) {
	}

	/**
	 * Compares each journal entry of these registrations with its row: the newest entry per row counts (a row changed
	 * again by a later run after a rollback has a newer entry). Returns the entries read.
	 */
	private long journal(List<String> ids, JdbcTemplate identity, Dialect dialect, List<VerifyFailure> failures,
			Map<String, BigDecimal> measures) {
		if (ids.isEmpty()) {
			return 0;
		}
		Map<String, Entry> newest = new LinkedHashMap<>();
		identity.query("SELECT REGISTRATION_ID, SP_ID, TABLE_NAME, ROW_ID, ACTION, BEFORE_IMAGE, AFTER_IMAGE FROM "
				+ ServiceProviderJournal.TABLE + " WHERE REGISTRATION_ID IN (" + SqlText.placeholders(ids.size())
				+ ") ORDER BY APPLIED_AT, JOB_EXECUTION_ID, ID", rs -> {
					Map<String, Object> after = ServiceProviderJournal.parse(rs.getString(7));
					Map<String, Object> before = ServiceProviderJournal.parse(rs.getString(6));
					long rowId = rs.getLong(4);
					Long row = rs.wasNull() ? null : rowId;
					Entry entry = new Entry(rs.getString(1), rs.getLong(2), rs.getString(3), row, rs.getString(5),
							before, after);
					String identityOf = entry.table() + "/" + (row != null ? row : entry.spId() + "/" + after.get("NAME"));
					newest.put(identityOf, entry);
				}, ids.toArray());
		Map<Long, String> spNames = spNames(identity, newest.values().stream().map(Entry::spId).distinct().toList());
		CurrentRows current = new CurrentRows(identity, dialect, newest.values());
		for (Entry entry : newest.values()) {
			Map<String, Object> now;
			String key;
			if (entry.action().equals("INSERT")) {
				key = spNames.getOrDefault(entry.spId(), "SP " + entry.spId()) + "/" + entry.after().get("NAME");
				now = current.property(entry.spId(), String.valueOf(entry.after().get("NAME")));
				if (entry.before() != null) {
					failures.add(VerifyFailure.mismatch(JOB, ServiceProviderJournal.TABLE, key, entry.registration(),
							"BEFORE_IMAGE", "NULL (an inserted property has no before-image)", entry.before()));
				}
			}
			else {
				key = spNames.getOrDefault(entry.spId(), "SP " + entry.spId()) + (entry.table().equals("SP_METADATA")
						? "/" + entry.after().get("NAME") : "");
				now = entry.rowId() == null ? null : current.row(entry.table(), entry.rowId());
				if (entry.before() == null || entry.rowId() == null || Objects.equals(entry.before(), entry.after())) {
					failures.add(VerifyFailure.mismatch(JOB, ServiceProviderJournal.TABLE, key, entry.registration(),
							"BEFORE_IMAGE", "the row's value before the change, different from its after-image",
							entry.before()));
				}
			}
			if (now == null) {
				failures.add(VerifyFailure.mismatch(JOB, entry.table(), key, entry.registration(), VerifyFailure.ROW,
						VerifyFailure.PRESENT, "missing"));
				continue;
			}
			for (Map.Entry<String, Object> column : entry.after().entrySet()) {
				if (column.getKey().equals("SP_ID")) {
					continue;
				}
				Object found = now.get(column.getKey());
				if (found instanceof byte[] bytes) {
					found = new String(bytes, StandardCharsets.UTF_8);
				}
				if (!RowComparison.same(column.getValue(), found, false)) {
					failures.add(VerifyFailure.mismatch(JOB, entry.table(), key, entry.registration(), column.getKey(),
							column.getValue(), RowComparison.normal(found)));
				}
			}
		}
		return newest.size();
	}

	/**
	 * The rows the journal entries of a page describe, as they are now: the properties of the service providers with
	 * inserted properties in one query, and the updated rows of each table in one query per table.
	 */
	private static final class CurrentRows {

		private final Map<String, Map<String, Object>> properties = new java.util.HashMap<>();

		private final Map<String, Map<Long, Map<String, Object>>> rows = new java.util.HashMap<>();

		CurrentRows(JdbcTemplate identity, Dialect dialect, Collection<Entry> entries) {
			List<Object> spIds = entries.stream()
				.filter(e -> e.action().equals("INSERT"))
				.map(e -> (Object) e.spId())
				.distinct()
				.toList();
			query(identity, "SELECT SP_ID, NAME, " + dialect.quote("VALUE") + ", DISPLAY_NAME FROM SP_METADATA WHERE"
					+ " SP_ID", spIds, values -> this.properties.put(values.get("SP_ID") + "/" + values.get("NAME"),
							values));
			Map<String, java.util.Set<String>> columns = new LinkedHashMap<>();
			Map<String, List<Object>> ids = new LinkedHashMap<>();
			for (Entry entry : entries) {
				if (!entry.action().equals("INSERT") && entry.rowId() != null) {
					columns.computeIfAbsent(entry.table(), t -> new java.util.TreeSet<>()).addAll(entry.after().keySet());
					ids.computeIfAbsent(entry.table(), t -> new ArrayList<>()).add(entry.rowId());
				}
			}
			columns.forEach((table, names) -> {
				Map<Long, Map<String, Object>> byId = this.rows.computeIfAbsent(table, t -> new java.util.HashMap<>());
				query(identity, "SELECT ID, " + String.join(", ", names) + " FROM " + table + " WHERE ID",
						ids.get(table).stream().distinct().toList(),
						values -> byId.put(Long.valueOf(String.valueOf(values.get("ID"))), values));
			});
		}

		Map<String, Object> property(long spId, String name) {
			return this.properties.get(spId + "/" + name);
		}

		Map<String, Object> row(String table, long id) {
			return this.rows.getOrDefault(table, Map.of()).get(id);
		}

		/** {@code sql} ending in the key column, for the keys 900 at a time. */
		private static void query(JdbcTemplate jdbc, String sql, List<Object> keys,
				java.util.function.Consumer<Map<String, Object>> each) {
			for (int from = 0; from < keys.size(); from += 900) {
				List<Object> slice = keys.subList(from, Math.min(keys.size(), from + 900));
				jdbc.query(sql + " IN (" + SqlText.placeholders(slice.size()) + ")",
						rs -> {
							each.accept(RowComparison.values(rs));
						}, slice.toArray());
			}
		}

	}

	/** The current names of these service providers, one query. */
	private static Map<Long, String> spNames(JdbcTemplate identity, List<Long> spIds) {
		Map<Long, String> names = new java.util.HashMap<>();
		if (!spIds.isEmpty()) {
			identity.query("SELECT ID, APP_NAME FROM SP_APP WHERE ID IN (" + SqlText.placeholders(spIds.size()) + ")",
					rs -> {
						names.put(rs.getLong(1), rs.getString(2));
					}, spIds.toArray());
		}
		return names;
	}

	@Override
	public Totals totals(Collection<String> onlyKeys, Map<String, BigDecimal> pages) {
		return new Totals(List.of(), Map.of());
	}

}

package io.obmigrate.consent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.Rollback;

/**
 * Takes back what the consent job wrote: every consent in {@code OB_CONSENT} that obmigrate migrated (it carries its
 * creation audit under obmigrate's deterministic ID) is removed with all its rows, children first, a chunk of consents
 * per transaction in consent-ID order. Native OB 3.0 consents are never touched. A rollback that is stopped or killed
 * leaves whole consents only, and running it again removes the rest.
 */
class ConsentRollback implements Rollback {

	private final ObmigrateDataSources dataSources;

	private final ConsentTargetSchema targetSchema;

	private final int chunkSize;

	ConsentRollback(ObmigrateDataSources dataSources, ConsentTargetSchema targetSchema, int chunkSize) {
		this.dataSources = dataSources;
		this.targetSchema = targetSchema;
		this.chunkSize = Math.max(1, Math.min(chunkSize, 500));
	}

	@Override
	public String job() {
		return ConsentJobConfiguration.JOB_NAME;
	}

	@Override
	public String unconfigured() {
		return null; // the OB database is always configured
	}

	/** Whether the consent tables exist (before the first run they may not: nothing to take back then). */
	private boolean tablesExist() {
		return this.targetSchema.missingTables().size() < ConsentTargetSchema.TABLES.size();
	}

	@Override
	public List<Name> targets() {
		return List.of(Name.OB_TARGET);
	}

	@Override
	public Map<String, String> pending() {
		if (!tablesExist()) {
			return Map.of();
		}
		JdbcTemplate target = new JdbcTemplate(this.dataSources.get(Name.OB_TARGET));
		long consents = 0;
		String after = null;
		List<String> page;
		while (!(page = nextMigrated(target, after)).isEmpty()) {
			consents += page.size();
			after = page.get(page.size() - 1);
		}
		Map<String, String> pending = new LinkedHashMap<>();
		if (consents > 0) {
			pending.put("OB_CONSENT", String.format("%,d consents obmigrate migrated, each with its rows in the five"
					+ " child tables", consents));
		}
		return pending;
	}

	@Override
	public Map<String, Long> execute(Consumer<String> progress) {
		JdbcTemplate target = new JdbcTemplate(this.dataSources.get(Name.OB_TARGET));
		TransactionTemplate transaction = new TransactionTemplate(
				new DataSourceTransactionManager(this.dataSources.get(Name.OB_TARGET)));
		Map<String, Long> removed = new LinkedHashMap<>();
		if (!tablesExist()) {
			return removed;
		}
		ConsentRemoval.TABLES.forEach(table -> removed.put(table, 0L));
		for (String statement : this.targetSchema.createForeignKeyIndexes()) {
			progress.accept("created the missing foreign-key index first (each removal checks it): " + statement);
		}
		this.targetSchema.refreshStatistics();
		String after = null;
		long consents = 0;
		List<String> page;
		while (!(page = nextMigrated(target, after)).isEmpty()) {
			List<String> chunk = page;
			Map<String, Long> rows = transaction.execute(status -> ConsentRemoval.remove(target, chunk));
			rows.forEach((table, n) -> removed.merge(table, n, Long::sum));
			consents += chunk.size();
			after = chunk.get(chunk.size() - 1);
			progress.accept(String.format("removed %,d consents (up to %s)", consents, after));
		}
		return removed;
	}

	/**
	 * The next consents after {@code after} that obmigrate migrated: a page of {@code OB_CONSENT} IDs in order, kept
	 * where the deterministic creation audit exists; pages without any are skipped.
	 */
	private List<String> nextMigrated(JdbcTemplate target, String after) {
		Dialect dialect = this.dataSources.dialect(Name.OB_TARGET);
		String cursor = after;
		while (true) {
			Map<String, ConsentType> types = new LinkedHashMap<>();
			target.query(dialect.limit("SELECT CONSENT_ID, CONSENT_TYPE FROM OB_CONSENT"
					+ (cursor == null ? "" : " WHERE CONSENT_ID > ?") + " ORDER BY CONSENT_ID", this.chunkSize),
					rs -> {
						types.put(rs.getString(1), ConsentType.ofTarget(rs.getString(2)));
					}, cursor == null ? new Object[0] : new Object[] { cursor });
			List<String> ids = new ArrayList<>(types.keySet());
			if (ids.isEmpty()) {
				return List.of();
			}
			List<String> migrated = new ArrayList<>(ConsentRemoval.migrated(target, ids, types::get));
			if (!migrated.isEmpty()) {
				return migrated;
			}
			cursor = ids.get(ids.size() - 1);
		}
	}

}

package io.obmigrate.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.Dialect;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.OperationJournal;
import io.obmigrate.core.RowReportRepository;
import io.obmigrate.core.SecretMasking;
import io.obmigrate.core.RunRefused;

/**
 * The final, short step of the reporting migration: each OB 2.0 table becomes {@code <TABLE>__OB2} and
 * its OB 3.0 copy {@code <TABLE>__OB3} takes the name, one table at a time. Refused unless the last reporting run
 * completed and every copy holds its source's rows (less the quarantined ones). Restartable: a table already swapped
 * is left alone, a half-swapped one is finished. {@link #cleanup} drops the {@code __OB2} tables, and nothing else.
 */
public class ReportingCutover {

	public static final String OB2_SUFFIX = "__OB2";

	private final ReportingSchema schema;

	private final ObmigrateDataSources dataSources;

	private final JobControl control;

	private final RowReportRepository reports;

	private final OperationJournal journal;

	static final String CUTOVER = "reporting-cutover";

	static final String CLEANUP = "reporting-cleanup";

	public ReportingCutover(ReportingSchema schema, ObmigrateDataSources dataSources, JobControl control,
			RowReportRepository reports, OperationJournal journal) {
		this.schema = schema;
		this.dataSources = dataSources;
		this.control = control;
		this.reports = reports;
		this.journal = journal;
	}

	/** What one table's swap did. */
	public record Swap(String table, String outcome) {
	}

	/**
	 * @param acceptQuarantined cut over although the last run quarantined rows (they stay only in the OB 2.0 tables,
	 * kept as {@code <TABLE>__OB2})
	 */
	public List<Swap> cutover(boolean acceptQuarantined) {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.REPORTING));
		if (this.schema.separateTarget()) {
			// built under the final names in their own database: nothing to rename, the counts are still verified
			verifyLastRun(jdbc, ReportingTableRule.ALL, acceptQuarantined);
			return ReportingTableRule.ALL.stream()
				.map(rule -> new Swap(rule.table(), "in place (built under its final name in "
						+ this.dataSources.settings(ObmigrateDataSources.Name.REPORTING_TARGET) + "), counts verified"))
				.toList();
		}
		List<ReportingTableRule> pending = new ArrayList<>();
		List<Swap> swaps = new ArrayList<>();
		for (ReportingTableRule rule : ReportingTableRule.ALL) {
			if (swapped(rule)) {
				swaps.add(new Swap(rule.table(), "already swapped"));
			}
			else {
				pending.add(rule);
			}
		}
		if (!pending.isEmpty()) {
			verifyLastRun(jdbc, pending, acceptQuarantined);
		}
		for (ReportingTableRule rule : pending) {
			String table = rule.table();
			boolean hasOb2Copy = exists(table + OB2_SUFFIX);
			if (!hasOb2Copy && rule != ReportingTableRule.API_LATENCY) {
				rename(jdbc, table, table + OB2_SUFFIX);
			}
			if (rule == ReportingTableRule.API_LATENCY && exists(table)) {
				throw new ConfigurationProblem(table + " exists already (Streaming Integrator started?) and "
						+ table + ReportingSchema.SUFFIX + " waits to take its name: move it aside and run again.");
			}
			rename(jdbc, table + ReportingSchema.SUFFIX, table);
			swaps.add(new Swap(table, hasOb2Copy ? "finished (was half-swapped)" : "swapped"));
		}
		if (!pending.isEmpty() || this.journal.last(CUTOVER, ObmigrateDataSources.Name.REPORTING) == null) {
			// a cut-over that swapped nothing records nothing: the record is of the tables as the swap left them
			this.journal.record(CUTOVER, ObmigrateDataSources.Name.REPORTING, tableCounts(jdbc));
		}
		return swaps;
	}

	/** Rows of every OB 3.0 table and of every {@code __OB2} copy present: what a cut-over leaves. */
	private Map<String, Long> tableCounts(JdbcTemplate jdbc) {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		for (ReportingTableRule rule : ReportingTableRule.ALL) {
			for (String table : List.of(rule.table(), rule.table() + OB2_SUFFIX)) {
				if (exists(table)) {
					counts.put(table, count(jdbc, table));
				}
			}
		}
		return counts;
	}

	/**
	 * Refuses a clean-up this job repository cannot vouch for: no completed cut-over of this database recorded, or an
	 * {@code __OB2} copy whose row count changed since (a restore, another tool), or an OB 3.0 table holding fewer rows
	 * than the cut-over left (OB 3.0 only adds statistics).
	 */
	private void requireRecordedCutover(JdbcTemplate jdbc) {
		OperationJournal.Entry cutover = this.journal.last(CUTOVER, ObmigrateDataSources.Name.REPORTING);
		String url = SecretMasking.maskUrl(this.dataSources.settings(ObmigrateDataSources.Name.REPORTING).getUrl());
		if (cutover == null) {
			throw new RunRefused("This job repository has no record of a completed reporting-cutover of " + url
					+ ", so nothing shows that the __OB2 tables there are copies obmigrate may drop. Nothing was"
					+ " dropped. Run reporting-cleanup with the job repository that ran the cut-over (obmigrate.jobrepo),"
					+ " or run `obmigrate reporting-cutover` first.");
		}
		Map<String, Long> now = tableCounts(jdbc);
		List<String> changed = new ArrayList<>();
		cutover.rowCounts().forEach((table, rows) -> {
			Long current = now.get(table);
			boolean copy = table.endsWith(OB2_SUFFIX);
			if (copy && (current == null || current.longValue() != rows) || !copy && (current == null || current < rows)) {
				changed.add(String.format("%s: %,d rows at the cut-over, %s now", table, rows,
						current == null ? "missing" : String.format("%,d", current)));
			}
		});
		if (!changed.isEmpty()) {
			throw new RunRefused("The reporting tables of " + url + " are not as the cut-over of " + cutover.performedAt()
					+ " (by " + cutover.performedBy() + ") left them: " + String.join("; ", changed) + ". Nothing was"
					+ " dropped. Find out what changed them (a restore, another tool) before dropping anything.");
		}
	}

	/**
	 * Drops the {@code __OB2} tables. One that holds rows its OB 3.0 table lacks (quarantined rows a cut-over with
	 * {@code --accept-quarantined} left behind) is dropped only when {@code exportMissing} is given: those rows are
	 * written there first, whole, as {@code <TABLE>__OB2.missing.csv}; otherwise the clean-up is refused and drops
	 * nothing.
	 */
	public List<String> cleanup(java.nio.file.Path exportMissing) {
		return cleanup(exportMissing, () -> {
		});
	}

	/**
	 * As {@link #cleanup(java.nio.file.Path)}; {@code confirm} runs once every check has passed, right before anything
	 * is exported or dropped, and refuses by throwing (the shared rule for destructive commands).
	 */
	public List<String> cleanup(java.nio.file.Path exportMissing, Runnable confirm) {
		if (this.schema.separateTarget()) {
			throw new RunRefused("The OB 3.0 tables are in obmigrate.reporting-target and the OB 2.0 tables were never"
					+ " renamed: there are no __OB2 copies to drop. Retire the OB 2.0 stats database yourself once OB"
					+ " 3.0 runs on the new one.");
		}
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.REPORTING));
		requireRecordedCutover(jdbc);
		List<ReportingTableRule> kept = new ArrayList<>();
		Map<ReportingTableRule, Long> missing = new java.util.LinkedHashMap<>();
		for (ReportingTableRule rule : ReportingTableRule.ALL) {
			if (rule == ReportingTableRule.API_LATENCY) {
				continue;
			}
			if (!swapped(rule) && exists(rule.table() + ReportingSchema.SUFFIX)) {
				throw new RunRefused(rule.table() + " is not cut over yet: run `obmigrate reporting-cutover` first;"
						+ " cleanup only drops OB 2.0 copies whose OB 3.0 table is in place.");
			}
			if (exists(rule.table() + OB2_SUFFIX)) {
				kept.add(rule);
				long lacking = lacking(jdbc, rule);
				if (lacking > 0) {
					missing.put(rule, lacking);
				}
			}
		}
		if (!missing.isEmpty() && exportMissing == null) {
			throw new RunRefused("Dropping would lose rows that are only in the OB 2.0 tables: " + String.join(", ",
					missing.entrySet().stream().map(m -> String.format("%s%s holds %,d rows %s lacks", m.getKey().table(),
							OB2_SUFFIX, m.getValue(), m.getKey().table())).toList())
					+ " (quarantined by the reporting run; `obmigrate status --execution N` says why). Nothing was"
					+ " dropped. Export them first: `obmigrate reporting-cleanup --confirm --export-missing DIR` writes"
					+ " each table's missing rows, whole, to DIR/<TABLE>__OB2.missing.csv and then drops.");
		}
		confirm.run();
		for (Map.Entry<ReportingTableRule, Long> entry : missing.entrySet()) {
			long written = exportMissing(jdbc, entry.getKey(), exportMissing);
			if (written < entry.getValue()) {
				throw new RunRefused(String.format("%s%s holds %,d rows more than %s but only %,d could be told apart"
						+ " and exported to %s; nothing was dropped. Compare the two tables by hand before dropping.",
						entry.getKey().table(), OB2_SUFFIX, entry.getValue(), entry.getKey().table(), written,
						exportMissing));
			}
		}
		List<String> dropped = new ArrayList<>();
		Map<String, Long> droppedRows = new java.util.LinkedHashMap<>();
		for (ReportingTableRule rule : kept) {
			droppedRows.put(rule.table() + OB2_SUFFIX, count(jdbc, rule.table() + OB2_SUFFIX));
		}
		for (ReportingTableRule rule : kept) {
			jdbc.execute("DROP TABLE " + rule.table() + OB2_SUFFIX);
			dropped.add(rule.table() + OB2_SUFFIX);
		}
		this.journal.record(CLEANUP, ObmigrateDataSources.Name.REPORTING, droppedRows);
		return dropped;
	}

	/** How many more rows {@code <TABLE>__OB2} holds than the OB 3.0 table(s) made from it. */
	private long lacking(JdbcTemplate jdbc, ReportingTableRule rule) {
		long ob2 = count(jdbc, rule.table() + OB2_SUFFIX);
		long lacking = ob2 - count(jdbc, rule.table());
		if (rule == ReportingTableRule.API_INVOCATION && exists(ReportingTableRule.API_LATENCY.table())) {
			lacking = Math.max(lacking, ob2 - count(jdbc, ReportingTableRule.API_LATENCY.table()));
		}
		return Math.max(0, lacking);
	}

	/**
	 * Writes the {@code __OB2} rows with no OB 3.0 row (by their key: ID and TIMESTAMP where IDs are kept, else MESSAGE_ID,
	 * the old ID, and TIMESTAMP) to a CSV file in {@code directory}; returns how many.
	 */
	private long exportMissing(JdbcTemplate jdbc, ReportingTableRule rule, java.nio.file.Path directory) {
		String ob2 = rule.table() + OB2_SUFFIX;
		String match = rule.newIds() ? "t.MESSAGE_ID = o.ID AND t.TIMESTAMP = o.TIMESTAMP"
				: "t.ID = o.ID AND t.TIMESTAMP = o.TIMESTAMP";
		String sql = "SELECT o.* FROM " + ob2 + " o WHERE NOT EXISTS (SELECT 1 FROM " + rule.table() + " t WHERE "
				+ match + ")";
		if (rule == ReportingTableRule.API_INVOCATION && exists(ReportingTableRule.API_LATENCY.table())) {
			sql += " OR NOT EXISTS (SELECT 1 FROM " + ReportingTableRule.API_LATENCY.table() + " l WHERE l.MESSAGE_ID ="
					+ " o.ID)";
		}
		java.nio.file.Path file = directory.resolve(ob2 + ".missing.csv");
		long[] rows = { 0 };
		jdbc.query(sql, rs -> {
			java.sql.ResultSetMetaData meta = rs.getMetaData();
			List<String> header = new ArrayList<>();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				header.add(meta.getColumnLabel(i));
			}
			try (io.obmigrate.core.CsvFile csv = io.obmigrate.core.CsvFile.create(file, header)) {
				do {
					List<Object> values = new ArrayList<>();
					for (int i = 1; i <= header.size(); i++) {
						values.add(rs.getObject(i));
					}
					csv.row(values);
				}
				while (rs.next());
				rows[0] = csv.rows();
			}
		});
		return rows[0];
	}

	/** Swapped: the copy has taken the name (no {@code __OB3} left, and the OB 2.0 table kept aside or never there). */
	private boolean swapped(ReportingTableRule rule) {
		return !exists(rule.table() + ReportingSchema.SUFFIX) && exists(rule.table())
				&& (rule == ReportingTableRule.API_LATENCY || exists(rule.table() + OB2_SUFFIX)
						|| cleanedUp(rule));
	}

	private boolean cleanedUp(ReportingTableRule rule) {
		return this.schema.columns(rule.table()).containsKey("MESSAGE_ID")
				|| this.schema.columns(rule.table()).containsKey("PSU_CHANNEL")
				|| this.schema.columns(rule.table()).containsKey("PSU_INTERACTION_TIME");
	}

	/**
	 * What {@code rollback reporting} would do now, per table: drop an OB 3.0 copy not yet cut over, swap a cut-over
	 * table back (the OB 3.0 table kept as {@code <TABLE>__OB3}), or nothing. Rows: those the OB 3.0 table holds.
	 */
	boolean separateTarget() {
		return this.schema.separateTarget();
	}

	Map<String, String> rollbackPlan() {
		Map<String, String> plan = new java.util.LinkedHashMap<>();
		for (ReportingTableRule rule : ReportingTableRule.ALL) {
			String table = rule.table();
			if (this.schema.separateTarget()) {
				if (!this.schema.targetColumns(table).isEmpty()) {
					plan.put(table, "drop (built by obmigrate in "
							+ this.dataSources.settings(ObmigrateDataSources.Name.REPORTING_TARGET) + ")");
				}
			}
			else if (exists(table + ReportingSchema.SUFFIX)) {
				plan.put(table + ReportingSchema.SUFFIX, "drop (not cut over)");
			}
			else if (swapped(rule)) {
				plan.put(table, rule == ReportingTableRule.API_LATENCY || exists(table + OB2_SUFFIX)
						? "swap back (the OB 3.0 table is kept as " + table + ReportingSchema.SUFFIX + ")"
						: "cannot swap back: " + table + OB2_SUFFIX + " was dropped by reporting-cleanup");
			}
		}
		return plan;
	}

	/**
	 * Takes back what the reporting job and the cut-over did: before the cut-over, drops the {@code __OB3} copies; after
	 * it, swaps each table back ({@code TABLE} becomes {@code TABLE__OB3}, {@code TABLE__OB2} becomes {@code TABLE})
	 * so the OB 2.0 tables are in place again and nothing OB 3.0 wrote since is lost (a second rollback then drops the
	 * copies). With a separate target database, drops the tables obmigrate built there. Refused, before anything
	 * changes, when a cut-over table's OB 2.0 copy was already dropped. Each step is one DDL statement and is skipped
	 * when already done, so a killed rollback is run again.
	 */
	Map<String, Long> rollback(java.util.function.Consumer<String> progress) {
		Map<String, String> plan = rollbackPlan();
		List<String> impossible = plan.entrySet()
			.stream()
			.filter(e -> e.getValue().startsWith("cannot"))
			.map(e -> e.getKey() + " (" + e.getValue() + ")")
			.toList();
		if (!impossible.isEmpty()) {
			throw new RunRefused("rollback reporting cannot put the OB 2.0 tables back: " + String.join("; ", impossible)
					+ ". Nothing was changed. Restore those tables from the backup taken before reporting-cleanup.");
		}
		boolean separate = this.schema.separateTarget();
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSources.get(separate ? ObmigrateDataSources.Name.REPORTING_TARGET
				: ObmigrateDataSources.Name.REPORTING));
		Map<String, Long> changed = new java.util.LinkedHashMap<>();
		for (Map.Entry<String, String> step : plan.entrySet()) {
			String table = step.getKey();
			long rows = count(jdbc, table);
			if (step.getValue().startsWith("drop")) {
				jdbc.execute("DROP TABLE " + table);
				progress.accept(String.format("dropped %s (%,d rows)", table, rows));
			}
			else {
				rename(jdbc, table, table + ReportingSchema.SUFFIX);
				if (exists(table + OB2_SUFFIX)) {
					rename(jdbc, table + OB2_SUFFIX, table);
				}
				progress.accept(String.format("swapped %s back; its OB 3.0 rows (%,d) are kept in %s%s", table, rows,
						table, ReportingSchema.SUFFIX));
			}
			changed.put(table, rows);
		}
		return changed;
	}

	/** The newest reporting execution in this job repository, or null. */
	private JobExecution lastRun() {
		return this.control.executions(200)
			.stream()
			.filter(e -> e.getJobInstance().getJobName().equals(ReportingJobConfiguration.JOB_NAME))
			.findFirst()
			.orElse(null);
	}

	private void verifyLastRun(JdbcTemplate jdbc, List<ReportingTableRule> pending, boolean acceptQuarantined) {
		JobExecution last = lastRun();
		if (last == null) {
			throw new RunRefused("No reporting run is recorded in this job repository: run `obmigrate run reporting`"
					+ " first.");
		}
		if (last.getStatus() != BatchStatus.COMPLETED) {
			throw new RunRefused("The last reporting run (execution " + last.getId() + ") is " + last.getStatus()
					+ ": restart it until it completes, then cut over.");
		}
		if ("true".equals(String.valueOf(last.getJobParameters().getString(JobControl.DRY_RUN)))) {
			throw new RunRefused("The last reporting run (execution " + last.getId() + ") was a dry run: run `obmigrate"
					+ " run reporting` first.");
		}
		Map<String, Long> quarantined = this.reports.quarantinedBySourceTable(last.getJobInstanceId());
		List<String> held = pending.stream()
			.filter(rule -> quarantined.getOrDefault(rule.table(), 0L) > 0)
			.map(rule -> String.format("%s %,d", rule.table(), quarantined.get(rule.table())))
			.toList();
		if (!held.isEmpty() && !acceptQuarantined) {
			throw new RunRefused("The last reporting run (execution " + last.getId() + ") quarantined rows that are not"
					+ " in the OB 3.0 tables (" + String.join(", ", held) + "): after the cut-over OB 3.0 reports would"
					+ " miss them. See why with `obmigrate status --execution " + last.getId() + "`, fix them and"
					+ " `obmigrate restart reporting` (or run it again), or, to cut over without them, export the list"
					+ " with `obmigrate status --execution " + last.getId() + " --quarantine-csv FILE` and run"
					+ " `obmigrate reporting-cutover --accept-quarantined`.");
		}
		List<String> mismatches = new ArrayList<>();
		for (ReportingTableRule rule : pending) {
			String source = exists(rule.table() + OB2_SUFFIX) ? rule.table() + OB2_SUFFIX : ReportingSchema.sourceOf(rule);
			if (rule == ReportingTableRule.API_LATENCY) {
				source = exists(ReportingSchema.sourceOf(rule) + OB2_SUFFIX) ? ReportingSchema.sourceOf(rule) + OB2_SUFFIX
						: ReportingSchema.sourceOf(rule);
			}
			long expected = count(jdbc, source) - quarantined.getOrDefault(rule.table(), 0L);
			String target = this.schema.targetName(rule);
			long copied = count(new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.REPORTING_TARGET)),
					target);
			if (expected != copied) {
				mismatches.add(target + " has " + copied + " rows, " + source + " " + expected + " to copy");
			}
		}
		if (!mismatches.isEmpty()) {
			throw new RunRefused("The OB 3.0 copies do not match their sources: " + String.join("; ", mismatches)
					+ ". Rows changed since the run (is OB 2.0 BI still writing?): run `obmigrate run reporting` again"
					+ " (it copies only what is missing), then cut over.");
		}
	}

	private static long count(JdbcTemplate jdbc, String table) {
		Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
		return n == null ? 0 : n;
	}

	private boolean exists(String table) {
		return !this.schema.columns(table).isEmpty();
	}

	private void rename(JdbcTemplate jdbc, String from, String to) {
		Dialect dialect = this.schema.dialect();
		jdbc.execute(dialect.renameTable(from, to));
	}

}

package io.obmigrate.core;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores quarantined rows and notices in the job repository's database ({@code OBMIGRATE_QUARANTINE},
 * {@code OBMIGRATE_NOTICE}). Rows are keyed by job instance, step, source key and rule, and re-written on a replayed
 * chunk, so a restart never duplicates them.
 */
public class RowReportRepository {

	public static final String QUARANTINE_TABLE = "OBMIGRATE_QUARANTINE";

	public static final String NOTICE_TABLE = "OBMIGRATE_NOTICE";

	/** Long enough for a whole OB 2.0 revocation reason (2,048 characters) and its context. */
	private static final int MESSAGE_LIMIT = 8000;

	private final JdbcTemplate jdbc;

	/** A chunk's rows are stored in one transaction of the job repository: all of them or none. */
	private final TransactionTemplate transaction;

	public RowReportRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
	}

	/**
	 * Stores a chunk's rows. {@code replace}: rows of the same keys may be stored already (a chunk replayed after a
	 * restart), so they are deleted first; a step that {@link #hasRows has none} stored skips the deletes.
	 */
	public void save(long jobInstanceId, long jobExecutionId, String stepName, List<RowReport> rows, boolean replace) {
		if (rows.isEmpty()) {
			return;
		}
		this.transaction.executeWithoutResult(status -> {
			for (RowReport.Kind kind : RowReport.Kind.values()) {
				List<RowReport> ofKind = rows.stream().filter(r -> r.kind() == kind).toList();
				if (ofKind.isEmpty()) {
					continue;
				}
				String table = table(kind);
				if (replace) {
					delete(table, jobInstanceId, stepName, ofKind);
				}
				insert(table, jobInstanceId, jobExecutionId, stepName, ofKind);
			}
		});
	}

	/** Whether a step of a job instance has rows stored (by an earlier execution, say). */
	public boolean hasRows(long jobInstanceId, String stepName) {
		for (RowReport.Kind kind : RowReport.Kind.values()) {
			Long found = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table(kind)
					+ " WHERE JOB_INSTANCE_ID = ? AND STEP_NAME = ?", Long.class, jobInstanceId, stepName);
			if (found != null && found > 0) {
				return true;
			}
		}
		return false;
	}

	private void delete(String table, long jobInstanceId, String stepName, List<RowReport> ofKind) {
		this.jdbc.batchUpdate("DELETE FROM " + table
					+ " WHERE JOB_INSTANCE_ID = ? AND STEP_NAME = ? AND SOURCE_KEY = ? AND RULE_ID = ?", ofKind, 500,
					(ps, row) -> {
						ps.setLong(1, jobInstanceId);
						ps.setString(2, stepName);
						ps.setString(3, row.sourceKey());
						ps.setString(4, row.rule());
					});
	}

	private void insert(String table, long jobInstanceId, long jobExecutionId, String stepName, List<RowReport> ofKind) {
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.batchUpdate("INSERT INTO " + table
					+ " (JOB_INSTANCE_ID, JOB_EXECUTION_ID, STEP_NAME, SOURCE_TABLE, SOURCE_KEY, RULE_ID, MESSAGE,"
					+ " RECORDED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ofKind, 500, (ps, row) -> {
						ps.setLong(1, jobInstanceId);
						ps.setLong(2, jobExecutionId);
						ps.setString(3, stepName);
						ps.setString(4, row.sourceTable());
						ps.setString(5, row.sourceKey());
						ps.setString(6, row.rule());
						String message = row.message();
						ps.setString(7, message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT) : message);
						ps.setTimestamp(8, now);
					});
	}

	/** The rows recorded for a job instance, in step and key order; {@code limit} caps the list. */
	public List<StoredRow> find(RowReport.Kind kind, long jobInstanceId, int limit) {
		return this.jdbc.query("SELECT STEP_NAME, SOURCE_TABLE, SOURCE_KEY, RULE_ID, MESSAGE FROM " + table(kind)
				+ " WHERE JOB_INSTANCE_ID = ? ORDER BY STEP_NAME, SOURCE_KEY, RULE_ID", rs -> {
					List<StoredRow> found = new java.util.ArrayList<>();
					while (rs.next() && found.size() < limit) {
						found.add(new StoredRow(rs.getString(1), new RowReport(kind, rs.getString(2), rs.getString(3),
								rs.getString(4), rs.getString(5))));
					}
					return found;
				}, jobInstanceId);
	}

	/** The notices of one rule for a job instance, in key order (e.g. the planned changes of a dry run). */
	public List<StoredRow> findNotices(long jobInstanceId, String rule, int limit) {
		return this.jdbc.query("SELECT STEP_NAME, SOURCE_TABLE, SOURCE_KEY, RULE_ID, MESSAGE FROM " + NOTICE_TABLE
				+ " WHERE JOB_INSTANCE_ID = ? AND RULE_ID = ? ORDER BY SOURCE_KEY", rs -> {
					List<StoredRow> found = new java.util.ArrayList<>();
					while (rs.next() && found.size() < limit) {
						found.add(new StoredRow(rs.getString(1), new RowReport(RowReport.Kind.NOTICE, rs.getString(2),
								rs.getString(3), rs.getString(4), rs.getString(5))));
					}
					return found;
				}, jobInstanceId, rule);
	}

	/** Quarantined rows of a job instance per source table. */
	public Map<String, Long> quarantinedBySourceTable(long jobInstanceId) {
		Map<String, Long> counts = new java.util.HashMap<>();
		this.jdbc.query("SELECT SOURCE_TABLE, COUNT(*) FROM " + QUARANTINE_TABLE + " WHERE JOB_INSTANCE_ID = ?"
				+ " GROUP BY SOURCE_TABLE", rs -> {
					counts.put(rs.getString(1), rs.getLong(2));
				}, jobInstanceId);
		return counts;
	}

	/**
	 * Which of these source keys a run (not a dry run) of the job quarantined, with the rule; verify uses it to explain
	 * a row that is absent from the target.
	 */
	public Map<String, String> quarantinedKeys(String jobName, java.util.Collection<String> keys) {
		Map<String, String> rules = new java.util.HashMap<>();
		List<String> all = List.copyOf(new java.util.LinkedHashSet<>(keys));
		for (int from = 0; from < all.size(); from += 500) {
			List<String> slice = all.subList(from, Math.min(all.size(), from + 500));
			this.jdbc.query("SELECT q.SOURCE_KEY, q.RULE_ID FROM " + QUARANTINE_TABLE + " q JOIN BATCH_JOB_INSTANCE i"
					+ " ON i.JOB_INSTANCE_ID = q.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? AND q.SOURCE_KEY IN ("
					+ SqlText.placeholders(slice.size()) + ") AND NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p"
					+ " WHERE p.JOB_EXECUTION_ID = q.JOB_EXECUTION_ID AND p.PARAMETER_NAME = ? AND p.PARAMETER_VALUE = ?)",
					rs -> {
						rules.put(rs.getString(1), rs.getString(2));
					}, args(jobName, slice, JobControl.DRY_RUN, "true"));
		}
		return rules;
	}

	/**
	 * The source rows the newest completed run of the job (not a dry run) quarantined, per source table: what the
	 * target lacks by the rules.
	 */
	public Map<String, Long> quarantinedByJob(String jobName) {
		List<Long> instances = this.jdbc.queryForList("SELECT e.JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION e JOIN"
				+ " BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? AND e.STATUS ="
				+ " 'COMPLETED' AND NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.JOB_EXECUTION_ID ="
				+ " e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = ? AND p.PARAMETER_VALUE = ?) ORDER BY e.JOB_EXECUTION_ID"
				+ " DESC", Long.class, jobName, JobControl.DRY_RUN, "true");
		Map<String, Long> counts = new java.util.HashMap<>();
		if (instances.isEmpty()) {
			return counts;
		}
		this.jdbc.query("SELECT SOURCE_TABLE, COUNT(DISTINCT SOURCE_KEY) FROM " + QUARANTINE_TABLE
				+ " WHERE JOB_INSTANCE_ID = ? GROUP BY SOURCE_TABLE", rs -> {
					counts.put(rs.getString(1), rs.getLong(2));
				}, instances.get(0));
		return counts;
	}

	private static Object[] args(String first, List<String> middle, String... last) {
		List<Object> args = new java.util.ArrayList<>();
		args.add(first);
		args.addAll(middle);
		args.addAll(List.of(last));
		return args.toArray();
	}

	public long count(RowReport.Kind kind, long jobInstanceId) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table(kind) + " WHERE JOB_INSTANCE_ID = ?",
				Long.class, jobInstanceId);
		return count == null ? 0 : count;
	}

	private static String table(RowReport.Kind kind) {
		return kind == RowReport.Kind.QUARANTINED ? QUARANTINE_TABLE : NOTICE_TABLE;
	}

	public record StoredRow(String stepName, RowReport row) {
	}

}

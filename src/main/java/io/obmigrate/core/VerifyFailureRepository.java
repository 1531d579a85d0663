package io.obmigrate.core;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The differences verify found, in {@code OBMIGRATE_VERIFY_FAILURE} of the job repository: per verify run (job
 * instance), step and key. A replayed page replaces its keys' rows, so a restart never records a difference twice.
 */
public class VerifyFailureRepository {

	public static final String TABLE = "OBMIGRATE_VERIFY_FAILURE";

	private static final String COLUMNS = "JOB_NAME, TABLE_NAME, ROW_KEY, SUBJECT, COLUMN_NAME, EXPECTED, FOUND, KIND";

	private final JdbcTemplate jdbc;

	public VerifyFailureRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	static String ddl(Dialect dialect) {
		return "CREATE TABLE " + TABLE + " (JOB_INSTANCE_ID " + dialect.bigintType() + " NOT NULL, JOB_EXECUTION_ID "
				+ dialect.bigintType() + " NOT NULL, STEP_NAME " + dialect.varcharType(100) + " NOT NULL, JOB_NAME "
				+ dialect.varcharType(100) + " NOT NULL, TABLE_NAME " + dialect.varcharType(128) + " NOT NULL, ROW_KEY "
				+ dialect.varcharType(255) + " NOT NULL, SUBJECT " + dialect.varcharType(255) + " NOT NULL, COLUMN_NAME "
				+ dialect.varcharType(128) + " NOT NULL, EXPECTED " + dialect.clobType() + ", FOUND " + dialect.clobType()
				+ ", KIND " + dialect.varcharType(16) + " NOT NULL, RECORDED_AT " + dialect.timestampType()
				+ " NOT NULL)";
	}

	/** Replaces what the step recorded for these source keys (subjects) with {@code failures}. */
	public void replace(long jobInstanceId, long jobExecutionId, String stepName, Collection<String> keys,
			List<VerifyFailure> failures) {
		this.jdbc.batchUpdate("DELETE FROM " + TABLE + " WHERE JOB_INSTANCE_ID = ? AND STEP_NAME = ? AND SUBJECT = ?",
				new ArrayList<>(new LinkedHashSet<>(keys)), 500, (ps, key) -> {
					ps.setLong(1, jobInstanceId);
					ps.setString(2, stepName);
					ps.setString(3, cut(key, 255));
				});
		insert(jobInstanceId, jobExecutionId, stepName, failures);
	}

	/** Records failures of keys the step has not recorded anything for. */
	public void add(long jobInstanceId, long jobExecutionId, String stepName, List<VerifyFailure> failures) {
		insert(jobInstanceId, jobExecutionId, stepName, failures);
	}

	/** Replaces everything the step recorded (a step that checks the whole set at once). */
	public void replaceAll(long jobInstanceId, long jobExecutionId, String stepName, List<VerifyFailure> failures) {
		this.jdbc.update("DELETE FROM " + TABLE + " WHERE JOB_INSTANCE_ID = ? AND STEP_NAME = ?", jobInstanceId,
				stepName);
		insert(jobInstanceId, jobExecutionId, stepName, failures);
	}

	private void insert(long jobInstanceId, long jobExecutionId, String stepName, List<VerifyFailure> failures) {
		if (failures.isEmpty()) {
			return;
		}
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.batchUpdate("INSERT INTO " + TABLE + " (JOB_INSTANCE_ID, JOB_EXECUTION_ID, STEP_NAME, " + COLUMNS
				+ ", RECORDED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", failures, 500, (ps, f) -> {
					ps.setLong(1, jobInstanceId);
					ps.setLong(2, jobExecutionId);
					ps.setString(3, stepName);
					ps.setString(4, f.job());
					ps.setString(5, f.table());
					ps.setString(6, cut(f.key(), 255));
					ps.setString(7, cut(f.subject(), 255));
					ps.setString(8, cut(f.column(), 128));
					ps.setString(9, f.expected());
					ps.setString(10, f.found());
					ps.setString(11, f.kind());
					ps.setTimestamp(12, now);
				});
	}

	/** The failures of a verify run, mismatches first, then by job, table and key; {@code limit} caps the list. */
	public List<VerifyFailure> find(long jobInstanceId, int limit) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE JOB_INSTANCE_ID = ?"
				+ " ORDER BY KIND DESC, JOB_NAME, TABLE_NAME, ROW_KEY, COLUMN_NAME", rs -> {
					List<VerifyFailure> found = new ArrayList<>();
					while (rs.next() && found.size() < limit) {
						found.add(new VerifyFailure(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
								rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
					}
					return found;
				}, jobInstanceId);
	}

	/** Failures per {@code job/table} and kind: {@code counts.get("consent/OB_CONSENT").get(MISMATCH)}. */
	public Map<String, Map<String, Long>> counts(long jobInstanceId) {
		Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
		this.jdbc.query("SELECT JOB_NAME, TABLE_NAME, KIND, COUNT(*) FROM " + TABLE + " WHERE JOB_INSTANCE_ID = ?"
				+ " GROUP BY JOB_NAME, TABLE_NAME, KIND", rs -> {
					counts.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new LinkedHashMap<>())
						.put(rs.getString(3), rs.getLong(4));
				}, jobInstanceId);
		return counts;
	}

	/** The source keys of a job that had a difference in this verify run (for {@code --failed-only}). */
	public Set<String> failedKeys(long jobInstanceId, String jobName) {
		return new LinkedHashSet<>(this.jdbc.queryForList("SELECT DISTINCT SUBJECT FROM " + TABLE
				+ " WHERE JOB_INSTANCE_ID = ? AND JOB_NAME = ? ORDER BY SUBJECT", String.class, jobInstanceId, jobName));
	}

	public long mismatches(long jobInstanceId) {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE JOB_INSTANCE_ID = ? AND KIND = ?",
				Long.class, jobInstanceId, VerifyFailure.MISMATCH);
		return count == null ? 0 : count;
	}

	private static String cut(String text, int length) {
		return text.length() <= length ? text : text.substring(0, length);
	}

}

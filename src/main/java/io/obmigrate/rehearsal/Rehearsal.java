package io.obmigrate.rehearsal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One rehearsal as the history keeps it: when it ran, how it ended, what the reset took back, what {@code check}
 * found, and per job its execution with duration, rows, throughput, quarantined rows, notices by rule, verify
 * mismatches and the source row counts it started from.
 *
 * @param outcome {@code RUNNING}, {@code COMPLETED}, {@code MISMATCHED} (verify found differences), {@code FAILED},
 * {@code STOPPED}, or {@code INTERRUPTED} (its process died)
 * @param failedAt the step it ended at when it did not complete ({@code reset}, {@code check}, a job), else null
 * @param sourceRows per job, the source tables and their rows when the rehearsal started
 */
public record Rehearsal(long id, Instant startedAt, Instant endedAt, String outcome, String failedAt, String owner,
		Map<String, Long> resetRows, long checkBlockers, long checkWarnings, List<JobRun> jobs,
		Map<String, Map<String, Long>> sourceRows) {

	public static final String RUNNING = "RUNNING";

	public static final String COMPLETED = "COMPLETED";

	public static final String MISMATCHED = "MISMATCHED";

	public static final String FAILED = "FAILED";

	public static final String STOPPED = "STOPPED";

	public static final String INTERRUPTED = "INTERRUPTED";

	/** Seconds from start to end (0 while running). */
	public double seconds() {
		return this.endedAt == null ? 0 : (this.endedAt.toEpochMilli() - this.startedAt.toEpochMilli()) / 1000.0;
	}

	/** The run of {@code job}, or null. */
	public JobRun job(String job) {
		return this.jobs.stream().filter(j -> j.job().equals(job)).findFirst().orElse(null);
	}

	public long quarantined() {
		return this.jobs.stream().mapToLong(JobRun::quarantined).sum();
	}

	public long mismatches() {
		return this.jobs.stream().mapToLong(JobRun::mismatches).sum();
	}

	/** The rows the sources of {@code job} held when the rehearsal started. */
	public long sourceRows(String job) {
		return this.sourceRows.getOrDefault(job, Map.of()).values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * One job execution of the rehearsal.
	 *
	 * @param mismatches for verify: the differences found (by kind MISMATCH); else 0
	 */
	public record JobRun(String job, long executionId, String status, double seconds, long read, long written,
			long quarantined, long filtered, long present, double rowsPerSecond, Map<String, Long> notices,
			long mismatches, List<StepRun> steps) {
	}

	/** One step of a job execution. */
	public record StepRun(String step, double seconds, long read, long written, long quarantined,
			double rowsPerSecond) {
	}

}

package io.obmigrate.core;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Where a catch-up run ({@code run consent --since-last-run}, {@code run dcr --since-last-run}) starts reading: the
 * start of the job's newest completed run, less a margin for clock differences between the OB 2.0 servers, their
 * database and obmigrate. Every source row created or changed at or after it is read again; the run before covered
 * everything older. Recorded as two job parameters, so the summary and {@code status} show the mark a run used.
 *
 * @param executionId the completed execution the catch-up follows
 * @param runStarted when that execution started
 * @param since the instant changes are read from
 */
public record HighWaterMark(long executionId, Instant runStarted, Instant since) {

	/** Job parameter: the mark, epoch seconds. */
	public static final String CHANGED_SINCE = "changed-since";

	/** Job parameter: the execution the catch-up follows. */
	public static final String CATCH_UP_OF = "catch-up-of";

	/** A catch-up margin as a setting gives it, checked: zero or more. */
	public static Duration margin(Duration margin, String setting) {
		if (margin == null || margin.isNegative()) {
			throw new ConfigurationProblem(setting + " must be zero or more (e.g. 5m), not " + margin + ".");
		}
		return margin;
	}

	/**
	 * The mark of a catch-up of {@code jobName} started now; null when the job has no completed run, or none since
	 * {@code rolledBackAt} (a rollback of its writes; null: never rolled back), when everything must be read again.
	 */
	public static HighWaterMark of(JobRepository repository, String jobName, Duration margin, Instant rolledBackAt) {
		JobExecution last = JobControl.lastCompleted(repository, jobName);
		if (last == null) {
			return null;
		}
		Long startedAt = last.getJobParameters().getLong(JobControl.STARTED_AT);
		Instant started = startedAt != null ? Instant.ofEpochSecond(startedAt)
				: last.getStartTime().atZone(ZoneId.systemDefault()).toInstant();
		if (rolledBackAt != null && started.isBefore(rolledBackAt)) {
			return null;
		}
		return new HighWaterMark(last.getId(), started, started.minus(margin));
	}

	/** When the writes of {@code job} in database {@code target} were last rolled back, or null. */
	public static Instant rolledBackAt(OperationJournal journal, String job, ObmigrateDataSources.Name target) {
		OperationJournal.Entry entry = journal.last(Rollback.journalOperation(job), target);
		return entry == null ? null : entry.performedAt();
	}

	/**
	 * The job parameters of a catch-up of {@code jobName}, or a usage error when there is no completed run to follow.
	 */
	public static Map<String, String> parameters(JobRepository repository, String jobName, Duration margin,
			Instant rolledBackAt) {
		HighWaterMark mark = of(repository, jobName, margin, rolledBackAt);
		if (mark == null) {
			throw new ConfigurationProblem("--since-last-run migrates what changed since the previous completed "
					+ jobName + " run started, and this job repository has no completed " + jobName + " run"
					+ (rolledBackAt == null ? "" : " since `rollback " + jobName + "` of " + rolledBackAt) + ". Run"
					+ " `obmigrate run " + jobName + "` first (it migrates everything); later runs can then catch up.");
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put(CHANGED_SINCE, Long.toString(mark.since().getEpochSecond()));
		parameters.put(CATCH_UP_OF, Long.toString(mark.executionId()));
		return parameters;
	}

	/** The summary's words for a catch-up execution; null when the execution read everything. */
	public static String describe(JobExecution execution, String what, Duration margin, String marginSetting) {
		String since = execution.getJobParameters().getString(CHANGED_SINCE);
		if (since == null) {
			return null;
		}
		return "CATCH-UP: " + what + " created or changed since " + Instant.ofEpochSecond(Long.parseLong(since))
				+ " (high-water mark: the start of " + execution.getJobInstance().getJobName() + " execution "
				+ execution.getJobParameters().getString(CATCH_UP_OF) + " less " + marginSetting + " " + margin + ")";
	}

}

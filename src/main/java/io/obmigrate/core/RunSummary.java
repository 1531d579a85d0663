package io.obmigrate.core;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a job execution did, as data: per step the counts of its tally (read = written + quarantined + filtered + present),
 * duration and rows/s; per source table rows read; per target table rows written; notices per rule; the quarantined
 * rows (all of them, or the first ones) and notices. {@link RunSummaryAssembler} reads it from the job repository;
 * {@link RunSummaryText} renders the end-of-run table, {@link RunSummaryJson} the JSON of {@code status --json}.
 *
 * @param processAlive for a running execution whether its process is alive (else null)
 * @param quarantinedCount every quarantined row of the job instance, also those not in {@code quarantinedRows}
 */
public record RunSummary(long executionId, long instanceId, String jobName, String status, String exitCode,
		String exitDescription, Map<String, String> parameters, LocalDateTime start, LocalDateTime end,
		List<StepSummary> steps, Map<String, Long> sourceTables, Map<String, Long> targetTables,
		Map<String, Long> notices, Map<String, String> details, Boolean processAlive, long quarantinedCount,
		List<RowReportRepository.StoredRow> quarantinedRows, List<RowReportRepository.StoredRow> noticeRows) {

	/**
	 * Step or job execution-context key of a step's (or the job's) own lines for the summary, name to text (e.g. the
	 * reporting job's mode and pass-through columns per table, and the untouched tables with their row counts).
	 */
	public static final String DETAILS_KEY = "obmigrate.details";

	/**
	 * @param partitions the partitions of a partitioned step, each with its own counts (empty for a plain step)
	 * @param executionReads items the step (or partition) read in the execution summarised, not in earlier ones
	 */
	public record StepSummary(String name, String status, long read, long written, long quarantined, long filtered,
			long present, double seconds, double rowsPerSecond, long executionReads, List<StepSummary> partitions,
			Map<String, String> details) {

		public boolean balanced() {
			return this.read == this.written + this.quarantined + this.filtered + this.present;
		}

	}

	public long read() {
		return this.steps.stream().mapToLong(StepSummary::read).sum();
	}

	public long written() {
		return this.steps.stream().mapToLong(StepSummary::written).sum();
	}

	public long quarantined() {
		return this.steps.stream().mapToLong(StepSummary::quarantined).sum();
	}

	public long filtered() {
		return this.steps.stream().mapToLong(StepSummary::filtered).sum();
	}

	public long present() {
		return this.steps.stream().mapToLong(StepSummary::present).sum();
	}

	public boolean balanced() {
		return this.steps.stream().allMatch(StepSummary::balanced);
	}

	public boolean dryRun() {
		return "true".equals(this.parameters.get(JobControl.DRY_RUN));
	}

	/** The status to show: a running execution whose process is gone is CRASHED (it needs {@code restart}). */
	public String displayStatus() {
		return Boolean.FALSE.equals(this.processAlive) ? "CRASHED" : this.status;
	}

	/** Seconds from the start to the end, or to now while it runs. */
	public double seconds() {
		return seconds(this.start, this.end);
	}

	static double seconds(LocalDateTime start, LocalDateTime end) {
		if (start == null) {
			return 0;
		}
		LocalDateTime until = end != null ? end : LocalDateTime.now();
		return Duration.between(start, until).toMillis() / 1000.0;
	}

}

package io.obmigrate.core;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a job execution did, read back from the job repository: per step the counts of its tally (read = written +
 * quarantined + filtered), duration and rows/s; per source table rows read; per target table rows written; notices
 * per rule. Rendered as the pgloader-style end-of-run table and as the JSON of {@code status --json}.
 */
public record RunSummary(long executionId, long instanceId, String jobName, String status, String exitCode,
		String exitDescription, Map<String, String> parameters, LocalDateTime start, LocalDateTime end,
		List<StepSummary> steps, Map<String, Long> sourceTables, Map<String, Long> targetTables,
		Map<String, Long> notices, Map<String, String> details) {

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
			double seconds, double rowsPerSecond, long executionReads, List<StepSummary> partitions,
			Map<String, String> details) {

		public boolean balanced() {
			return this.read == this.written + this.quarantined + this.filtered;
		}

	}

	/**
	 * The summary of {@code execution}: each step's counts come from its latest execution in the job instance up to
	 * this one, so a restart's summary still counts the steps and partitions an earlier execution completed. A
	 * partitioned step's row adds up its partitions ({@code consent.accounts:p0}, ...).
	 */
	public static RunSummary of(JobExecution execution, List<JobExecution> instanceExecutions) {
		Map<String, String> parameters = new TreeMap<>();
		for (JobParameter<?> parameter : execution.getJobParameters()) {
			parameters.put(parameter.name(), SecretMasking.maskValue(parameter.name(), parameter.value()));
		}
		Map<String, StepExecution> latest = new LinkedHashMap<>();
		List<JobExecution> executions = new ArrayList<>(instanceExecutions);
		executions.removeIf(e -> e.getId() == execution.getId());
		executions.add(execution);
		executions.sort(Comparator.comparingLong(JobExecution::getId));
		List<StepExecution> all = new ArrayList<>();
		for (JobExecution earlier : executions) {
			if (earlier.getId() <= execution.getId()) {
				all.addAll(earlier.getStepExecutions());
			}
		}
		all.sort(Comparator.comparingLong(StepExecution::getId));
		for (StepExecution step : all) {
			latest.put(step.getStepName(), step);
		}
		Map<String, List<StepExecution>> byStep = new LinkedHashMap<>();
		for (StepExecution step : latest.values()) {
			String name = step.getStepName();
			byStep.computeIfAbsent(name.contains(":") ? name.substring(0, name.indexOf(':')) : name,
					k -> new ArrayList<>()).add(step);
		}
		List<StepSummary> steps = new ArrayList<>();
		Map<String, Long> sources = new TreeMap<>();
		Map<String, Long> targets = new LinkedHashMap<>();
		Map<String, Long> notices = new TreeMap<>();
		for (Map.Entry<String, List<StepExecution>> entry : byStep.entrySet()) {
			MigrationTally tally = new MigrationTally();
			StepExecution head = null;
			List<StepSummary> partitions = new ArrayList<>();
			long executionReads = 0;
			for (StepExecution step : entry.getValue()) {
				boolean thisExecution = step.getJobExecutionId() == execution.getId();
				if (step.getStepName().equals(entry.getKey())) {
					head = step;
					continue;
				}
				MigrationTally partition = tallyOf(step);
				partition.snapshot().forEach(tally::add);
				long reads = thisExecution ? readsInExecution(step, partition) : 0;
				executionReads += reads;
				partitions.add(new StepSummary(step.getStepName(), step.getStatus().toString(),
						partition.get(MigrationTally.READ), partition.get(MigrationTally.WRITTEN),
						partition.get(MigrationTally.QUARANTINED), partition.get(MigrationTally.FILTERED), 0, 0, reads,
						List.of(), Map.of()));
			}
			if (partitions.isEmpty() && head != null) {
				MigrationTally own = tallyOf(head);
				own.snapshot().forEach(tally::add);
				executionReads = head.getJobExecutionId() == execution.getId() ? readsInExecution(head, own) : 0;
			}
			head = head != null ? head : entry.getValue().get(0);
			boolean ranNow = head.getJobExecutionId() == execution.getId();
			double seconds = ranNow ? seconds(head.getStartTime(), head.getEndTime()) : 0;
			steps.add(new StepSummary(entry.getKey(), head.getStatus().toString(), tally.get(MigrationTally.READ),
					tally.get(MigrationTally.WRITTEN), tally.get(MigrationTally.QUARANTINED),
					tally.get(MigrationTally.FILTERED), seconds,
					seconds > 0 ? executionReads / seconds : 0, executionReads, List.copyOf(partitions), detailsOf(
							head.getExecutionContext().get(DETAILS_KEY))));
			tally.sourceTables().forEach((table, n) -> sources.merge(table, n, Long::sum));
			tally.targetTables().forEach((table, n) -> targets.merge(table, n, Long::sum));
			tally.notices().forEach((rule, n) -> notices.merge(rule, n, Long::sum));
		}
		return new RunSummary(execution.getId(), execution.getJobInstanceId(),
				execution.getJobInstance().getJobName(), execution.getStatus().toString(),
				execution.getExitStatus().getExitCode(), reason(execution),
				parameters, execution.getStartTime(), execution.getEndTime(), steps, sources, targets, notices,
				detailsOf(execution.getExecutionContext().get(DETAILS_KEY)));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> detailsOf(Object stored) {
		return stored instanceof Map ? new LinkedHashMap<>((Map<String, String>) stored) : Map.of();
	}

	/**
	 * Rows the step read in its own execution: its tally's reads less those restored at open (a step whose items are
	 * not rows, like the reporting job's key ranges, records them), else Spring Batch's read count.
	 */
	private static long readsInExecution(StepExecution step, MigrationTally tally) {
		if (step.getExecutionContext().containsKey(MigrationTally.READ_AT_OPEN_KEY)) {
			return tally.get(MigrationTally.READ) - step.getExecutionContext().getLong(MigrationTally.READ_AT_OPEN_KEY);
		}
		return step.getReadCount();
	}

	@SuppressWarnings("unchecked")
	private static MigrationTally tallyOf(StepExecution step) {
		Object stored = step.getExecutionContext().get(MigrationTally.CONTEXT_KEY);
		return new MigrationTally(stored instanceof Map ? (Map<String, Long>) stored : Map.of());
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

	/** The end-of-run table. */
	public String render(String context, List<RowReportRepository.StoredRow> quarantinedRows, long quarantinedTotal) {
		StringBuilder out = new StringBuilder();
		double total = seconds(this.start, this.end);
		out.append(String.format("%n%s execution %d: %s in %s%s%n", this.jobName, this.executionId, this.status,
				formatSeconds(total), context.isEmpty() ? "" : " (" + context + ")"));
		out.append(String.format("%n %-30s %12s %12s %12s %10s %10s %11s%n", "step", "read", "written", "quarantined",
				"filtered", "duration", "rows/s"));
		out.append(" ").append("-".repeat(102)).append('\n');
		for (StepSummary step : this.steps) {
			out.append(String.format(" %-30s %,12d %,12d %,12d %,10d %10s %,11.0f%s%n", step.name(), step.read(),
					step.written(), step.quarantined(), step.filtered(), formatSeconds(step.seconds()),
					step.rowsPerSecond(), step.status().equals("COMPLETED") ? "" : "  " + step.status()));
		}
		out.append(" ").append("-".repeat(102)).append('\n');
		out.append(String.format(" %-30s %,12d %,12d %,12d %,10d %10s%n", "total", read(), written(), quarantined(),
				filtered(), formatSeconds(total)));
		boolean balanced = this.steps.stream().allMatch(StepSummary::balanced);
		out.append(String.format(" read = written + quarantined + filtered: %,d = %,d + %,d + %,d  %s%n", read(),
				written(), quarantined(), filtered(), balanced ? "(every row accounted for)" : "MISMATCH"));
		table(out, "source table", "rows read", this.sourceTables);
		boolean dryRun = "true".equals(this.parameters.get("dry-run"));
		table(out, "target table", dryRun ? "rows to write" : "rows written", this.targetTables);
		if (!this.notices.isEmpty()) {
			table(out, "notice (migrated, deviation counted)", "rows", this.notices);
		}
		for (StepSummary step : this.steps) {
			if (!step.details().isEmpty()) {
				out.append(String.format("%n %s%n", step.name()));
				step.details().forEach((name, text) -> out.append(String.format("   %-20s %s%n", name, text)));
			}
		}
		if (!this.details.isEmpty()) {
			out.append(String.format("%n %s%n", "not migrated, left untouched"));
			this.details.forEach((name, text) -> out.append(String.format("   %-42s %s%n", name, text)));
		}
		if (quarantinedTotal > 0) {
			out.append(String.format("%n quarantined rows (%,d; showing %d):%n", quarantinedTotal,
					quarantinedRows.size()));
			for (RowReportRepository.StoredRow row : quarantinedRows) {
				out.append(String.format("  %-26s %-38s %-28s %s%n", row.row().sourceTable(), row.row().sourceKey(),
						row.row().rule(), row.row().message()));
			}
		}
		if (this.exitDescription != null && !this.exitDescription.isBlank() && !this.status.equals("COMPLETED")) {
			out.append(String.format("%n reason: %s%n", this.exitDescription));
		}
		return out.toString();
	}

	private static void table(StringBuilder out, String title, String column, Map<String, Long> rows) {
		out.append(String.format("%n %-44s %14s%n", title, column));
		rows.forEach((name, n) -> out.append(String.format(" %-44s %,14d%n", name, n)));
	}

	static double seconds(LocalDateTime start, LocalDateTime end) {
		if (start == null) {
			return 0;
		}
		LocalDateTime until = end != null ? end : LocalDateTime.now();
		return Duration.between(start, until).toMillis() / 1000.0;
	}

	private static String formatSeconds(double seconds) {
		return seconds < 60 ? String.format("%.1fs", seconds) : StepProgress.formatDuration((long) seconds);
	}

	/** Why an execution did not complete: the root cause's message, never a stack trace. */
	static String reason(JobExecution execution) {
		// A partitioned step adds a generic "unsuccessful step" failure next to its worker's real cause: prefer the
		// root cause that does not come from Spring Batch itself.
		String generic = null;
		for (Throwable failure : execution.getAllFailureExceptions()) {
			Throwable root = failure;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
			if (!root.getClass().getName().startsWith("org.springframework.batch.")) {
				return message;
			}
			generic = generic != null ? generic : message;
		}
		if (generic != null) {
			return generic;
		}
		String description = execution.getExitStatus().getExitDescription();
		boolean fromWorker = false;
		for (StepExecution step : execution.getStepExecutions()) {
			String stepDescription = step.getExitStatus().getExitDescription();
			boolean worker = step.getStepName().contains(":");
			if (stepDescription != null && !stepDescription.isBlank() && (worker || !fromWorker)) {
				description = stepDescription;
				fromWorker = worker;
			}
		}
		if (description == null || description.isBlank()) {
			return "";
		}
		String reason = description.lines().findFirst().orElse("");
		for (String line : description.lines().toList()) {
			if (line.startsWith("Caused by: ")) {
				reason = line.substring("Caused by: ".length());
			}
		}
		return reason.replaceFirst("^[A-Za-z_$][\\w.$]*: ", "");
	}

}

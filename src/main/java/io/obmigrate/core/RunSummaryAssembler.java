package io.obmigrate.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.NestedExceptionUtils;

/** Reads a {@link RunSummary} from the job executions of a job instance and the rows it reported. */
public final class RunSummaryAssembler {

	private RunSummaryAssembler() {
	}

	/**
	 * The quarantined rows and notices to carry in a summary.
	 *
	 * @param quarantinedCount every quarantined row of the instance
	 * @param quarantined the rows to list (all, or the first ones)
	 * @param notices the notices to list (often none)
	 */
	public record Rows(long quarantinedCount, List<RowReportRepository.StoredRow> quarantined,
			List<RowReportRepository.StoredRow> notices) {

		public static final Rows NONE = new Rows(0, List.of(), List.of());

		/** Up to {@code limit} quarantined rows and notices each of the instance, from the job repository. */
		public static Rows of(RowReportRepository reports, long jobInstanceId, int quarantinedLimit, int noticeLimit) {
			return new Rows(reports.count(RowReport.Kind.QUARANTINED, jobInstanceId),
					quarantinedLimit == 0 ? List.of()
							: reports.find(RowReport.Kind.QUARANTINED, jobInstanceId, quarantinedLimit),
					noticeLimit == 0 ? List.of() : reports.find(RowReport.Kind.NOTICE, jobInstanceId, noticeLimit));
		}

	}

	/**
	 * The summary of {@code execution}: each step's counts come from its latest execution in the job instance up to
	 * this one, so a restart's summary still counts the steps and partitions an earlier execution completed. A
	 * partitioned step's row adds up its partitions ({@code consent.accounts:p0}, ...).
	 */
	public static RunSummary assemble(JobExecution execution, List<JobExecution> instanceExecutions, Rows rows) {
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
			byStep.computeIfAbsent(StepName.of(name).step(), k -> new ArrayList<>()).add(step);
		}
		List<RunSummary.StepSummary> steps = new ArrayList<>();
		Map<String, Long> sources = new TreeMap<>();
		Map<String, Long> targets = new LinkedHashMap<>();
		Map<String, Long> notices = new TreeMap<>();
		for (Map.Entry<String, List<StepExecution>> entry : byStep.entrySet()) {
			MigrationTally tally = new MigrationTally();
			StepExecution head = null;
			List<RunSummary.StepSummary> partitions = new ArrayList<>();
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
				partitions.add(new RunSummary.StepSummary(step.getStepName(), step.getStatus().toString(),
						partition.get(MigrationTally.READ), partition.get(MigrationTally.WRITTEN),
						partition.get(MigrationTally.QUARANTINED), partition.get(MigrationTally.FILTERED),
						partition.get(MigrationTally.PRESENT), 0, 0, reads,
						List.of(), Map.of()));
			}
			if (partitions.isEmpty() && head != null) {
				MigrationTally own = tallyOf(head);
				own.snapshot().forEach(tally::add);
				executionReads = head.getJobExecutionId() == execution.getId() ? readsInExecution(head, own) : 0;
			}
			head = head != null ? head : entry.getValue().get(0);
			boolean ranNow = head.getJobExecutionId() == execution.getId();
			double seconds = ranNow ? RunSummary.seconds(head.getStartTime(), head.getEndTime()) : 0;
			steps.add(new RunSummary.StepSummary(entry.getKey(), head.getStatus().toString(), tally.get(MigrationTally.READ),
					tally.get(MigrationTally.WRITTEN), tally.get(MigrationTally.QUARANTINED),
					tally.get(MigrationTally.FILTERED), tally.get(MigrationTally.PRESENT), seconds,
					seconds > 0 ? executionReads / seconds : 0, executionReads, List.copyOf(partitions), detailsOf(
							head.getExecutionContext().get(RunSummary.DETAILS_KEY))));
			tally.sourceTables().forEach((table, n) -> sources.merge(table, n, Long::sum));
			tally.targetTables().forEach((table, n) -> targets.merge(table, n, Long::sum));
			tally.notices().forEach((rule, n) -> notices.merge(rule, n, Long::sum));
		}
		return new RunSummary(execution.getId(), execution.getJobInstanceId(),
				execution.getJobInstance().getJobName(), execution.getStatus().toString(),
				execution.getExitStatus().getExitCode(), reason(execution),
				parameters, execution.getStartTime(), execution.getEndTime(), steps, sources, targets, notices,
				detailsOf(execution.getExecutionContext().get(RunSummary.DETAILS_KEY)),
				execution.isRunning() ? ExecutionOwner.isAlive(execution) : null, rows.quarantinedCount(),
				rows.quarantined(), rows.notices());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> detailsOf(Object stored) {
		return stored instanceof Map ? new LinkedHashMap<>((Map<String, String>) stored) : Map.of();
	}

	/**
	 * Rows the step read in its own execution: its tally's reads less those restored at open (a step whose items are
	 * not rows, like the reporting job's key ranges, records them), else Spring Batch's read count.
	 */
	public static long readsInExecution(StepExecution step, MigrationTally tally) {
		if (step.getExecutionContext().containsKey(MigrationTally.READ_AT_OPEN_KEY)) {
			return tally.get(MigrationTally.READ) - step.getExecutionContext().getLong(MigrationTally.READ_AT_OPEN_KEY);
		}
		return step.getReadCount();
	}

	@SuppressWarnings("unchecked")
	public static MigrationTally tallyOf(StepExecution step) {
		Object stored = step.getExecutionContext().get(MigrationTally.CONTEXT_KEY);
		return new MigrationTally(stored instanceof Map ? (Map<String, Long>) stored : Map.of());
	}

	/** Why an execution did not complete: the root cause's message, never a stack trace. */
	public static String reason(JobExecution execution) {
		// A failure that names its database says the most: of several partitions that failed together (a database
		// restarted, say), one may have failed where no database is named (its transaction's commit).
		for (Throwable failure : execution.getAllFailureExceptions()) {
			DataSourceFault named = DataSourceFault.in(failure);
			if (named != null) {
				return named.getMessage();
			}
		}
		// A partitioned step adds a generic "unsuccessful step" failure next to its worker's real cause: prefer the
		// root cause that does not come from Spring Batch itself.
		String generic = null;
		for (Throwable failure : execution.getAllFailureExceptions()) {
			Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
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
			boolean worker = StepName.of(step.getStepName()).isPartition();
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

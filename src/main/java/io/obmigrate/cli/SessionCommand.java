package io.obmigrate.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.DataSourceFault;
import io.obmigrate.core.ExecutionOwner;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.Finding;
import io.obmigrate.core.MigrationJob;
import io.obmigrate.core.ObmigrateProperties;
import io.obmigrate.core.Preflight;
import io.obmigrate.core.RuleCode;
import io.obmigrate.core.RowFaults;
import io.obmigrate.core.RowReportRepository;
import io.obmigrate.core.RunSummary;
import io.obmigrate.core.RunSummaryAssembler;
import io.obmigrate.core.RunSummaryText;
import picocli.CommandLine.ParentCommand;

/** A command that needs the Spring context: opens it, and reports job executions the same way everywhere. */
abstract class SessionCommand {

	static final int QUARANTINE_LINES = 20;

	@ParentCommand
	ObmigrateCli root;

	ConfigurableApplicationContext open() {
		return CliSession.open(this.root.config, this.root.overrides);
	}

	/** The context of a command that only reads or marks job executions (status, stop, abandon): starts faster. */
	ConfigurableApplicationContext openJobControl() {
		return CliSession.openJobControl(this.root.config, this.root.overrides);
	}

	/** The capability behind a job name: its checks, its quarantine limit, its description. */
	static MigrationJob migrationJob(ConfigurableApplicationContext context, String jobName) {
		MigrationJob job = MigrationJob.find(context, jobName);
		if (job == null) {
			throw new ConfigurationProblem("Unknown job '" + jobName + "'. Jobs: "
					+ jobs(context).stream().map(MigrationJob::name).toList() + ".");
		}
		return job;
	}

	/** Every capability, in the order of the upgrade. */
	static List<MigrationJob> jobs(ConfigurableApplicationContext context) {
		return context.getBeanProvider(MigrationJob.class).orderedStream().toList();
	}

	/** The gates of the job's checks, then its preparation; prints the gates' warnings. */
	void preflight(MigrationJob job, boolean createSchema, boolean dryRun) {
		for (Finding warning : Preflight.prepare(job, createSchema, dryRun)) {
			this.root.err.println("obmigrate: warning: [" + warning.code().slug() + "] " + warning.found() + " "
					+ warning.fix());
		}
	}

	/**
	 * Runs a job execution with SIGTERM and SIGINT turned into a stop at the next chunk boundary
	 * ({@link GracefulStop}) until its summary is printed; the execution stopped is the one this process owns, never
	 * another process's run. Returns the exit code.
	 */
	int runAndReport(ConfigurableApplicationContext context, String jobName, Supplier<JobExecution> run) {
		JobControl control = context.getBean(JobControl.class);
		AtomicBoolean done = new AtomicBoolean();
		Runnable stop = () -> {
			// the signal may come before the execution exists (pre-flight): wait for it while the command runs
			while (!done.get()) {
				JobExecution last = control.lastExecution(jobName);
				if (last != null && last.isRunning()
						&& ExecutionOwner.current().equals(ExecutionOwner.ownerOf(last))) {
					control.stop(last.getId());
					return;
				}
				try {
					Thread.sleep(200);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		};
		try (GracefulStop graceful = GracefulStop.install(this.root.err, stop)) {
			JobExecution execution = run.get();
			ObmigrateProperties.Retry retry = context.getBean(ObmigrateProperties.class).getRetry();
			Duration pause = retry.getBackoff();
			for (int attempt = 1; attempt <= retry.getAttempts() && execution.getStatus() == BatchStatus.FAILED
					&& transientFailure(execution) && !graceful.requested(); attempt++) {
				this.root.err.printf("obmigrate: %s execution %d failed on a transient fault (%s). Resuming it from its"
						+ " last committed chunk in %d s (%d of %d).%n", jobName, execution.getId(),
						RunSummaryAssembler.reason(execution), pause.toSeconds(), attempt,
						retry.getAttempts());
				try {
					Thread.sleep(pause.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
				if (graceful.requested()) {
					break; // stopped while waiting: the run stays FAILED, for restart
				}
				pause = pause.multipliedBy(2);
				execution = control.restart(jobName, null, false);
			}
			// still under the handlers: a signal after the last chunk changes nothing and loses no summary
			return report(context, execution);
		}
		finally {
			done.set(true);
		}
	}

	/** Whether an execution failed only on transient database faults (nothing a resumption would meet again). */
	static boolean transientFailure(JobExecution execution) {
		List<Throwable> failures = execution.getAllFailureExceptions();
		boolean anyTransient = false;
		for (Throwable failure : failures) {
			DataSourceFault named = DataSourceFault.in(failure);
			boolean isTransient = named != null ? named.isTransient() : RowFaults.isTransient(failure);
			String root = NestedExceptionUtils.getMostSpecificCause(failure).getClass().getName();
			if (isTransient) {
				anyTransient = true;
			}
			else if (!root.startsWith("org.springframework.batch.")) {
				return false; // a partitioned step adds a generic failure next to its worker's cause
			}
		}
		return anyTransient;
	}

	/** Prints the end-of-run table, publishes the run's metrics, and returns the exit code of the execution. */
	int report(ConfigurableApplicationContext context, JobExecution execution) {
		int exit = summarise(context, execution);
		io.obmigrate.core.RunMetrics metrics = context.getBean(io.obmigrate.core.RunMetrics.class);
		if (metrics.enabled()) {
			long instance = execution.getJobInstanceId();
			RunSummary counts = context.getBean(JobControl.class)
				.summary(execution, RunSummaryAssembler.Rows.of(context.getBean(RowReportRepository.class), instance, 0, 0));
			java.util.Map<String, Long> mismatches = new java.util.LinkedHashMap<>();
			context.getBean(io.obmigrate.core.VerifyFailureRepository.class)
				.counts(instance)
				.forEach((table, kinds) -> mismatches.put(table,
						kinds.getOrDefault(io.obmigrate.core.VerifyFailure.MISMATCH, 0L)));
			for (String problem : metrics.publish(execution, counts, mismatches)) {
				this.root.err.println("obmigrate: warning: " + problem);
			}
		}
		return exit;
	}

	private int summarise(ConfigurableApplicationContext context, JobExecution execution) {
		String own = migrationJob(context, execution.getJobInstance().getJobName()).report(execution);
		if (own != null) {
			this.root.out.print(own);
			if (execution.getStatus() == BatchStatus.FAILED) {
				this.root.out.println("Reason: " + RunSummaryAssembler.reason(execution));
			}
			return exitCode(execution);
		}
		RowReportRepository reports = context.getBean(RowReportRepository.class);
		long instance = execution.getJobInstanceId();
		RunSummary summary = context.getBean(JobControl.class)
			.summary(execution, RunSummaryAssembler.Rows.of(reports, instance, QUARANTINE_LINES, 0));
		MigrationJob job = migrationJob(context, summary.jobName());
		String runContext = job.describe(execution) + (summary.dryRun() ? "; DRY RUN: nothing was written" : "");
		this.root.out.print(RunSummaryText.render(summary, runContext));
		if (summary.dryRun()) {
			for (RuleCode planned : job.plannedChangeRules()) {
				List<RowReportRepository.StoredRow> changes = reports.findNotices(instance, planned.slug(),
						Integer.MAX_VALUE);
				this.root.out.printf("%nPlanned changes (%d; nothing was written):%n", changes.size());
				for (RowReportRepository.StoredRow change : changes) {
					this.root.out.println(" registration " + change.row().sourceKey() + ": " + change.row().message());
				}
			}
		}
		return exitCode(execution);
	}

	/** The exit code of an execution: its status's, or 5 when a completed verify run found differences. */
	static int exitCode(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.COMPLETED
				&& io.obmigrate.core.Verification.MISMATCHED.equals(execution.getExitStatus().getExitCode())) {
			return ExitCodes.VERIFICATION_MISMATCH;
		}
		return exitCode(execution.getStatus());
	}

	static int exitCode(BatchStatus status) {
		return switch (status) {
			case COMPLETED -> ExitCodes.COMPLETED;
			case STOPPED, STOPPING, STARTED, STARTING -> ExitCodes.STOPPED_OR_WAITING;
			default -> ExitCodes.FAILED;
		};
	}

}

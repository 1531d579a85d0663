package io.obmigrate.cli;

import java.util.List;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.JobPreflight;
import io.obmigrate.core.RowReport;
import io.obmigrate.core.RowReportRepository;
import io.obmigrate.core.RunSummary;
import picocli.CommandLine.ParentCommand;

/** A command that needs the Spring context: opens it, and reports job executions the same way everywhere. */
abstract class SessionCommand {

	static final int QUARANTINE_LINES = 20;

	@ParentCommand
	ObmigrateCli root;

	ConfigurableApplicationContext open() {
		return CliSession.open(this.root.config, this.root.overrides);
	}

	static Job job(ConfigurableApplicationContext context, String name) {
		Map<String, Job> jobs = context.getBeansOfType(Job.class);
		return jobs.values()
			.stream()
			.filter(job -> job.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new ConfigurationProblem("Unknown job '" + name + "'. Jobs: "
					+ jobs.values().stream().map(Job::getName).sorted().toList() + "."));
	}

	static JobPreflight preflight(ConfigurableApplicationContext context, String jobName) {
		return context.getBeansOfType(JobPreflight.class)
			.values()
			.stream()
			.filter(p -> p.jobName().equals(jobName))
			.findFirst()
			.orElse(null);
	}

	/** Prints the end-of-run table and returns the exit code of the execution's status. */
	int report(ConfigurableApplicationContext context, JobExecution execution) {
		RunSummary summary = context.getBean(JobControl.class).summary(execution);
		RowReportRepository reports = context.getBean(RowReportRepository.class);
		long instance = execution.getJobInstanceId();
		List<RowReportRepository.StoredRow> quarantined = reports.find(RowReport.Kind.QUARANTINED, instance,
				QUARANTINE_LINES);
		JobPreflight preflight = preflight(context, summary.jobName());
		String runContext = (preflight != null ? preflight.describe() : "")
				+ ("true".equals(summary.parameters().get("dry-run")) ? "; DRY RUN: nothing was written" : "");
		this.root.out.print(summary.render(runContext, quarantined, reports.count(RowReport.Kind.QUARANTINED, instance)));
		if (preflight != null && "true".equals(summary.parameters().get("dry-run"))) {
			for (String planned : preflight.plannedChangeRules()) {
				List<RowReportRepository.StoredRow> changes = reports.findNotices(instance, planned, Integer.MAX_VALUE);
				this.root.out.printf("%nPlanned changes (%d; nothing was written):%n", changes.size());
				for (RowReportRepository.StoredRow change : changes) {
					this.root.out.println(" registration " + change.row().sourceKey() + ": " + change.row().message());
				}
			}
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

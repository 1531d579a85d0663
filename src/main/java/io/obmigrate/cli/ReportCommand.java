package io.obmigrate.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.RowReportRepository;
import io.obmigrate.verify.ExecutionReport;
import io.obmigrate.verify.ReportFormat;
import io.obmigrate.verify.VerifyJob;
import io.obmigrate.verify.VerifyJobConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
		description = { "The report of one execution (a run, a restart, a verify run) for a change ticket: per step the",
				"rows read, written, quarantined and filtered with duration and rows/s, throughput over time, notices,",
				"every quarantined row with its rule and fix, verification states and differences, the configuration",
				"(secrets masked) and the versions of obmigrate and the databases." })
class ReportCommand extends SessionCommand implements Callable<Integer> {

	@Option(names = "--execution", paramLabel = "ID", description = "The execution (default: the newest of any job).")
	Long executionId;

	@Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
			description = "text (default), json (schema: docs/report.schema.json) or html (one self-contained file).")
	String format;

	@Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of the terminal.")
	Path out;

	@Override
	public Integer call() throws Exception {
		ReportFormat reportFormat = ReportFormat.named(this.format);
		try (ConfigurableApplicationContext context = open()) {
			JobControl control = context.getBean(JobControl.class);
			JobExecution execution;
			if (this.executionId != null) {
				execution = control.execution(this.executionId);
				if (execution == null) {
					throw new ConfigurationProblem("There is no execution " + this.executionId
							+ ". `obmigrate status` lists the executions.");
				}
			}
			else {
				execution = control.executions(1).stream().findFirst().orElseThrow(() -> new ConfigurationProblem(
						"This job repository holds no execution yet; `obmigrate run JOB` starts one."));
			}
			VerifyJob verify = (VerifyJob) migrationJob(context, VerifyJobConfiguration.JOB_NAME);
			ExecutionReport report = ExecutionReport.of(execution, control, context.getBean(RowReportRepository.class),
					migrationJob(context, execution.getJobInstance().getJobName()), verify,
					context.getBean(io.obmigrate.core.ObmigrateDataSources.class));
			String rendered = reportFormat.render(report);
			if (this.out == null) {
				this.root.out.print(rendered);
			}
			else {
				Path parent = this.out.toAbsolutePath().getParent();
				if (parent != null) {
					Files.createDirectories(parent);
				}
				Files.writeString(this.out, rendered, StandardCharsets.UTF_8);
				this.root.err.println("obmigrate: wrote the " + reportFormat.name().toLowerCase(java.util.Locale.ROOT)
						+ " report of execution " + execution.getId() + " to " + this.out);
			}
			return ExitCodes.COMPLETED;
		}
	}

}

package io.obmigrate.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.core.RunSummaryAssembler;
import io.obmigrate.core.RunSummaryJson;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.RowReportRepository;
import io.obmigrate.core.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
		description = { "List executions: job, parameters (no secrets), status, start/end, and per step the rows read,",
				"written, quarantined, filtered and already present (read = written + quarantined + filtered + present)." })
class StatusCommand extends SessionCommand implements Callable<Integer> {

	private static final int TERMINAL_ROWS = 200;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	@Option(names = "--json", description = "Print JSON instead of a table.")
	boolean json;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Newest N executions (default 20).")
	int limit;

	@Option(names = "--execution", paramLabel = "ID",
			description = "Only this execution, with its quarantined rows and notices.")
	Long executionId;

	@Option(names = "--quarantine-csv", paramLabel = "FILE",
			description = "With --execution: write every quarantined row of that run to FILE as CSV (step, table, key,"
					+ " rule, reason and fix).")
	java.nio.file.Path quarantineCsv;

	@Override
	public Integer call() throws Exception {
		if (this.quarantineCsv != null && this.executionId == null) {
			throw new io.obmigrate.core.ConfigurationProblem("--quarantine-csv needs --execution ID: the quarantined rows"
					+ " of which run? `obmigrate status` lists the executions.");
		}
		try {
			return list();
		}
		catch (RuntimeException ex) {
			if (!io.obmigrate.core.ObmigrateDataSources.jobRepositoryServerEnded(ex)) {
				throw ex;
			}
			// another obmigrate command opened the job repository's file first and served it to this one; it ended
			// while this one was reading: read again (it only reads)
			return list();
		}
	}

	private Integer list() {
		try (ConfigurableApplicationContext context = openJobControl()) {
			JobControl control = context.getBean(JobControl.class);
			RowReportRepository reports = context.getBean(RowReportRepository.class);
			// one execution comes with its quarantined rows and notices (every one in JSON, the first 200 of each on the
			// terminal); a list of executions with the counts only
			List<RunSummary> summaries;
			if (this.executionId == null) {
				summaries = control.summaries(this.limit,
						execution -> RunSummaryAssembler.Rows.of(reports, execution.getJobInstanceId(), 0, 0));
			}
			else {
				JobExecution execution = control.execution(this.executionId);
				if (execution == null) {
					throw new io.obmigrate.core.ConfigurationProblem("There is no execution " + this.executionId
							+ ". `obmigrate status` lists the executions.");
				}
				int rowLimit = this.json ? Integer.MAX_VALUE : TERMINAL_ROWS;
				summaries = List.of(control.summary(execution,
						RunSummaryAssembler.Rows.of(reports, execution.getJobInstanceId(), rowLimit, rowLimit)));
				if (this.quarantineCsv != null) {
					writeQuarantine(reports, execution);
				}
			}
			if (this.json) {
				this.root.out.println(RunSummaryJson.render(summaries));
				return ExitCodes.COMPLETED;
			}
			if (summaries.isEmpty()) {
				this.root.out.println("No executions yet. Start one with `obmigrate run consent`.");
				return ExitCodes.COMPLETED;
			}
			this.root.out.printf("%-6s %-10s %-10s %-19s %-19s %12s %12s %12s %10s  %s%n", "exec", "job", "status",
					"start", "end", "read", "written", "quarantined", "filtered", "parameters");
			for (RunSummary summary : summaries) {
				this.root.out.printf("%-6d %-10s %-10s %-19s %-19s %,12d %,12d %,12d %,10d  %s%n", summary.executionId(),
						summary.jobName(), summary.displayStatus(), time(summary.start()), time(summary.end()),
						summary.read(), summary.written(), summary.quarantined(), summary.filtered(),
						summary.parameters());
				for (RunSummary.StepSummary step : summary.steps()) {
					this.root.out.printf("  %-56s %-10s %,12d %,12d %,12d %,10d%n", step.name(), step.status(),
							step.read(), step.written(), step.quarantined(), step.filtered());
				}
				for (List<RowReportRepository.StoredRow> rows : List.of(summary.quarantinedRows(), summary.noticeRows())) {
					for (RowReportRepository.StoredRow row : rows) {
						this.root.out.printf("  %-11s %-26s %-38s %-28s %s%n", row.row().kind(), row.row().sourceTable(),
								row.row().sourceKey(), row.row().rule(), row.row().message());
					}
				}
			}
			return ExitCodes.COMPLETED;
		}
	}

	/** Every quarantined row of the execution's run, as CSV (--quarantine-csv). */
	private void writeQuarantine(RowReportRepository reports, JobExecution execution) {
		try (io.obmigrate.core.CsvFile csv = io.obmigrate.core.CsvFile.create(this.quarantineCsv,
				List.of("step", "table", "key", "rule", "reason and fix"))) {
			for (RowReportRepository.StoredRow row : reports.find(io.obmigrate.core.RowReport.Kind.QUARANTINED,
					execution.getJobInstanceId(), Integer.MAX_VALUE)) {
				csv.row(List.of(row.stepName(), row.row().sourceTable(), row.row().sourceKey(), row.row().rule(),
						row.row().message()));
			}
			this.root.err.printf("Wrote %,d quarantined rows of execution %d to %s.%n", csv.rows(), execution.getId(),
					this.quarantineCsv);
		}
	}

	private static String time(LocalDateTime time) {
		return time == null ? "-" : TIME.format(time);
	}

}

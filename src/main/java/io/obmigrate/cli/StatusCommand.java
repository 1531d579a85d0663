package io.obmigrate.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.obmigrate.core.ExecutionOwner;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.RowReport;
import io.obmigrate.core.RowReportRepository;
import io.obmigrate.core.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
		description = { "List executions: job, parameters (no secrets), status, start/end, and per step the rows read,",
				"written, quarantined and filtered (read = written + quarantined + filtered)." })
class StatusCommand extends SessionCommand implements Callable<Integer> {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	@Option(names = "--json", description = "Print JSON instead of a table.")
	boolean json;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Newest N executions (default 20).")
	int limit;

	@Option(names = "--execution", paramLabel = "ID",
			description = "Only this execution, with its quarantined rows and notices.")
	Long executionId;

	@Override
	public Integer call() throws Exception {
		try (ConfigurableApplicationContext context = open()) {
			JobControl control = context.getBean(JobControl.class);
			RowReportRepository reports = context.getBean(RowReportRepository.class);
			List<JobExecution> executions;
			if (this.executionId != null) {
				JobExecution execution = control.execution(this.executionId);
				if (execution == null) {
					throw new io.obmigrate.core.ConfigurationProblem("There is no execution " + this.executionId
							+ ". `obmigrate status` lists the executions.");
				}
				executions = List.of(execution);
			}
			else {
				executions = control.executions(this.limit);
			}
			if (this.json) {
				List<Map<String, Object>> list = new ArrayList<>();
				for (JobExecution execution : executions) {
					list.add(toJson(execution, control.summary(execution), reports));
				}
				ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
				this.root.out.println(mapper.writeValueAsString(Map.of("executions", list)));
				return ExitCodes.COMPLETED;
			}
			if (executions.isEmpty()) {
				this.root.out.println("No executions yet. Start one with `obmigrate run consent`.");
				return ExitCodes.COMPLETED;
			}
			this.root.out.printf("%-6s %-10s %-10s %-19s %-19s %12s %12s %12s %10s  %s%n", "exec", "job", "status",
					"start", "end", "read", "written", "quarantined", "filtered", "parameters");
			for (JobExecution execution : executions) {
				RunSummary summary = control.summary(execution);
				this.root.out.printf("%-6d %-10s %-10s %-19s %-19s %,12d %,12d %,12d %,10d  %s%n", summary.executionId(),
						summary.jobName(), displayStatus(execution), time(summary.start()), time(summary.end()),
						summary.read(), summary.written(), summary.quarantined(), summary.filtered(),
						summary.parameters());
				for (RunSummary.StepSummary step : summary.steps()) {
					this.root.out.printf("  %-56s %-10s %,12d %,12d %,12d %,10d%n", step.name(), step.status(),
							step.read(), step.written(), step.quarantined(), step.filtered());
				}
				if (this.executionId != null) {
					for (RowReport.Kind kind : RowReport.Kind.values()) {
						for (RowReportRepository.StoredRow row : reports.find(kind, execution.getJobInstanceId(), 200)) {
							this.root.out.printf("  %-11s %-26s %-38s %-28s %s%n", kind, row.row().sourceTable(),
									row.row().sourceKey(), row.row().rule(), row.row().message());
						}
					}
				}
			}
			return ExitCodes.COMPLETED;
		}
	}

	/** A STARTED execution whose process is gone is shown as such: it needs `restart`. */
	private static String displayStatus(JobExecution execution) {
		return execution.isRunning() && !ExecutionOwner.isAlive(execution) ? "CRASHED" : execution.getStatus().toString();
	}

	/** A step's or partition's counts: cumulative over the job instance, and what this execution itself read. */
	private static Map<String, Object> stepJson(RunSummary.StepSummary step) {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("name", step.name());
		s.put("status", step.status());
		s.put("read", step.read());
		s.put("written", step.written());
		s.put("quarantined", step.quarantined());
		s.put("filtered", step.filtered());
		s.put("balanced", step.balanced());
		s.put("readInThisExecution", step.executionReads());
		if (step.seconds() > 0) {
			s.put("seconds", step.seconds());
			s.put("rowsPerSecond", Math.round(step.rowsPerSecond()));
		}
		if (!step.details().isEmpty()) {
			s.put("details", step.details());
		}
		return s;
	}

	private Map<String, Object> toJson(JobExecution execution, RunSummary summary, RowReportRepository reports) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("executionId", summary.executionId());
		json.put("instanceId", summary.instanceId());
		json.put("job", summary.jobName());
		json.put("status", summary.status());
		json.put("processAlive", execution.isRunning() ? ExecutionOwner.isAlive(execution) : null);
		json.put("exitCode", summary.exitCode());
		json.put("reason", summary.exitDescription());
		json.put("parameters", summary.parameters());
		json.put("start", iso(summary.start()));
		json.put("end", iso(summary.end()));
		List<Map<String, Object>> steps = new ArrayList<>();
		for (RunSummary.StepSummary step : summary.steps()) {
			Map<String, Object> s = stepJson(step);
			s.put("seconds", step.seconds());
			s.put("rowsPerSecond", Math.round(step.rowsPerSecond()));
			if (!step.partitions().isEmpty()) {
				s.put("partitions", step.partitions().stream().map(StatusCommand::stepJson).toList());
			}
			steps.add(s);
		}
		json.put("steps", steps);
		json.put("totals", Map.of("read", summary.read(), "written", summary.written(), "quarantined",
				summary.quarantined(), "filtered", summary.filtered()));
		json.put("sourceTables", summary.sourceTables());
		json.put("targetTables", summary.targetTables());
		json.put("notices", summary.notices());
		json.put("untouched", summary.details());
		json.put("quarantinedRows", reports.count(RowReport.Kind.QUARANTINED, execution.getJobInstanceId()));
		return json;
	}

	private static String iso(LocalDateTime time) {
		return time == null ? null : time.toString();
	}

	private static String time(LocalDateTime time) {
		return time == null ? "-" : TIME.format(time);
	}

}

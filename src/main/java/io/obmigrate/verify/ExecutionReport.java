package io.obmigrate.verify;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import io.obmigrate.core.JobControl;
import io.obmigrate.core.MigrationJob;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateVersion;
import io.obmigrate.core.RowReport;
import io.obmigrate.core.RowReportRepository;
import io.obmigrate.core.RuleCatalogue;
import io.obmigrate.core.RuleCode;
import io.obmigrate.core.RunSummary;
import io.obmigrate.core.RunSummaryAssembler;
import io.obmigrate.core.StepName;
import io.obmigrate.core.VerifyFailure;

/**
 * Everything a DBA attaches to a change ticket about one execution (a run, a restart, a verify run): what each step
 * did, the throughput over time, the notices, every quarantined row with its rule and fix, the verification's states
 * and differences, the configuration (secrets masked) and the versions of obmigrate and of the databases. The text,
 * JSON and HTML reports are renderings of this one model; {@code docs/report.schema.json} describes its JSON.
 */
public record ExecutionReport(String format, String obmigrateVersion, String generatedAt, Execution execution,
		Map<String, String> parameters, Configuration configuration, List<Database> databases, Totals totals,
		List<Step> steps, List<Point> throughput, Map<String, Long> notices, Quarantine quarantine,
		Verification verification) {

	public static final String FORMAT = "obmigrate-report/1";

	/** Points of the throughput chart. */
	static final int POINTS = 60;

	public record Execution(long id, long instance, String job, String status, String exitCode, String exitDescription,
			String start, String end, double seconds, boolean dryRun) {
	}

	/** The job's own description of its settings and each database's settings, without secrets. */
	public record Configuration(String job, Map<String, String> dataSources) {
	}

	/** A database as it answered when the report was made (or why it could not be asked). */
	public record Database(String name, String product, String version, String error) {
	}

	public record Totals(long read, long written, long quarantined, long filtered, long present, boolean balanced) {
	}

	public record Step(String name, String status, long read, long written, long quarantined, long filtered,
			long present, double seconds, double rowsPerSecond, List<Step> partitions) {
	}

	/** Rows per second at a moment of the execution (seconds from its start). */
	public record Point(double second, double rowsPerSecond) {
	}

	public record Quarantine(long count, List<QuarantinedRow> rows) {
	}

	public record QuarantinedRow(String step, String table, String key, String rule, String message, String fix) {
	}

	public record Verification(long mismatches, long apart, List<VerifyStates.TableState> tables,
			List<VerifyFailure> failures) {
	}

	/**
	 * Assembles the report of an execution.
	 *
	 * @param verify the verify capability, asked only for a verify execution
	 */
	public static ExecutionReport of(JobExecution execution, JobControl control, RowReportRepository rows,
			MigrationJob job, VerifyJob verify, ObmigrateDataSources dataSources) {
		long instance = execution.getJobInstanceId();
		RunSummary summary = control.summary(execution,
				RunSummaryAssembler.Rows.of(rows, instance, Integer.MAX_VALUE, 0));
		Execution head = new Execution(execution.getId(), instance, summary.jobName(), summary.displayStatus(),
				summary.exitCode(), summary.exitDescription(), text(summary.start()), text(summary.end()),
				round(summary.seconds()), summary.dryRun());
		List<Step> steps = new ArrayList<>();
		for (RunSummary.StepSummary step : summary.steps()) {
			steps.add(step(step));
		}
		Totals totals = new Totals(summary.read(), summary.written(), summary.quarantined(), summary.filtered(),
				summary.present(), summary.balanced());
		List<QuarantinedRow> quarantined = new ArrayList<>();
		for (RowReportRepository.StoredRow stored : rows.find(RowReport.Kind.QUARANTINED, instance, Integer.MAX_VALUE)) {
			RowReport row = stored.row();
			RuleCode code = RuleCatalogue.find(row.rule());
			quarantined.add(new QuarantinedRow(stored.stepName(), row.sourceTable(), row.sourceKey(), row.rule(),
					row.message(), code == null ? null : code.fix()));
		}
		Map<String, String> settings = new LinkedHashMap<>();
		List<Database> databases = new ArrayList<>();
		for (ObmigrateDataSources.Name name : ObmigrateDataSources.Name.values()) {
			if (!dataSources.isConfigured(name)) {
				continue;
			}
			settings.put(name.property(), dataSources.settings(name).toString());
			databases.add(database(dataSources, name));
		}
		Verification verification = null;
		if (verify != null && execution.getJobInstance().getJobName().equals(VerifyJobConfiguration.JOB_NAME)) {
			List<VerifyStates.TableState> states = verify.states(execution);
			verification = new Verification(states.stream().mapToLong(VerifyStates.TableState::mismatches).sum(),
					states.stream().mapToLong(VerifyStates.TableState::apart).sum(), states,
					verify.failures(execution, Integer.MAX_VALUE));
		}
		return new ExecutionReport(FORMAT, ObmigrateVersion.VERSION, OffsetDateTime.now().withNano(0).toString(), head,
				summary.parameters(), new Configuration(job.describe(), settings), databases, totals, steps,
				throughput(execution), summary.notices(), new Quarantine(summary.quarantinedCount(), quarantined),
				verification);
	}

	private static Step step(RunSummary.StepSummary step) {
		List<Step> partitions = new ArrayList<>();
		for (RunSummary.StepSummary partition : step.partitions()) {
			partitions.add(step(partition));
		}
		return new Step(step.name(), step.status(), step.read(), step.written(), step.quarantined(), step.filtered(),
				step.present(), round(step.seconds()), round(step.rowsPerSecond()), partitions);
	}

	private static Database database(ObmigrateDataSources dataSources, ObmigrateDataSources.Name name) {
		try (Connection connection = dataSources.connect(name)) {
			DatabaseMetaData meta = connection.getMetaData();
			return new Database(name.property(), meta.getDatabaseProductName(), meta.getDatabaseProductVersion(), null);
		}
		catch (RuntimeException | java.sql.SQLException ex) {
			return new Database(name.property(), null, null, "not reachable when the report was made: " + ex.getMessage());
		}
	}

	/**
	 * Rows per second over the execution: each step (or partition) that read rows in this execution spreads them evenly
	 * over its own start and end; overlapping steps add up. A step's rate inside its run is not recorded finer than that.
	 */
	static List<Point> throughput(JobExecution execution) {
		LocalDateTime start = execution.getStartTime();
		if (start == null) {
			return List.of();
		}
		LocalDateTime end = execution.getEndTime() != null ? execution.getEndTime() : LocalDateTime.now();
		double total = Math.max(0.001, Duration.between(start, end).toMillis() / 1000.0);
		double width = total / POINTS;
		double[] rows = new double[POINTS];
		List<String> partitioned = new ArrayList<>();
		for (StepExecution step : execution.getStepExecutions()) {
			if (StepName.of(step.getStepName()).isPartition()) {
				partitioned.add(StepName.of(step.getStepName()).step());
			}
		}
		for (StepExecution step : execution.getStepExecutions()) {
			StepName name = StepName.of(step.getStepName());
			if ((!name.isPartition() && partitioned.contains(name.step())) || step.getStartTime() == null) {
				continue; // a partitioned step's manager: its partitions count
			}
			long read = RunSummaryAssembler.readsInExecution(step, RunSummaryAssembler.tallyOf(step));
			if (read <= 0) {
				continue;
			}
			double from = Duration.between(start, step.getStartTime()).toMillis() / 1000.0;
			double to = Duration.between(start, step.getEndTime() != null ? step.getEndTime() : end).toMillis() / 1000.0;
			double span = Math.max(0.001, to - from);
			for (int i = 0; i < POINTS; i++) {
				double overlap = Math.min(to, (i + 1) * width) - Math.max(from, i * width);
				if (overlap > 0) {
					rows[i] += read * overlap / span;
				}
			}
		}
		List<Point> points = new ArrayList<>();
		for (int i = 0; i < POINTS; i++) {
			points.add(new Point(round((i + 0.5) * width), round(rows[i] / width)));
		}
		return points;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	private static String text(LocalDateTime time) {
		return time == null ? null : time.withNano(0).toString();
	}

}

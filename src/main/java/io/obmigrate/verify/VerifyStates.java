package io.obmigrate.verify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import io.obmigrate.core.Verification;
import io.obmigrate.core.VerifyFailure;
import io.obmigrate.core.VerifyFailureRepository;

/**
 * The verdict of a verify run per table, as AWS DMS shows it: {@code validated}, {@code mismatched}, or
 * {@code not validated} with the reason; with the rows compared, the differences and the rows apart, and what was
 * measured on both sides (counts, null counts, sums).
 */
public final class VerifyStates {

	public static final String VALIDATED = "validated";

	public static final String MISMATCHED = "mismatched";

	public static final String NOT_VALIDATED = "not validated";

	/** One table's verdict. */
	public record TableState(String job, String table, String state, String reason, long rows, long mismatches,
			long apart, Map<String, String> measures) {
	}

	private VerifyStates() {
	}

	/** The states as a table for a terminal, each line starting with {@code indent}. */
	static String table(List<TableState> states, String indent) {
		StringBuilder text = new StringBuilder(String.format("%s%-10s %-34s %-14s %10s %11s %7s  %s%n", indent, "JOB",
				"TABLE", "STATE", "ROWS", "DIFFERENCES", "APART", "NOTE"));
		for (TableState state : states) {
			text.append(String.format("%s%-10s %-34s %-14s %10d %11d %7d  %s%n", indent, state.job(), state.table(),
					state.state(), state.rows(), state.mismatches(), state.apart(),
					state.reason() == null ? "" : state.reason()));
		}
		return text.toString();
	}

	/**
	 * The states of every table of every verification, from the executions of one verify run (job instance): the
	 * latest execution of each step counts.
	 */
	public static List<TableState> of(List<JobExecution> executions, List<Verification> verifications,
			VerifyFailureRepository failures) {
		if (executions.isEmpty()) {
			return List.of();
		}
		JobExecution first = executions.get(0);
		JobParameters parameters = first.getJobParameters();
		long instance = first.getJobInstance().getInstanceId();
		Map<String, StepExecution> latest = new LinkedHashMap<>();
		executions.stream()
			.sorted((a, b) -> Long.compare(a.getId(), b.getId()))
			.forEach(execution -> execution.getStepExecutions()
				.forEach(step -> latest.put(step.getStepName(), step)));
		Map<String, String> notRun = new LinkedHashMap<>();
		for (String[] reason : VerifyParameters.notRun(parameters)) {
			notRun.put(reason[0], reason[1]);
		}
		List<String> selected = VerifyParameters.jobs(parameters);
		Map<String, Map<String, Long>> counts = failures.counts(instance);
		List<TableState> states = new ArrayList<>();
		for (Verification verification : verifications) {
			String job = verification.job();
			Map<String, BigDecimal> measures = new TreeMap<>();
			Map<String, String> tableReasons = new LinkedHashMap<>();
			boolean skipped = false;
			boolean done = true;
			boolean anyPartition = false;
			for (StepExecution step : latest.values()) {
				if (!VerifyJobConfiguration.measuresOf(step.getStepName(), job)) {
					continue;
				}
				if (step.getExecutionContext().containsKey(VerifyPartitioner.SKIPPED)) {
					skipped = true;
				}
				else if (step.getStepName().contains(":")) {
					anyPartition = true;
				}
				if (step.getStatus() != org.springframework.batch.core.BatchStatus.COMPLETED) {
					done = false;
				}
				for (Map.Entry<String, Object> entry : step.getExecutionContext().entrySet()) {
					if (entry.getKey().startsWith(VerifyJobConfiguration.NOT_VERIFIABLE)) {
						tableReasons.put(entry.getKey().substring(VerifyJobConfiguration.NOT_VERIFIABLE.length()),
								entry.getValue().toString());
					}
				}
				VerifyPageReader.addMeasures(step.getExecutionContext(), measures);
			}
			String reason = null;
			if (!selected.contains(job)) {
				reason = notRun.getOrDefault(job, "not selected for this run");
			}
			else if (!done) {
				reason = "the run has not finished this job's verification (restart it)";
			}
			for (String table : verification.tables()) {
				Map<String, Long> found = counts.getOrDefault(job + "/" + table, Map.of());
				long mismatches = found.getOrDefault(VerifyFailure.MISMATCH, 0L);
				long apart = found.getOrDefault(VerifyFailure.APART, 0L);
				Map<String, String> tableMeasures = new LinkedHashMap<>();
				long rows = 0;
				for (Map.Entry<String, BigDecimal> measure : measures.entrySet()) {
					if (measure.getKey().startsWith(table + "|")) {
						String name = measure.getKey().substring(table.length() + 1);
						if (name.equals("rows")) {
							rows = measure.getValue().longValue();
						}
						else {
							tableMeasures.put(name, measure.getValue().toPlainString());
						}
					}
				}
				String tableReason = reason != null ? reason : tableReasons.get(table);
				if (tableReason == null && skipped && !anyPartition) {
					tableReason = "not checked: the job's verification needs every one of its tables, and one is missing";
				}
				String state = tableReason != null ? NOT_VALIDATED : mismatches > 0 ? MISMATCHED : VALIDATED;
				states.add(new TableState(job, table, state, tableReason, rows, mismatches, apart, tableMeasures));
			}
		}
		return states;
	}

}

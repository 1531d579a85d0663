package io.obmigrate.core;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * {@link RunSummary}s as the JSON of {@code status --json}: the same counts as the table, per step and partition, and,
 * when the summary carries them ({@code status --execution N}), the quarantined rows and notices themselves.
 */
public final class RunSummaryJson {

	private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private RunSummaryJson() {
	}

	/** {@code {"executions": [...]}}. */
	public static String render(List<RunSummary> summaries) {
		try {
			return JSON.writeValueAsString(Map.of("executions", summaries.stream().map(Execution::of).toList()));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot write the status as JSON", ex);
		}
	}

	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	record Step(String name, String status, long read, long written, long quarantined, long filtered, long present,
			boolean balanced,
			long readInThisExecution, double seconds, long rowsPerSecond, Map<String, String> details,
			List<Step> partitions) {

		static Step of(RunSummary.StepSummary step) {
			return new Step(step.name(), step.status(), step.read(), step.written(), step.quarantined(), step.filtered(),
					step.present(), step.balanced(), step.executionReads(), step.seconds(), Math.round(step.rowsPerSecond()),
					step.details(), step.partitions().stream().map(Step::of).toList());
		}

	}

	record Totals(long read, long written, long quarantined, long filtered, long present) {
	}

	/** One quarantined row or notice: where it came from, under which rule, and what to do. */
	record Row(String step, String table, String key, String rule, String message) {

		static Row of(RowReportRepository.StoredRow row) {
			return new Row(row.stepName(), row.row().sourceTable(), row.row().sourceKey(), row.row().rule(),
					row.row().message());
		}

	}

	@JsonInclude(JsonInclude.Include.ALWAYS)
	record Execution(long executionId, long instanceId, String job, String status, Boolean processAlive,
			String exitCode, String reason, Map<String, String> parameters, String start, String end, List<Step> steps,
			Totals totals, Map<String, Long> sourceTables, Map<String, Long> targetTables, Map<String, Long> notices,
			Map<String, String> untouched, long quarantinedCount,
			@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Row> quarantinedRows,
			@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Row> noticeRows) {

		static Execution of(RunSummary summary) {
			return new Execution(summary.executionId(), summary.instanceId(), summary.jobName(), summary.status(),
					summary.processAlive(), summary.exitCode(), summary.exitDescription(), summary.parameters(),
					summary.start() == null ? null : summary.start().toString(),
					summary.end() == null ? null : summary.end().toString(),
					summary.steps().stream().map(Step::of).toList(),
					new Totals(summary.read(), summary.written(), summary.quarantined(), summary.filtered(),
							summary.present()),
					summary.sourceTables(), summary.targetTables(), summary.notices(), summary.details(),
					summary.quarantinedCount(), summary.quarantinedRows().stream().map(Row::of).toList(),
					summary.noticeRows().stream().map(Row::of).toList());
		}

	}

}

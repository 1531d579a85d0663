package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

/** A run's summary read back from its job executions: partitions added up, restarts counted, every row accounted. */
class RunSummaryAssemblerTest {

	private static JobExecution execution(long id, JobParameters parameters) {
		JobExecution execution = MetaDataInstanceFactory.createJobExecution("consent", 7L, id, parameters);
		execution.setStartTime(LocalDateTime.of(2026, 12, 1, 2, 0, 0));
		execution.setEndTime(LocalDateTime.of(2026, 12, 1, 2, 0, 10));
		return execution;
	}

	private static StepExecution step(JobExecution execution, String name, long id, BatchStatus status,
			Map<String, Long> tally) {
		StepExecution step = MetaDataInstanceFactory.createStepExecution(execution, name, id);
		step.setStatus(status);
		step.setStartTime(execution.getStartTime());
		step.setEndTime(execution.getEndTime());
		if (tally != null) {
			step.getExecutionContext().put(MigrationTally.CONTEXT_KEY, new HashMap<>(tally));
		}
		if (!execution.getStepExecutions().contains(step)) {
			execution.addStepExecutions(List.of(step));
		}
		return step;
	}

	private static Map<String, Long> tally(long read, long written, long quarantined, long filtered) {
		return Map.of(MigrationTally.READ, read, MigrationTally.WRITTEN, written, MigrationTally.QUARANTINED, quarantined,
				MigrationTally.FILTERED, filtered, "source.UK_ACCOUNT_INITIATION", read, "target.OB_CONSENT", written,
				"notice.reason-truncated", 1L);
	}

	@Test
	void aPartitionedStepAddsUpItsPartitions() {
		JobExecution run = execution(1, new JobParameters());
		step(run, "consent.accounts", 1, BatchStatus.COMPLETED, null);
		step(run, "consent.accounts:p0", 2, BatchStatus.COMPLETED, tally(100, 97, 2, 1));
		step(run, "consent.accounts:p1", 3, BatchStatus.COMPLETED, tally(50, 50, 0, 0));

		RunSummary summary = RunSummaryAssembler.assemble(run, List.of(run), RunSummaryAssembler.Rows.NONE);

		assertThat(summary.steps()).hasSize(1);
		RunSummary.StepSummary accounts = summary.steps().get(0);
		assertThat(accounts.name()).isEqualTo("consent.accounts");
		assertThat(accounts.partitions()).extracting(RunSummary.StepSummary::name)
			.containsExactly("consent.accounts:p0", "consent.accounts:p1");
		assertThat(List.of(accounts.read(), accounts.written(), accounts.quarantined(), accounts.filtered()))
			.containsExactly(150L, 147L, 2L, 1L);
		assertThat(summary.balanced()).isTrue();
		assertThat(summary.sourceTables()).containsEntry("UK_ACCOUNT_INITIATION", 150L);
		assertThat(summary.targetTables()).containsEntry("OB_CONSENT", 147L);
		assertThat(summary.notices()).containsEntry("reason-truncated", 2L);
	}

	@Test
	void aRestartCountsTheStepsAnEarlierExecutionCompleted() {
		JobExecution first = execution(1, new JobParameters());
		step(first, "consent.accounts", 1, BatchStatus.COMPLETED, tally(100, 100, 0, 0));
		step(first, "consent.payments", 2, BatchStatus.FAILED, tally(40, 40, 0, 0));
		JobExecution restart = execution(2, new JobParameters());
		step(restart, "consent.payments", 3, BatchStatus.COMPLETED, tally(90, 90, 0, 0));

		RunSummary summary = RunSummaryAssembler.assemble(restart, List.of(first, restart),
				RunSummaryAssembler.Rows.NONE);

		assertThat(summary.steps()).extracting(RunSummary.StepSummary::name)
			.containsExactly("consent.accounts", "consent.payments");
		assertThat(summary.read()).isEqualTo(190);
		RunSummary.StepSummary accounts = summary.steps().get(0);
		assertThat(accounts.seconds()).as("not run in this execution").isZero();
		assertThat(summary.steps().get(1).status()).isEqualTo("COMPLETED");
	}

	@Test
	void anUnbalancedStepIsShownAsAMismatch() {
		JobExecution run = execution(1, new JobParameters());
		step(run, "dcr.registrations", 1, BatchStatus.COMPLETED, tally(10, 8, 1, 0));

		RunSummary summary = RunSummaryAssembler.assemble(run, List.of(run), RunSummaryAssembler.Rows.NONE);

		assertThat(summary.balanced()).isFalse();
		assertThat(RunSummaryText.render(summary, "")).contains("10 = 8 + 1 + 0 + 0  MISMATCH");
	}

	@Test
	void secretParametersAreMaskedAndTheDryRunIsKnown() {
		JobParameters parameters = new JobParametersBuilder().addString("db.password", "hunter2")
			.addString(JobControl.DRY_RUN, "true")
			.toJobParameters();
		JobExecution run = execution(1, parameters);

		RunSummary summary = RunSummaryAssembler.assemble(run, List.of(run), RunSummaryAssembler.Rows.NONE);

		assertThat(summary.parameters().get("db.password")).doesNotContain("hunter2");
		assertThat(summary.dryRun()).isTrue();
		assertThat(RunSummaryJson.render(List.of(summary))).doesNotContain("hunter2");
	}

	@Test
	void theReasonIsTheRootCauseNotSpringBatchsWrapper() {
		JobExecution run = execution(1, new JobParameters());
		run.setStatus(BatchStatus.FAILED);
		run.addFailureException(new IllegalStateException("wrapped",
				new java.sql.SQLException("Data too long for column 'REASON'")));

		RunSummary summary = RunSummaryAssembler.assemble(run, List.of(run), RunSummaryAssembler.Rows.NONE);

		assertThat(summary.exitDescription()).isEqualTo("Data too long for column 'REASON'");
	}

	@Test
	void ofPartitionsThatFailedTogetherTheOneNamingItsDatabaseGivesTheReason() {
		ObmigrateProperties properties = new ObmigrateProperties();
		properties.getOb().setUrl("jdbc:mysql://db.example:3306/openbank_openbankingdb");
		ObmigrateDataSources dataSources = new ObmigrateDataSources(properties);
		JobExecution run = execution(1, new JobParameters());
		run.setStatus(BatchStatus.FAILED);
		run.addFailureException(new IllegalStateException("commit failed",
				new java.sql.SQLException("Can not read response from server")));
		run.addFailureException(DataSourceFault.of(dataSources, ObmigrateDataSources.Name.OB,
				new IllegalStateException("read failed", new java.sql.SQLException("Connection reset"))));

		assertThat(RunSummaryAssembler.reason(run)).startsWith("The obmigrate.ob database (jdbc:mysql://db.example")
			.contains("Connection reset");
	}

	@Test
	void theJsonOfOneExecutionCarriesItsQuarantinedRows() {
		JobExecution run = execution(1, new JobParameters());
		step(run, "consent.accounts", 1, BatchStatus.COMPLETED, tally(2, 1, 1, 0));
		RowReportRepository.StoredRow row = new RowReportRepository.StoredRow("consent.accounts",
				new RowReport(RowReport.Kind.QUARANTINED, "UK_ACCOUNT_INITIATION", "c-7", "unknown-status",
						"Status 'Expired' has no OB 3.0 mapping"));

		RunSummary summary = RunSummaryAssembler.assemble(run, List.of(run),
				new RunSummaryAssembler.Rows(1, List.of(row), List.of()));

		assertThat(RunSummaryJson.render(List.of(summary))).contains("\"quarantinedCount\" : 1")
			.contains("\"key\" : \"c-7\"")
			.contains("\"rule\" : \"unknown-status\"")
			.contains("\"message\" : \"Status 'Expired' has no OB 3.0 mapping\"");
	}

}

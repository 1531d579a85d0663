package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * What `status` lists: the newest executions of every job, newest first, including one a restart added to an old
 * instance, each summarised with its instance's other executions.
 */
class JobControlNewestTest {

	@Test
	void theNewestExecutionsOfEveryJobNewestFirstAndARestartOfAnOldInstanceAmongThem() throws Exception {
		ObmigrateProperties properties = new ObmigrateProperties();
		properties.getJobrepo().setUrl("jdbc:h2:mem:newest-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		properties.getJobrepo().setUsername("sa");
		properties.getJobrepo().setPassword("");
		try (ObmigrateDataSources dataSources = new ObmigrateDataSources(properties)) {
			JobRepositorySchema schema = new JobRepositorySchema(dataSources);
			schema.ensure();
			JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
			NamedDataSource dataSource = new NamedDataSource(dataSources, ObmigrateDataSources.Name.JOBREPO);
			factory.setDataSource(dataSource);
			factory.setTransactionManager(new DataSourceTransactionManager(dataSource));
			factory.afterPropertiesSet();
			JobRepository repository = factory.getObject();
			JobControl control = new JobControl(null, repository, schema);

			assertThat(control.executions(20)).isEmpty();
			JobExecution consent = execution(repository, repository.createJobInstance("consent", run(1)), BatchStatus.FAILED);
			for (int run = 1; run <= 3; run++) {
				execution(repository, repository.createJobInstance("verify", run(run)), BatchStatus.COMPLETED);
			}
			// the failed consent run restarted after the three verify runs
			JobExecution restart = execution(repository, consent.getJobInstance(), BatchStatus.COMPLETED);

			List<JobExecution> newest = control.executions(3);
			assertThat(newest).extracting(JobExecution::getId).containsExactly(restart.getId(), restart.getId() - 1,
					restart.getId() - 2);
			assertThat(newest.get(0).getJobInstance().getJobName()).isEqualTo("consent");
			assertThat(control.executions(0)).isEmpty();
			assertThat(control.executions(20)).hasSize(5).extracting(JobExecution::getId).isSortedAccordingTo(
					(a, b) -> Long.compare(b, a));

			List<RunSummary> summaries = control.summaries(20, execution -> RunSummaryAssembler.Rows.NONE);
			assertThat(summaries).extracting(RunSummary::executionId)
				.containsExactlyElementsOf(control.executions(20).stream().map(JobExecution::getId).toList());
			assertThat(summaries.get(0)).usingRecursiveComparison()
				.isEqualTo(control.summary(control.execution(restart.getId()), RunSummaryAssembler.Rows.NONE));
			assertThat(summaries.get(4)).usingRecursiveComparison()
				.isEqualTo(control.summary(control.execution(consent.getId()), RunSummaryAssembler.Rows.NONE));
		}
	}

	/** Two `status` started together: the one served by the other's process reads again when that process ends. */
	@Test
	void theServingProcessEndingIsToldApartFromOtherFailures() {
		java.sql.SQLException closed = new org.h2.jdbc.JdbcSQLNonTransientConnectionException("Database is already"
				+ " closed", null, "90121", 90121, null, null);
		assertThat(ObmigrateDataSources.jobRepositoryServerEnded(
				new org.springframework.transaction.TransactionSystemException("rollback failed", closed))).isTrue();
		assertThat(ObmigrateDataSources.jobRepositoryServerEnded(new IllegalStateException(
				new org.h2.jdbc.JdbcSQLNonTransientConnectionException("broken", null, "90067", 90067, null, null))))
			.isTrue();
		assertThat(ObmigrateDataSources.jobRepositoryServerEnded(new IllegalStateException(
				new org.h2.jdbc.JdbcSQLNonTransientConnectionException("other", null, "90046", 90046, null, null))))
			.isFalse();
		assertThat(ObmigrateDataSources.jobRepositoryServerEnded(new IllegalStateException(
				new java.sql.SQLException("a PostgreSQL job repository", "08006", 90121)))).as("not H2").isFalse();
		assertThat(ObmigrateDataSources.jobRepositoryServerEnded(new IllegalStateException("no SQL"))).isFalse();
	}

	private static JobParameters run(long id) {
		return new JobParametersBuilder().addLong(JobControl.RUN_ID, id).toJobParameters();
	}

	private static JobExecution execution(JobRepository repository, JobInstance instance, BatchStatus status) {
		JobExecution execution = repository.createJobExecution(instance, run(instance.getInstanceId()),
				new ExecutionContext());
		execution.setStatus(status);
		execution.setStartTime(java.time.LocalDateTime.now());
		execution.setEndTime(java.time.LocalDateTime.now());
		repository.update(execution);
		return execution;
	}

}

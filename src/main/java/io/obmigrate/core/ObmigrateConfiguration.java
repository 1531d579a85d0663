package io.obmigrate.core;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The shared core of the commands that run jobs: the job repository ({@link JobRepositoryConfiguration}), the OB
 * database, the step-scoped counts and reports every step uses, metrics, the journal and the guard of destructive
 * commands.
 */
@Configuration(proxyBeanMethods = false)
@Import(JobRepositoryConfiguration.class)
public class ObmigrateConfiguration {

	/** The OB database: read by the consent and dcr jobs. */
	@Bean
	DataSource obDataSource(ObmigrateDataSources dataSources) {
		return new NamedDataSource(dataSources, ObmigrateDataSources.Name.OB);
	}

	/** The counts of the step execution in progress (every job's steps use the same step-scoped beans). */
	@Bean
	@StepScope
	MigrationTally stepTally() {
		return new MigrationTally();
	}

	@Bean
	@StepScope
	ChunkReport chunkReport(RowReportRepository rowReports, MigrationTally stepTally,
			@Value("#{jobParameters['" + JobControl.MAX_QUARANTINED + "']}") Long maxQuarantined) {
		return new ChunkReport(rowReports, StepBeans.current(stepTally), maxQuarantined);
	}

	@Bean
	@StepScope
	StepProgress stepProgress(MigrationTally stepTally) {
		return new StepProgress(StepBeans.current(stepTally), System.out, System.console() != null, Duration.ofSeconds(10));
	}

	@Bean
	RunMetrics runMetrics(ObmigrateProperties properties) {
		return new RunMetrics(properties);
	}

	@Bean
	VerifyFailureRepository verifyFailureRepository(DataSource jobRepositoryDataSource) {
		return new VerifyFailureRepository(new JdbcTemplate(jobRepositoryDataSource));
	}

	@Bean
	OperationJournal operationJournal(ObmigrateDataSources dataSources, JobRepositorySchema schema) {
		return new OperationJournal(dataSources, schema);
	}

	@Bean
	DestructiveConfirmation destructiveConfirmation(ObmigrateDataSources dataSources, ObmigrateProperties properties) {
		return new DestructiveConfirmation(dataSources, properties.getRehearsal().getAllowedTargets());
	}

}

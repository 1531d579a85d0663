package io.obmigrate.core;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.batch.autoconfigure.BatchTransactionManager;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/** The shared core: named data sources, the job repository's database, and the transaction managers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ObmigrateProperties.class)
public class ObmigrateConfiguration {

	@Bean(destroyMethod = "close")
	ObmigrateDataSources obmigrateDataSources(ObmigrateProperties properties) {
		return new ObmigrateDataSources(properties);
	}

	/** The job repository's database: Spring Batch metadata, the quarantine and notice tables. */
	@Bean
	@Primary
	@BatchDataSource
	DataSource jobRepositoryDataSource(ObmigrateDataSources dataSources) {
		return new NamedDataSource(dataSources, ObmigrateDataSources.Name.JOBREPO);
	}

	@Bean
	@Primary
	@BatchTransactionManager
	PlatformTransactionManager transactionManager(DataSource jobRepositoryDataSource) {
		return new DataSourceTransactionManager(jobRepositoryDataSource);
	}

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
		return new ChunkReport(rowReports, stepTally, maxQuarantined);
	}

	@Bean
	@StepScope
	StepProgress stepProgress(MigrationTally stepTally) {
		return new StepProgress(stepTally, System.out, System.console() != null, Duration.ofSeconds(10));
	}

	@Bean
	RowReportRepository rowReportRepository(DataSource jobRepositoryDataSource) {
		return new RowReportRepository(new JdbcTemplate(jobRepositoryDataSource));
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
	JobControl jobControl(JobOperator jobOperator, JobRepository jobRepository, JobRepositorySchema schema) {
		return new JobControl(jobOperator, jobRepository, schema);
	}

	@Bean
	JobRepositorySchema jobRepositorySchema(ObmigrateDataSources dataSources) {
		return new JobRepositorySchema(dataSources);
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

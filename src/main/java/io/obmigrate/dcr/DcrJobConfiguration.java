package io.obmigrate.dcr;


import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.obmigrate.core.ChunkReport;
import io.obmigrate.core.ExecutionOwner;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.NamedDataSource;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.SampleData;
import io.obmigrate.core.StepBeans;
import io.obmigrate.core.StepProgress;

/**
 * The DCR job: one chunk-oriented step over {@code OB_DCR_DETAILS} that brings each registration's service
 * provider in the Identity Server database to the OB 3.0 shape. The chunk transaction is the job repository's (it
 * carries the checkpoint and the report rows); every registration's Identity Server change has its own transaction.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DcrProperties.class)
public class DcrJobConfiguration {

	public static final String JOB_NAME = "dcr";

	public static final String STEP_NAME = "dcr.registrations";

	@Bean
	Job dcrJob(JobRepository jobRepository, Step dcrRegistrationsStep, io.obmigrate.core.RunMetrics runMetrics) {
		return new JobBuilder(JOB_NAME, jobRepository).observationRegistry(runMetrics.observations()).listener(new ExecutionOwner(jobRepository))
			.start(dcrRegistrationsStep)
			.build();
	}

	@Bean
	Step dcrRegistrationsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			DcrProperties dcrProperties, DcrRegistrationReader dcrReader, DcrProcessor dcrProcessor,
			DcrWriter dcrWriter, ChunkReport chunkReport, StepProgress stepProgress,
			io.obmigrate.core.RunMetrics runMetrics) {
		return new StepBuilder(STEP_NAME, jobRepository).observationRegistry(runMetrics.observations())
			.<DcrSource, ServiceProviderChange>chunk(dcrProperties.getChunkSize())
			.transactionManager(transactionManager)
			.reader(dcrReader)
			.processor(dcrProcessor)
			.writer(dcrWriter)
			.listener(chunkReport)
			.listener(stepProgress)
			.build();
	}

	@Bean
	DataSource identityDataSource(ObmigrateDataSources dataSources) {
		return new NamedDataSource(dataSources, ObmigrateDataSources.Name.IDENTITY);
	}

	@Bean
	SampleData dcrSampleData(ObmigrateDataSources dataSources, DcrProperties dcrProperties) {
		return SampleData.of(JOB_NAME, () -> {
			java.util.Map<String, Long> occupied = new java.util.LinkedHashMap<>(SampleData.rowsIn(
					dataSources.get(ObmigrateDataSources.Name.OB), dataSources.dialect(ObmigrateDataSources.Name.OB),
					java.util.List.of("OB_DCR_DETAILS")));
			occupied.putAll(SampleData.rowsIn(dataSources.get(ObmigrateDataSources.Name.IDENTITY),
					dataSources.dialect(ObmigrateDataSources.Name.IDENTITY), java.util.List.of("SP_APP")));
			return occupied;
		}, (count, seed, defectRate) -> new DcrDataGenerator(
				dataSources.get(ObmigrateDataSources.Name.OB), dataSources.dialect(ObmigrateDataSources.Name.OB),
				dataSources.get(ObmigrateDataSources.Name.IDENTITY),
				dataSources.dialect(ObmigrateDataSources.Name.IDENTITY))
			.generate(count, seed, defectRate, dcrProperties.getTenantId())
			.describe());
	}

	@Bean
	@org.springframework.core.annotation.Order(2)
	DcrRollback dcrRollback(ObmigrateDataSources dataSources) {
		return new DcrRollback(dataSources);
	}

	@Bean
	DcrVerification dcrVerification(ObmigrateDataSources dataSources, DcrProperties dcrProperties,
			IdentitySchema identitySchema, io.obmigrate.core.RowReportRepository rowReports) {
		return new DcrVerification(dataSources, dcrProperties, identitySchema, rowReports);
	}

	@Bean
	IdentitySchema identitySchema(ObmigrateDataSources dataSources) {
		return new IdentitySchema(dataSources);
	}

	@Bean
	@Order(2)
	DcrJob dcrMigrationJob(@Qualifier("dcrJob") ObjectProvider<Job> dcrJob, ObmigrateDataSources dataSources,
			IdentitySchema identitySchema, DcrProperties dcrProperties,
			org.springframework.beans.factory.ObjectProvider<io.obmigrate.core.JobControl> controls,
			org.springframework.beans.factory.ObjectProvider<io.obmigrate.core.OperationJournal> journal) {
		return new DcrJob(dcrJob::getObject, dataSources, dcrProperties, identitySchema, controls, journal);
	}

	@Bean
	@StepScope
	DcrRegistrationReader dcrReader(ObmigrateDataSources dataSources, @Qualifier("obDataSource") DataSource ob,
			@Qualifier("identityDataSource") DataSource identity, DcrProperties dcrProperties,
			MigrationTally stepTally, io.obmigrate.core.ObmigrateProperties properties,
			@org.springframework.beans.factory.annotation.Value("#{jobParameters['"
					+ io.obmigrate.core.HighWaterMark.CHANGED_SINCE + "']}") String changedSince) {
		DcrProperties dcr = dcrProperties;
		DcrRegistrationReader reader = new DcrRegistrationReader(new JdbcTemplate(ob),
				dataSources.dialect(ObmigrateDataSources.Name.OB), new JdbcTemplate(identity),
				dataSources.dialect(ObmigrateDataSources.Name.IDENTITY), dcr.getTenantId(),
				dcr.getAdaptiveScriptFile() != null, StepBeans.current(stepTally), dcr.getChunkSize());
		return changedSince == null ? reader
				: reader.changedSince(java.time.Instant.ofEpochSecond(Long.parseLong(changedSince)),
						new io.obmigrate.core.SourceClock(new io.obmigrate.core.SourceTimes(
								properties.getSourceTimeZone())));
	}

	@Bean
	@StepScope
	DcrProcessor dcrProcessor(IdentitySchema identitySchema, DcrProperties dcrProperties, MigrationTally stepTally,
			ChunkReport chunkReport) {
		DcrProperties dcr = dcrProperties;
		IdentitySchema.Limits limits = identitySchema.limits();
		DcrRules rules = DcrRules.of(dcr, limits, DcrChecks.adaptiveScript(dcr));
		return new DcrProcessor(new ServiceProviderMigration(rules), StepBeans.current(stepTally),
				StepBeans.current(chunkReport));
	}

	@Bean
	@StepScope
	DcrWriter dcrWriter(ObmigrateDataSources dataSources, @Qualifier("identityDataSource") DataSource identity,
			MigrationTally stepTally, ChunkReport chunkReport,
			@Value("#{jobParameters['" + JobControl.DRY_RUN + "']}") String dryRun,
			@Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
		return new DcrWriter(identity, dataSources.dialect(ObmigrateDataSources.Name.IDENTITY),
				StepBeans.current(stepTally), StepBeans.current(chunkReport), Boolean.parseBoolean(dryRun),
				jobExecutionId).named(dataSources);
	}

}

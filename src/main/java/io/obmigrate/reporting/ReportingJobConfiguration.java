package io.obmigrate.reporting;

import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import io.obmigrate.core.ChunkReport;
import io.obmigrate.core.ExecutionOwner;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.NamedDataSource;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateProperties;
import io.obmigrate.core.StepProgress;
import io.obmigrate.core.TableInspector;

/**
 * The reporting job (atlas F): one chunk step per OB 2.0 raw-data table, in the order of F.3, each copying its table into
 * a new OB 3.0 table {@code <TABLE>__OB3} in the same database (F.5 #1). The OB 2.0 tables are only read.
 */
@Configuration(proxyBeanMethods = false)
public class ReportingJobConfiguration {

	public static final String JOB_NAME = "reporting";

	static String stepName(ReportingTableRule rule) {
		return "reporting." + rule.table().toLowerCase(Locale.ROOT).replace("_raw_data", "");
	}

	static ReportingTableRule ruleOf(String stepName) {
		for (ReportingTableRule rule : ReportingTableRule.ALL) {
			if (stepName(rule).equals(stepName)) {
				return rule;
			}
		}
		throw new IllegalArgumentException("Not a reporting step: " + stepName);
	}

	@Bean
	DataSource reportingDataSource(ObmigrateDataSources dataSources) {
		return new NamedDataSource(dataSources, ObmigrateDataSources.Name.REPORTING);
	}

	@Bean
	PlatformTransactionManager reportingTransactionManager(@Qualifier("reportingDataSource") DataSource reporting) {
		return new DataSourceTransactionManager(reporting);
	}

	@Bean
	ReportingSchema reportingSchema(ObmigrateDataSources dataSources) {
		return new ReportingSchema(dataSources);
	}

	@Bean
	ReportingCutover reportingCutover(ReportingSchema reportingSchema, ObmigrateDataSources dataSources,
			JobControl jobControl, io.obmigrate.core.RowReportRepository rowReportRepository) {
		return new ReportingCutover(reportingSchema, dataSources, jobControl, rowReportRepository);
	}

	@Bean
	ReportingPreflight reportingPreflight(ReportingSchema reportingSchema, ObmigrateDataSources dataSources) {
		return new ReportingPreflight(reportingSchema, dataSources);
	}

	@Bean
	Job reportingJob(JobRepository jobRepository,
			@Qualifier("reportingTransactionManager") PlatformTransactionManager transactionManager,
			ObmigrateProperties properties, ReportingPageReader reportingReader, ReportingProcessor reportingProcessor,
			ReportingWriter reportingWriter, ChunkReport chunkReport, StepProgress stepProgress) {
		SimpleJobBuilder job = null;
		for (ReportingTableRule rule : ReportingTableRule.ALL) {
			Step step = new StepBuilder(stepName(rule), jobRepository)
				.<ReportingItem, Object[]>chunk(properties.getReportingJob().getChunkSize())
				.transactionManager(transactionManager)
				.reader(reportingReader)
				.processor(reportingProcessor)
				.writer(reportingWriter)
				.listener(chunkReport)
				.listener(stepProgress)
				.build();
			job = job == null ? new JobBuilder(JOB_NAME, jobRepository).listener(new ExecutionOwner(jobRepository)).start(step)
					: job.next(step);
		}
		return job.build();
	}

	@Bean
	@StepScope
	ReportingPageReader reportingReader(@Value("#{stepExecution.stepName}") String stepName, ReportingSchema schema,
			@Qualifier("reportingDataSource") DataSource reporting, ObmigrateProperties properties,
			MigrationTally stepTally) {
		Map<String, TableInspector.Column> addresses = schema.columns("TransactionDeliveryAddress");
		String addressOrder = addresses.containsKey("TIMESTAMP") ? "timestamp" : null;
		ReportingTableRule rule = ruleOf(stepName);
		return new ReportingPageReader(rule, new JdbcTemplate(reporting), schema.dialect(), stepTally,
				properties.getReportingJob().getChunkSize(), !schema.columns("UK_ADDITIONAL_RAW_DATA").isEmpty(),
				!addresses.isEmpty(), addressOrder, !schema.columns(rule.table() + ReportingSchema.SUFFIX).isEmpty());
	}

	@Bean
	@StepScope
	ReportingProcessor reportingProcessor(@Value("#{stepExecution.stepName}") String stepName, ReportingSchema schema,
			ObmigrateProperties properties, MigrationTally stepTally, ChunkReport chunkReport) {
		ReportingTargetShape shape = schema.shape(ruleOf(stepName));
		ObmigrateProperties.ReportingJob options = properties.getReportingJob();
		return new ReportingProcessor(new ReportingRowMapping(shape, options.isMessageIdAlways(),
				new LatencyRules(options.isGuardNegativeLatency())), stepTally, chunkReport, 254);
	}

	@Bean
	@StepScope
	ReportingWriter reportingWriter(@Value("#{stepExecution.stepName}") String stepName, ReportingSchema schema,
			@Qualifier("reportingDataSource") DataSource reporting, MigrationTally stepTally,
			@Value("#{jobParameters['" + JobControl.DRY_RUN + "']}") String dryRun) {
		return new ReportingWriter(reporting, schema.shape(ruleOf(stepName)), stepTally, Boolean.parseBoolean(dryRun));
	}

}

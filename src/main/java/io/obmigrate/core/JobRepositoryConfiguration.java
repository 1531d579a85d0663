package io.obmigrate.core;

import javax.sql.DataSource;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.batch.autoconfigure.BatchTransactionManager;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The job repository and what every command needs of it: the named data sources (connected only when used), the
 * repository's own database and transaction manager, its schema, the row reports, and {@link JobControl}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ObmigrateProperties.class)
public class JobRepositoryConfiguration {

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

	@Bean
	RowReportRepository rowReportRepository(DataSource jobRepositoryDataSource) {
		return new RowReportRepository(new JdbcTemplate(jobRepositoryDataSource));
	}

	@Bean
	ChunkCommit chunkCommit(RowReportRepository rowReportRepository, DataSource jobRepositoryDataSource) {
		return new ChunkCommit(rowReportRepository, jobRepositoryDataSource);
	}

	/** Spring Batch's job repository, with one commit per chunk ({@link ChunkCommit}). */
	@Bean
	static BeanPostProcessor oneCommitPerChunk(ObjectProvider<ChunkCommit> chunkCommit) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return bean instanceof JobRepository repository ? chunkCommit.getObject().around(repository) : bean;
			}

		};
	}

	@Bean
	JobControl jobControl(JobOperator jobOperator, JobRepository jobRepository, JobRepositorySchema schema,
			ObjectProvider<org.springframework.batch.core.configuration.JobRegistry> jobRegistry) {
		// the jobs are in the context of the commands that run them, not in that of status, stop and abandon
		return new JobControl(jobOperator, jobRepository, schema, jobRegistry::getIfAvailable);
	}

	@Bean
	JobRepositorySchema jobRepositorySchema(ObmigrateDataSources dataSources) {
		return new JobRepositorySchema(dataSources);
	}

}

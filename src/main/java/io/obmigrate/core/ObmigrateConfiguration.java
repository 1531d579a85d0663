package io.obmigrate.core;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.aop.scope.ScopedProxyFactoryBean;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.beans.PropertyValue;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
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

	/**
	 * Each step-scoped bean is a proxy (a class generated at run time) standing for the bean of the step in progress.
	 * Once the context has started, Spring asks every bean for its type (looking for event listeners), and a proxy
	 * told its type only by being made: every job's proxies were generated at every start, a tenth of a second of a
	 * `run` for jobs it does not run. Each proxy's definition now carries the type of the bean it stands for (a
	 * class-based proxy is one), so a proxy is made when its job is built.
	 */
	@Bean
	static BeanFactoryPostProcessor stepScopedProxyTypes() {
		return beanFactory -> {
			for (String name : beanFactory.getBeanDefinitionNames()) {
				BeanDefinition proxy = beanFactory.getBeanDefinition(name);
				PropertyValue classBased = proxy.getPropertyValues().getPropertyValue("proxyTargetClass");
				if (!ScopedProxyFactoryBean.class.getName().equals(proxy.getBeanClassName())
						|| proxy.hasAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE)
						|| (classBased != null && Boolean.FALSE.equals(classBased.getValue()))) {
					continue;
				}
				Class<?> type = beanFactory.getType(ScopedProxyUtils.getTargetBeanName(name), false);
				if (type != null) {
					proxy.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, type);
				}
			}
		};
	}

	/** The jobs by name, for the job operator's restarts and stops: only the one asked for is built. */
	@Bean
	JobRegistry jobRegistry(ListableBeanFactory beans) {
		return new MigrationJobRegistry(beans);
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
	ChunkReport chunkReport(RowReportRepository rowReports, ChunkCommit chunkCommit, MigrationTally stepTally,
			@Value("#{jobParameters['" + JobControl.MAX_QUARANTINED + "']}") Long maxQuarantined) {
		return new ChunkReport(rowReports, chunkCommit, StepBeans.current(stepTally), maxQuarantined);
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

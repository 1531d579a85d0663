package io.obmigrate.rehearsal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.obmigrate.core.DestructiveConfirmation;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.JobRepositorySchema;
import io.obmigrate.core.MigrationJob;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateProperties;
import io.obmigrate.core.Rollback;
import io.obmigrate.core.RowReportRepository;
import io.obmigrate.core.SampleData;
import io.obmigrate.core.VerifyFailureRepository;

/** The rehearsal capability: {@code rehearse} runs rehearsals, {@code rehearsals} reads their history. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RehearsalProperties.class)
public class RehearsalConfiguration {

	@Bean
	RehearsalHistory rehearsalHistory(ObmigrateDataSources dataSources, JobRepositorySchema schema) {
		return new RehearsalHistory(dataSources, schema);
	}

	@Bean
	RehearsalRunner rehearsalRunner(ObmigrateDataSources dataSources, ObmigrateProperties properties,
			DestructiveConfirmation staging, JobControl control, ObjectProvider<MigrationJob> jobs,
			ObjectProvider<Rollback> rollbacks, ObjectProvider<SampleData> samples, RowReportRepository reports,
			VerifyFailureRepository failures, RehearsalHistory history) {
		return new RehearsalRunner(dataSources, properties, staging, control, jobs, rollbacks, samples, reports,
				failures, history);
	}

	@Bean
	Rehearsals rehearsals(RehearsalHistory history, RehearsalProperties properties, ObjectProvider<SampleData> samples) {
		return new Rehearsals(history, properties, samples);
	}

}

package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/** The job operator's registry builds the one job it is asked for, never the others. */
class MigrationJobRegistryTest {

	@Test
	void asksOnlyTheNamedCapabilityForItsJob() throws Exception {
		Job consentJob = job("consent");
		MigrationJob consent = capability("consent", consentJob);
		MigrationJob dcr = capability("dcr", job("dcr"));
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("consentMigrationJob", consent);
		beans.registerSingleton("dcrMigrationJob", dcr);
		MigrationJobRegistry registry = new MigrationJobRegistry(beans.getBeanProvider(MigrationJob.class));

		assertThat(registry.getJobNames()).containsExactly("consent", "dcr");
		assertThat(registry.getJob("consent")).isSameAs(consentJob);
		assertThat(registry.getJob("reporting")).isNull();
		verify(consent).job();
		verify(dcr, never()).job();

		// the operator may register the job it starts: the same job again is no duplicate, another one is
		registry.register(consentJob);
		assertThatThrownBy(() -> registry.register(job("consent"))).isInstanceOf(DuplicateJobException.class);
		Job other = job("other");
		registry.register(other);
		assertThat(registry.getJob("other")).isSameAs(other);
		assertThat(registry.getJobNames()).containsExactly("consent", "dcr", "other");
		registry.unregister("other");
		assertThat(registry.getJob("other")).isNull();
		verify(dcr, never()).job();
	}

	private static MigrationJob capability(String name, Job job) {
		MigrationJob capability = mock(MigrationJob.class);
		when(capability.name()).thenReturn(name);
		when(capability.job()).thenReturn(job);
		return capability;
	}

	private static Job job(String name) {
		Job job = mock(Job.class);
		when(job.getName()).thenReturn(name);
		return job;
	}

}

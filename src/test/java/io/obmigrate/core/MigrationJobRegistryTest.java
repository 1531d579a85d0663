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
		MigrationJobRegistry registry = new MigrationJobRegistry(beans);

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

	/**
	 * A capability is found by its bean's name ({@link MigrationJob#beanName}): the others, and what they need, are not
	 * built. A capability under another bean name is still found, by asking each.
	 */
	@Test
	void buildsOnlyTheCapabilityAskedForWhenItsBeanIsNamedAfterItsJob() {
		Job consentJob = job("consent");
		java.util.List<String> built = new java.util.ArrayList<>();
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		for (String name : java.util.List.of("consent", "dcr", "reporting")) {
			beans.registerBeanDefinition(MigrationJob.beanName(name),
					new org.springframework.beans.factory.support.RootBeanDefinition(MigrationJob.class, () -> {
						built.add(name);
						return capability(name, name.equals("consent") ? consentJob : job(name));
					}));
		}
		beans.registerBeanDefinition("elsewhere", new org.springframework.beans.factory.support.RootBeanDefinition(
				MigrationJob.class, () -> capability("other", job("other"))));
		MigrationJobRegistry registry = new MigrationJobRegistry(beans);

		assertThat(registry.getJob("consent")).isSameAs(consentJob);
		assertThat(MigrationJob.find(beans, "consent").job()).isSameAs(consentJob);
		assertThat(built).containsExactly("consent");
		assertThat(registry.getJob("other").getName()).isEqualTo("other");
		assertThat(MigrationJob.find(beans, "none")).isNull();
		assertThat(built).containsExactlyInAnyOrder("consent", "dcr", "reporting");
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

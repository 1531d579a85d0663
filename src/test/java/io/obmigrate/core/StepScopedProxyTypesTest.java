package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.batch.core.scope.StepScope;
import org.springframework.beans.factory.config.BeanDefinitionHolder;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

/** A step-scoped proxy's type is known from its definition: asking for it generates no proxy class. */
class StepScopedProxyTypesTest {

	@Test
	void askingAStepScopedProxyForItsTypeDoesNotMakeTheProxy() {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerScope("step", new StepScope());
		RootBeanDefinition target = new RootBeanDefinition(MigrationTally.class);
		target.setScope("step");
		BeanDefinitionHolder proxy = ScopedProxyUtils.createScopedProxy(new BeanDefinitionHolder(target, "tally"),
				beans, true);
		beans.registerBeanDefinition(proxy.getBeanName(), proxy.getBeanDefinition());

		ObmigrateConfiguration.stepScopedProxyTypes().postProcessBeanFactory(beans);

		assertThat(beans.getType("tally")).isEqualTo(MigrationTally.class);
		assertThat(beans.containsSingleton("tally")).as("the proxy's factory was made").isFalse();
	}

}

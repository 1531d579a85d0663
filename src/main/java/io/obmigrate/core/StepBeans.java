package io.obmigrate.core;

import org.springframework.aop.scope.ScopedObject;

/**
 * The step execution's own instance of a step-scoped bean. A step-scoped bean is injected as a proxy that looks the
 * instance up in the step's scope on every call; a bean that is itself step-scoped (built for one step execution) and
 * calls another one per row takes the instance once instead.
 */
public final class StepBeans {

	private StepBeans() {
	}

	/** The instance behind {@code bean} for the step execution being built; {@code bean} itself if it is no proxy. */
	@SuppressWarnings("unchecked")
	public static <T> T current(T bean) {
		return bean instanceof ScopedObject scoped ? (T) scoped.getTargetObject() : bean;
	}

}

package io.obmigrate.core;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/** Every rule code of every capability, by slug: the meaning and fix a report prints next to a row's code. */
public final class RuleCatalogue {

	private static volatile Map<String, RuleCode> codes;

	private RuleCatalogue() {
	}

	/** The code with this slug, or null for one this obmigrate does not know (written by another version). */
	public static RuleCode find(String slug) {
		return all().get(slug);
	}

	public static Map<String, RuleCode> all() {
		Map<String, RuleCode> known = codes;
		if (known == null) {
			known = new LinkedHashMap<>();
			ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
				@Override
				protected boolean isCandidateComponent(
						org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
					return true;
				}
			};
			scanner.addIncludeFilter(new AssignableTypeFilter(RuleCode.class));
			for (BeanDefinition candidate : scanner.findCandidateComponents("io.obmigrate")) {
				try {
					Class<?> type = ClassUtils.forName(candidate.getBeanClassName(), RuleCatalogue.class.getClassLoader());
					if (type.isEnum()) {
						for (Object constant : type.getEnumConstants()) {
							RuleCode code = (RuleCode) constant;
							known.put(code.slug(), code);
						}
					}
				}
				catch (ClassNotFoundException ex) {
					throw new IllegalStateException(ex);
				}
			}
			codes = known;
		}
		return known;
	}

}

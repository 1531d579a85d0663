package io.obmigrate.core;

import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * A capability of obmigrate that runs as a job (consent, dcr, reporting, and the ones to come): its name, its checks,
 * its quarantine limit and what it prepares before it starts. {@code check} aggregates the checks of every
 * {@code MigrationJob} bean; {@code run} and {@code restart} look the job up by name and run its gates first
 * ({@link Preflight}). Nothing outside the capability decides by a job's name. Each capability's bean is named
 * {@link #beanName}, so a command finds its own ({@link #find}) without building the others and what they need.
 */
public interface MigrationJob {

	/** The name of the bean of the capability whose job is {@code jobName}: {@code consentMigrationJob} for consent. */
	static String beanName(String jobName) {
		return jobName + "MigrationJob";
	}

	/**
	 * The capability whose job is {@code jobName}, or null: the bean {@link #beanName} when it is that capability,
	 * built alone; else the first of all capabilities with that name (which builds every one of them).
	 */
	static MigrationJob find(ListableBeanFactory beans, String jobName) {
		String bean = beanName(jobName);
		if (beans.containsBean(bean) && beans.isTypeMatch(bean, MigrationJob.class)) {
			MigrationJob capability = beans.getBean(bean, MigrationJob.class);
			if (capability.name().equals(jobName)) {
				return capability;
			}
		}
		return beans.getBeanProvider(MigrationJob.class)
			.orderedStream()
			.filter(capability -> capability.name().equals(jobName))
			.findFirst()
			.orElse(null);
	}

	/** The Spring Batch job's name, as typed in {@code obmigrate run NAME}. */
	String name();

	/**
	 * The Spring Batch job {@code run} starts, built when first asked for: a command finds its job by name among every
	 * capability, and the others' jobs, steps and step-scoped beans are then not built.
	 */
	Job job();

	/** One line for the help and the docs. */
	String description();

	/**
	 * Null when the databases the job needs are configured; otherwise what to set. {@code check} then skips the job's
	 * checks with a warning, and {@code run} is a usage error (exit 2).
	 */
	default String unconfigured() {
		return null;
	}

	/** The databases the job reads or writes; {@code check} reports their connectivity and version. */
	List<ObmigrateDataSources.Name> dataSources();

	/**
	 * Declares the job's checks: gates ({@link CheckRun#gate}) may report blockers and also run before the job starts;
	 * surveys ({@link CheckRun#survey}) only inform {@code check}.
	 */
	void check(CheckRun run);

	/** Fail the job when more rows than this are quarantined; null: no limit. {@code --max-quarantined} wins. */
	Long maxQuarantined();

	/** After the gates passed: creates what the job writes into (target tables, journal), unless a dry run. */
	void prepare(boolean createSchema, boolean dryRun);

	/** One line for the summary: settings and databases, no secrets. */
	String describe();

	/** The summary's line for one execution: {@link #describe()} and what that run's own parameters changed. */
	default String describe(JobExecution execution) {
		return describe();
	}

	/** Notice codes under which a dry run records each change it would make; listed after a dry run's summary. */
	default List<RuleCode> plannedChangeRules() {
		return List.of();
	}

	/**
	 * The job parameters a new run takes from the options only this job has ({@code run upgrade --plan FILE}), checked;
	 * a job without such options refuses any.
	 */
	default Map<String, String> runParameters(Map<String, String> options) {
		if (!options.isEmpty()) {
			throw new ConfigurationProblem("The " + name() + " job has no option --"
					+ String.join(", --", options.keySet()) + " (see `obmigrate run --help`: each such option names the"
					+ " jobs it is for).");
		}
		return Map.of();
	}

	/** The job's own account of an execution, printed after it by run and restart; null: the standard summary. */
	default String report(JobExecution execution) {
		return null;
	}

}

package io.obmigrate.upgrade;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.StartLimitExceededException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;

/**
 * The {@code upgrade} job: its steps are the steps of the plan named in its parameters, read again at every start and
 * restart (a restart resumes at the first step not completed; a step's own journal decides whether it still has work).
 * Each step is a tasklet step without a database transaction around it: servers and scripts run for hours, and a job
 * the step starts ({@code kind: job}) commits its own chunks.
 */
final class UpgradePlanJob extends AbstractJob {

	static final String PLAN = "upgrade.plan";

	static final String VARS = "upgrade.vars";

	static final String RERUN = "upgrade.rerun";

	private final JobRepository jobRepository;

	private final Function<UpgradePlan, Map<String, Step>> steps;

	private final Function<JobParameters, UpgradePlan> plans;

	private final UpgradeJournal journal;

	private volatile Map<String, Step> lastSteps = Map.of();

	UpgradePlanJob(JobRepository jobRepository, Function<JobParameters, UpgradePlan> plans,
			Function<UpgradePlan, Map<String, Step>> steps, UpgradeJournal journal) {
		super(UpgradeJobConfiguration.JOB_NAME);
		this.jobRepository = jobRepository;
		this.plans = plans;
		this.steps = steps;
		this.journal = journal;
		setJobRepository(jobRepository);
		setRestartable(true);
	}

	@Override
	protected void doExecute(JobExecution execution)
			throws JobInterruptedException, JobRestartException, StartLimitExceededException {
		UpgradePlan plan = this.plans.apply(execution.getJobParameters());
		if (this.jobRepository.getJobExecutions(execution.getJobInstance()).size() == 1) {
			String rerun = execution.getJobParameters().getString(RERUN);
			if (rerun != null && !rerun.isBlank()) {
				for (String id : rerun.split(",")) {
					this.journal.record(plan.name(), id.strip(), execution.getId(), UpgradeJournal.Event.RERUN, null,
							"run upgrade --rerun " + id.strip() + ": the step's earlier record no longer counts");
				}
			}
		}
		Map<String, Step> built = this.steps.apply(plan);
		this.lastSteps = built;
		StepExecution last = null;
		for (Step step : built.values()) {
			last = handleStep(step, execution);
			if (last.getStatus() != BatchStatus.COMPLETED) {
				break;
			}
		}
		if (last != null) {
			execution.upgradeStatus(last.getStatus());
			execution.setExitStatus(last.getExitStatus());
		}
	}

	@Override
	public Step getStep(String stepName) {
		return this.lastSteps.get(stepName);
	}

	@Override
	public List<String> getStepNames() {
		return List.copyOf(this.lastSteps.keySet());
	}

	/** One tasklet step per plan step, in plan order, named by the step id. */
	static Map<String, Step> build(UpgradePlan plan, JobRepository jobRepository,
			Function<UpgradePlan.Step, PlanStepTasklet> tasklets) {
		return build(plan, jobRepository, tasklets, io.micrometer.observation.ObservationRegistry.NOOP);
	}

	/** The same, with the steps observed for the run's metrics. */
	static Map<String, Step> build(UpgradePlan plan, JobRepository jobRepository,
			Function<UpgradePlan.Step, PlanStepTasklet> tasklets,
			io.micrometer.observation.ObservationRegistry observations) {
		Map<String, Step> built = new LinkedHashMap<>();
		ResourcelessTransactionManager noTransaction = new ResourcelessTransactionManager();
		for (UpgradePlan.Step step : plan.steps()) {
			built.put(step.id(), new StepBuilder(step.id(), jobRepository).observationRegistry(observations)
				.tasklet(tasklets.apply(step), noTransaction)
				.build());
		}
		return built;
	}

	static Path path(JobParameters parameters, String key) {
		String value = parameters.getString(key);
		return value == null || value.isBlank() ? null : Path.of(value);
	}

}

package io.obmigrate.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Starts, restarts, stops and abandons job executions the way a DBA expects: a new run is refused while the last
 * one of the same job is unfinished (restart or abandon it first); a restart recovers an execution whose process died
 * and resumes from the last committed chunk.
 */
public class JobControl {

	public static final String RUN_ID = "run.id";

	public static final String DRY_RUN = "dry-run";

	public static final String STARTED_AT = "run.started-at";

	public static final String MAX_QUARANTINED = "max-quarantined";

	private static final Set<BatchStatus> UNFINISHED = EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED,
			BatchStatus.STOPPING, BatchStatus.STOPPED, BatchStatus.FAILED, BatchStatus.UNKNOWN);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final JobRepositorySchema schema;

	/**
	 * The jobs as this version defines them (a restart checks the execution's steps against them), or null where the
	 * context has none (status, stop, abandon); the supplier itself null: unchecked.
	 */
	private final java.util.function.Supplier<org.springframework.batch.core.configuration.JobRegistry> jobs;

	public JobControl(JobOperator jobOperator, JobRepository jobRepository, JobRepositorySchema schema) {
		this(jobOperator, jobRepository, schema, null);
	}

	public JobControl(JobOperator jobOperator, JobRepository jobRepository, JobRepositorySchema schema,
			java.util.function.Supplier<org.springframework.batch.core.configuration.JobRegistry> jobs) {
		this.jobs = jobs;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.schema = schema;
	}

	public JobRepository repository() {
		this.schema.ensure();
		return this.jobRepository;
	}

	/** Starts a new instance of the job; {@code userParameters} are identifying strings. */
	public JobExecution start(Job job, Map<String, String> userParameters, boolean dryRun, Long maxQuarantined) {
		JobExecution last = lastExecution(job.getName());
		if (unfinished(last)) {
			throw new RunRefused(unfinishedMessage(job.getName(), last));
		}
		long runId = 1;
		for (JobInstance instance : repository().getJobInstances(job.getName(), 0, 1)) {
			for (JobExecution execution : this.jobRepository.getJobExecutions(instance)) {
				Long previous = execution.getJobParameters().getLong(RUN_ID);
				runId = Math.max(runId, previous == null ? 1 : previous + 1);
			}
		}
		JobParametersBuilder parameters = new JobParametersBuilder().addLong(RUN_ID, runId)
			.addString(DRY_RUN, Boolean.toString(dryRun))
			.addLong(STARTED_AT, Instant.now().getEpochSecond(), false);
		if (maxQuarantined != null) {
			parameters.addLong(MAX_QUARANTINED, maxQuarantined, false);
		}
		userParameters.forEach(parameters::addString);
		try {
			return this.jobOperator.start(job, parameters.toJobParameters());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not start job " + job.getName() + ": " + ex.getMessage(), ex);
		}
	}

	/** The newest completed execution of a job that was not a dry run, or null (the newest 50 runs are looked at). */
	public static JobExecution lastCompleted(JobRepository repository, String jobName) {
		for (JobInstance instance : repository.getJobInstances(jobName, 0, 50)) {
			for (JobExecution execution : repository.getJobExecutions(instance)) {
				if (execution.getStatus() == BatchStatus.COMPLETED
						&& !"true".equals(execution.getJobParameters().getString(DRY_RUN))) {
					return execution;
				}
			}
		}
		return null;
	}

	/**
	 * The steps an execution ran that the job as this version defines it does not have (a partition counts as its
	 * step: {@code consent.accounts:p0} is {@code consent.accounts}), in the order they started. Only jobs with a fixed
	 * list of steps are checked.
	 */
	private List<String> stepsNotInThisVersion(JobExecution execution) {
		org.springframework.batch.core.configuration.JobRegistry registry = this.jobs == null ? null : this.jobs.get();
		if (registry == null) {
			return List.of();
		}
		Job job;
		try {
			job = registry.getJob(execution.getJobInstance().getJobName());
		}
		catch (Exception ex) {
			return List.of(); // the job itself is unknown: the restart reports that
		}
		if (!(job instanceof org.springframework.batch.core.job.SimpleJob steps)) {
			return List.of(); // a job whose steps are known only as it runs (the upgrade plan's): not checked
		}
		List<String> unknown = new ArrayList<>();
		for (org.springframework.batch.core.step.StepExecution step : execution.getStepExecutions()) {
			String name = StepName.of(step.getStepName()).step();
			boolean known;
			try {
				known = steps.getStep(name) != null;
			}
			catch (Exception ex) {
				known = false;
			}
			if (!known && !unknown.contains(name)) {
				unknown.add(name);
			}
		}
		return unknown;
	}

	/** Resumes the last execution of a job (or the given execution) from its last committed chunk. */
	public JobExecution restart(String jobName, Long executionId) {
		return restart(jobName, executionId, false);
	}

	/**
	 * @param ownerGone the operator states that the process recorded as the execution's owner is gone (its container or
	 * host no longer exists), so a running-looking execution may be recovered at once
	 */
	public JobExecution restart(String jobName, Long executionId, boolean ownerGone) {
		JobExecution execution = executionId != null ? execution(executionId) : lastExecution(jobName);
		if (execution == null) {
			throw new ConfigurationProblem("There is no " + (jobName != null ? jobName + " " : "")
					+ "execution to restart. Start one with `obmigrate run " + (jobName != null ? jobName : "<job>")
					+ "`.");
		}
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) {
			throw new ConfigurationProblem("Execution " + execution.getId() + " of "
					+ execution.getJobInstance().getJobName() + " is " + status + "; there is nothing to restart. Use"
					+ " `obmigrate run " + execution.getJobInstance().getJobName() + "` for a new run.");
		}
		if (status.isRunning() || status == BatchStatus.UNKNOWN) {
			if (!ownerGone && ExecutionOwner.isAlive(execution)) {
				throw new RunRefused("Execution " + execution.getId() + " is still running in process "
						+ ExecutionOwner.ownerOf(execution) + ". Wait for it, or `obmigrate stop --execution "
						+ execution.getId() + "` first. If that process's host or container is gone, add --owner-gone"
						+ " (obmigrate also assumes so after " + ExecutionOwner.SILENCE_MINUTES + " minutes without"
						+ " progress).");
			}
			// Its process died (kill -9, lost host): mark it failed so it can be resumed.
			execution = this.jobOperator.recover(execution);
		}
		List<String> unknown = stepsNotInThisVersion(execution);
		if (!unknown.isEmpty()) {
			String job = execution.getJobInstance().getJobName();
			throw new ConfigurationProblem("Execution " + execution.getId() + " of " + job + " was begun by another"
					+ " obmigrate version: its step" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
					+ (unknown.size() > 1 ? " are not steps" : " is not a step") + " of this version's " + job
					+ " job, so this version cannot resume where it stopped. Finish it with the version that began it;"
					+ " or `obmigrate abandon --execution " + execution.getId() + "` and `obmigrate run " + job
					+ "` again with this one: what the earlier run wrote is found in the target and counted present,"
					+ " never written twice.");
		}
		try {
			return this.jobOperator.restart(execution);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not restart execution " + execution.getId() + ": " + ex.getMessage(),
					ex);
		}
	}

	public JobExecution stop(long executionId) {
		JobExecution execution = existingExecution(executionId);
		if (!execution.isRunning()) {
			throw new ConfigurationProblem("Execution " + executionId + " is " + execution.getStatus()
					+ ", not running; there is nothing to stop.");
		}
		// Only the job execution is marked STOPPING: each step sees it at its next chunk boundary and stops there.
		// The operator's stop also updates running step executions, which races with a step's own update (its
		// version changes under it, the step ends UNKNOWN and cannot be restarted).
		execution.setStatus(BatchStatus.STOPPING);
		this.jobRepository.update(execution);
		return execution(executionId);
	}

	public JobExecution abandon(long executionId) {
		return abandon(executionId, false);
	}

	public JobExecution abandon(long executionId, boolean ownerGone) {
		JobExecution execution = existingExecution(executionId);
		if (execution.getStatus() == BatchStatus.COMPLETED || execution.getStatus() == BatchStatus.ABANDONED) {
			throw new ConfigurationProblem("Execution " + executionId + " is " + execution.getStatus()
					+ "; only a failed or stopped execution can be abandoned.");
		}
		if (execution.isRunning()) {
			if (!ownerGone && ExecutionOwner.isAlive(execution)) {
				throw new RunRefused("Execution " + executionId + " is running in process "
						+ ExecutionOwner.ownerOf(execution) + "; stop it first with `obmigrate stop --execution "
						+ executionId + "`.");
			}
			execution = this.jobOperator.recover(execution);
		}
		try {
			return this.jobOperator.abandon(execution);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not abandon execution " + executionId + ": " + ex.getMessage(), ex);
		}
	}

	/** The execution with this ID, or null when there is none. */
	public JobExecution execution(long executionId) {
		try {
			return repository().getJobExecution(executionId);
		}
		catch (org.springframework.dao.EmptyResultDataAccessException ex) {
			// Spring Batch 6.0.4 throws here instead of returning null for an unknown ID.
			return null;
		}
	}

	private JobExecution existingExecution(long executionId) {
		JobExecution execution = execution(executionId);
		if (execution == null) {
			throw new ConfigurationProblem(
					"There is no execution " + executionId + ". `obmigrate status` lists the executions.");
		}
		return execution;
	}

	/** Whether {@link #start} would begin a new run of the job now: its last run is not unfinished. */
	public boolean wouldStart(String jobName) {
		return !unfinished(lastExecution(jobName));
	}

	/** Whether a job's last execution keeps a new run from starting (restart or abandon it first). */
	private static boolean unfinished(JobExecution last) {
		return last != null && UNFINISHED.contains(last.getStatus());
	}

	public JobExecution lastExecution(String jobName) {
		JobInstance instance = repository().getLastJobInstance(jobName);
		return instance == null ? null : this.jobRepository.getLastJobExecution(instance);
	}

	/** The newest executions of every job, newest first. */
	public List<JobExecution> executions(int limit) {
		return newest(limit).executions();
	}

	/**
	 * The summaries of the newest {@code limit} executions of every job, newest first ({@link #summary}), with the
	 * rows {@code rows} gives each; every instance's executions are read once, for all of its summaries.
	 */
	public List<RunSummary> summaries(int limit,
			java.util.function.Function<JobExecution, RunSummaryAssembler.Rows> rows) {
		Newest newest = newest(limit);
		return newest.executions()
			.stream()
			.map(execution -> RunSummaryAssembler.assemble(execution,
					newest.ofInstance().get(execution.getJobInstanceId()), rows.apply(execution)))
			.toList();
	}

	/** The newest executions, newest first, and every execution of their instances, by instance ID. */
	private record Newest(List<JobExecution> executions, Map<Long, List<JobExecution>> ofInstance) {
	}

	/**
	 * Reads only the instances the newest {@code limit} executions belong to (a restart may have added one to an old
	 * instance), each with all of its executions and their steps, once.
	 */
	private Newest newest(int limit) {
		Map<Long, List<JobExecution>> ofInstance = new java.util.HashMap<>();
		List<JobExecution> executions = new ArrayList<>();
		for (Map.Entry<Long, Long> newest : this.schema.newestExecutions(limit).entrySet()) {
			List<JobExecution> ofItsInstance = ofInstance.computeIfAbsent(newest.getValue(), id -> {
				JobInstance instance = this.jobRepository.getJobInstance(id);
				return instance == null ? List.of() : this.jobRepository.getJobExecutions(instance);
			});
			ofItsInstance.stream()
				.filter(execution -> execution.getId() == newest.getKey().longValue())
				.findFirst()
				.ifPresent(executions::add);
		}
		executions.sort(Comparator.comparingLong(JobExecution::getId).reversed());
		return new Newest(executions, ofInstance);
	}

	/**
	 * The summary of an execution, with the counts of steps that earlier executions of its instance completed, and
	 * the rows it carries ({@link RunSummaryAssembler.Rows#NONE} for counts only).
	 */
	public RunSummary summary(JobExecution execution, RunSummaryAssembler.Rows rows) {
		return RunSummaryAssembler.assemble(execution, repository().getJobExecutions(execution.getJobInstance()), rows);
	}

	private static String unfinishedMessage(String jobName, JobExecution last) {
		String since = last.getStartTime() == null ? "" : " since " + last.getStartTime().withNano(0);
		if (last.getStatus().isRunning() && ExecutionOwner.isAlive(last)) {
			// a live run: it must not be resumed or abandoned under its owner's feet
			return "The last " + jobName + " run (execution " + last.getId() + ") is still running in process "
					+ ExecutionOwner.ownerOf(last) + " (PID@host)" + since + ". Wait for it to end (`obmigrate status`"
					+ " shows its progress), or stop it with `obmigrate stop --execution " + last.getId() + "` and"
					+ " resume it later with `obmigrate restart " + jobName + "`.";
		}
		String state = last.getStatus().isRunning()
				? "was interrupted (its process " + ExecutionOwner.ownerOf(last) + " is gone)" : "ended " + last.getStatus();
		return "The last " + jobName + " run (execution " + last.getId() + ") " + state + since + ". Resume it with"
				+ " `obmigrate restart " + jobName + "` (it continues from its last committed chunk), or give it up"
				+ " with `obmigrate abandon --execution " + last.getId() + "` and run again.";
	}

}

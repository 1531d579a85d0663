package io.obmigrate.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;

import io.obmigrate.core.CheckRun;
import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.MigrationJob;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.Verification;
import io.obmigrate.core.VerifyFailure;
import io.obmigrate.core.VerifyFailureRepository;

/** The verify capability as {@code run}, {@code restart} and {@code status} see it. */
public class VerifyJob implements MigrationJob {

	/** Failures printed after a run; the JSON report has all of them. */
	static final int PRINTED = 20;

	private final Supplier<Job> job;

	private final List<Verification> verifications;

	private final ObjectProvider<MigrationJob> migrationJobs;

	private final ObjectProvider<JobControl> controls;

	private final VerifyFailureRepository failures;

	private final ObmigrateDataSources dataSources;

	VerifyJob(Supplier<Job> job, List<Verification> verifications, ObjectProvider<MigrationJob> migrationJobs,
			ObjectProvider<JobControl> controls, VerifyFailureRepository failures, ObmigrateDataSources dataSources) {
		this.job = job;
		this.verifications = verifications;
		this.migrationJobs = migrationJobs;
		this.controls = controls;
		this.failures = failures;
		this.dataSources = dataSources;
	}

	@Override
	public String name() {
		return VerifyJobConfiguration.JOB_NAME;
	}

	@Override
	public Job job() {
		return this.job.get();
	}

	@Override
	public String description() {
		return "Checks what consent, dcr and reporting wrote against their rules, row by row and column by column.";
	}

	@Override
	public List<ObmigrateDataSources.Name> dataSources() {
		return List.of(ObmigrateDataSources.Name.JOBREPO);
	}

	@Override
	public void check(CheckRun run) {
		// verify reads what the other jobs' checks already cover
	}

	@Override
	public Long maxQuarantined() {
		return null;
	}

	@Override
	public void prepare(boolean createSchema, boolean dryRun) {
		if (dryRun) {
			throw new ConfigurationProblem("verify writes nothing to the targets; run it without --dry-run.");
		}
	}

	@Override
	public String describe() {
		return "verifies " + String.join(", ", this.verifications.stream().map(Verification::job).toList())
				+ " against their rules; job repository " + this.dataSources.settings(ObmigrateDataSources.Name.JOBREPO);
	}

	/**
	 * Which jobs this run verifies: those named with {@code --jobs}, else every job with a completed run in this job
	 * repository; with {@code --failed-only}, only the jobs that had differences in the last verify run, and only
	 * their keys.
	 */
	@Override
	public Map<String, String> runParameters(Map<String, String> options) {
		Set<String> known = Set.of("jobs", "failed-only");
		for (String option : options.keySet()) {
			if (!known.contains(option)) {
				throw new ConfigurationProblem("The verify job has no option --" + option + "; it takes --jobs and"
						+ " --failed-only.");
			}
		}
		List<String> names = this.verifications.stream().map(Verification::job).toList();
		List<String> requested = options.containsKey("jobs")
				? Arrays.stream(options.get("jobs").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()
				: null;
		if (requested != null) {
			for (String name : requested) {
				if (!names.contains(name)) {
					throw new ConfigurationProblem("verify cannot check a job named '" + name + "'. --jobs takes "
							+ String.join(", ", names) + ".");
				}
			}
		}
		JobControl control = this.controls.getObject();
		Long earlier = null;
		if (options.containsKey("failed-only")) {
			JobExecution last = JobControl.lastCompleted(control.repository(), VerifyJobConfiguration.JOB_NAME);
			if (last == null) {
				throw new ConfigurationProblem("--failed-only re-checks the differences of the last verify run, and"
						+ " there is none in this job repository. Run `obmigrate run verify` first.");
			}
			earlier = last.getJobInstance().getInstanceId();
		}
		List<String> selected = new ArrayList<>();
		Map<String, String> notRun = new LinkedHashMap<>();
		for (Verification verification : this.verifications) {
			String name = verification.job();
			MigrationJob migrationJob = this.migrationJobs.orderedStream()
				.filter(j -> j.name().equals(name))
				.findFirst()
				.orElse(null);
			String unconfigured = migrationJob == null ? "no such job here" : migrationJob.unconfigured();
			if (requested != null && !requested.contains(name)) {
				notRun.put(name, "not in --jobs");
			}
			else if (unconfigured != null) {
				notRun.put(name, "not configured: " + firstSentence(unconfigured));
			}
			else if (requested == null && JobControl.lastCompleted(control.repository(), name) == null) {
				notRun.put(name, "no completed " + name + " run in this job repository");
			}
			else if (earlier != null && this.failures.failedKeys(earlier, name).isEmpty()) {
				notRun.put(name, "no difference to re-check in verify run " + earlier);
			}
			else {
				selected.add(name);
			}
		}
		if (selected.isEmpty()) {
			throw new ConfigurationProblem("Nothing to verify: " + String.join("; ", notRun.entrySet().stream()
				.map(e -> e.getKey() + ": " + e.getValue())
				.toList()) + ". Verify checks jobs that have completed; run them first, or name them with --jobs.");
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put(VerifyParameters.JOBS, String.join(",", selected));
		if (!notRun.isEmpty()) {
			parameters.put(VerifyParameters.NOT_RUN, String.join(";", notRun.entrySet().stream()
				.map(e -> e.getKey() + "=" + e.getValue().replace(';', ','))
				.toList()));
		}
		if (earlier != null) {
			parameters.put(VerifyParameters.FAILED_ONLY, Long.toString(earlier));
		}
		return parameters;
	}

	/** The states of every table, for this execution's verify run. */
	public List<VerifyStates.TableState> states(JobExecution execution) {
		List<JobExecution> executions = this.controls.getObject()
			.repository()
			.getJobExecutions(execution.getJobInstance());
		return VerifyStates.of(executions, this.verifications, this.failures);
	}

	public List<VerifyFailure> failures(JobExecution execution, int limit) {
		return this.failures.find(execution.getJobInstance().getInstanceId(), limit);
	}

	@Override
	public String report(JobExecution execution) {
		StringBuilder text = new StringBuilder();
		Duration took = execution.getStartTime() == null || execution.getEndTime() == null ? Duration.ZERO
				: Duration.between(execution.getStartTime(), execution.getEndTime());
		List<VerifyStates.TableState> states = states(execution);
		long mismatches = states.stream().mapToLong(VerifyStates.TableState::mismatches).sum();
		long apart = states.stream().mapToLong(VerifyStates.TableState::apart).sum();
		text.append(String.format("verify execution %d %s in %s: %s%s%n", execution.getId(), execution.getStatus(),
				io.obmigrate.core.StepProgress.formatDuration(took.toSeconds()),
				mismatches == 0 ? "no difference" : mismatches + " differences",
				apart == 0 ? "" : ", " + apart + " target rows without a source (apart)"));
		String onlyFailed = execution.getJobParameters().getString(VerifyParameters.FAILED_ONLY);
		if (onlyFailed != null) {
			text.append("Re-checked only the keys that differed in verify run ").append(onlyFailed).append('\n');
		}
		text.append(System.lineSeparator()).append(VerifyStates.table(states, ""));
		List<VerifyFailure> first = failures(execution, PRINTED + 1);
		List<VerifyFailure> shown = first.stream().filter(f -> !f.isApart()).limit(PRINTED).toList();
		if (!shown.isEmpty()) {
			text.append(String.format("%nDifferences (first %d of %d; every one is in `obmigrate report --execution %d"
					+ " --format json`):%n", shown.size(), mismatches, execution.getId()));
			for (VerifyFailure failure : shown) {
				text.append(String.format(" %s %s key %s (%s) %s: expected %s, found %s%n", failure.job(),
						failure.table(), failure.key(), failure.subject(), failure.column(),
						quote(failure.expected()), quote(failure.found())));
			}
		}
		List<VerifyFailure> strays = first.stream().filter(VerifyFailure::isApart).limit(PRINTED).toList();
		if (!strays.isEmpty()) {
			text.append(String.format("%nTarget rows without a source (apart, they do not fail the verification):%n"));
			for (VerifyFailure failure : strays) {
				text.append(String.format(" %s %s %s: %s%n", failure.job(), failure.table(), failure.key(),
						failure.found()));
			}
		}
		if (mismatches > 0) {
			text.append(String.format("%nNext: correct the rows (or re-run the job for them), then `obmigrate run verify"
					+ " --failed-only` re-checks only these keys.%n"));
		}
		return text.toString();
	}

	private static String firstSentence(String text) {
		int end = text.indexOf(". ");
		return end < 0 ? text : text.substring(0, end + 1);
	}

	private static String quote(String value) {
		return value == null || value.equals("NULL") ? "NULL" : "'" + value + "'";
	}

}

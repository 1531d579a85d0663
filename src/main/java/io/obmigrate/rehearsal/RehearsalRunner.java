package io.obmigrate.rehearsal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.ObjectProvider;

import io.obmigrate.check.CheckReport;
import io.obmigrate.check.PreflightCheck;
import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.DestructiveConfirmation;
import io.obmigrate.core.ExecutionOwner;
import io.obmigrate.core.Finding;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.MigrationJob;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateProperties;
import io.obmigrate.core.Preflight;
import io.obmigrate.core.Rollback;
import io.obmigrate.core.RowReportRepository;
import io.obmigrate.core.RunRefused;
import io.obmigrate.core.RunSummary;
import io.obmigrate.core.RunSummaryAssembler;
import io.obmigrate.core.SampleData;
import io.obmigrate.core.SecretMasking;
import io.obmigrate.core.Verification;
import io.obmigrate.core.VerifyFailureRepository;

/**
 * Runs one rehearsal on staging copies: refuses unless every database it would write is a staging copy by
 * {@code obmigrate.rehearsal.allowed-targets}; takes back what obmigrate wrote there (each job's {@link Rollback});
 * runs {@code check} (applying its safe fixes, as {@code check --fix}), then every configured job that writes
 * (consent, dcr, reporting, in the order of the upgrade) and {@code verify} over them, each as a job execution
 * tagged with the rehearsal's number; and records it all in the {@link RehearsalHistory} after every step.
 */
public class RehearsalRunner {

	/** Job parameter naming the rehearsal an execution belongs to. */
	public static final String REHEARSAL = "rehearsal";

	/** The job that compares what the others wrote with their sources. */
	static final String VERIFY = "verify";

	private final ObmigrateDataSources dataSources;

	private final ObmigrateProperties properties;

	private final DestructiveConfirmation staging;

	private final JobControl control;

	private final ObjectProvider<MigrationJob> jobs;

	private final ObjectProvider<Rollback> rollbacks;

	private final ObjectProvider<SampleData> samples;

	private final RowReportRepository reports;

	private final VerifyFailureRepository failures;

	private final RehearsalHistory history;

	public RehearsalRunner(ObmigrateDataSources dataSources, ObmigrateProperties properties,
			DestructiveConfirmation staging, JobControl control, ObjectProvider<MigrationJob> jobs,
			ObjectProvider<Rollback> rollbacks, ObjectProvider<SampleData> samples, RowReportRepository reports,
			VerifyFailureRepository failures, RehearsalHistory history) {
		this.dataSources = dataSources;
		this.properties = properties;
		this.staging = staging;
		this.control = control;
		this.jobs = jobs;
		this.rollbacks = rollbacks;
		this.samples = samples;
		this.reports = reports;
		this.failures = failures;
		this.history = history;
	}

	/** How the caller starts a job execution and reports it (the CLI prints its summary). */
	@FunctionalInterface
	public interface Launcher {

		JobExecution launch(String job, Supplier<JobExecution> start);

	}

	/** The rollbacks of the configured jobs that write: what a rehearsal resets and runs. */
	private List<Rollback> writers() {
		return this.rollbacks.orderedStream().filter(r -> r.unconfigured() == null).toList();
	}

	/**
	 * Refuses, before anything is written anywhere, unless every database the rehearsal would change is a staging
	 * copy: names each URL that is not and the setting to change.
	 */
	public void guard() {
		List<String> refused = new ArrayList<>();
		Set<ObmigrateDataSources.Name> targets = new LinkedHashSet<>();
		writers().forEach(rollback -> targets.addAll(rollback.targets()));
		if (targets.isEmpty()) {
			throw new ConfigurationProblem("rehearse has nothing to rehearse: no OB 3.0 target is configured.");
		}
		for (ObmigrateDataSources.Name target : targets) {
			if (!this.staging.isStaging(target)) {
				refused.add(target.area() + " " + SecretMasking.maskUrl(this.dataSources.settings(target).getUrl()));
			}
		}
		if (!refused.isEmpty()) {
			List<String> patterns = this.properties.getRehearsal().getAllowedTargets();
			throw new ConfigurationProblem("rehearse runs only on staging copies, and " + String.join(", ", refused)
					+ " matches none of obmigrate.rehearsal.allowed-targets ("
					+ (patterns.isEmpty() ? "none set" : String.join(", ", patterns)) + "). Nothing was written. If"
					+ " this is a staging copy, add a regular expression matching the whole URL to"
					+ " obmigrate.rehearsal.allowed-targets (environment OBMIGRATE_REHEARSAL_ALLOWEDTARGETS,"
					+ " comma-separated); never list a production URL.");
		}
	}

	/**
	 * One rehearsal, from the guard to verify. Returns it as recorded; a failed step ends it (recorded as
	 * {@code FAILED} with the step), a stop request between or inside steps as {@code STOPPED}.
	 */
	public Rehearsal run(Launcher launcher, Consumer<String> progress, BooleanSupplier stopRequested) {
		guard();
		List<Rollback> writers = writers();
		List<MigrationJob> all = this.jobs.orderedStream().toList();
		List<MigrationJob> run = new ArrayList<>();
		for (MigrationJob job : all) {
			if (writers.stream().anyMatch(w -> w.job().equals(job.name())) && job.unconfigured() == null) {
				run.add(job);
			}
		}
		MigrationJob verify = all.stream().filter(j -> j.name().equals(VERIFY)).findFirst().orElse(null);
		List<MigrationJob> launched = new ArrayList<>(run);
		if (verify != null) {
			launched.add(verify);
		}
		clearUnfinished(launched, progress);

		long id = this.history.nextId();
		Map<String, Map<String, Long>> sourceRows = new LinkedHashMap<>();
		for (SampleData sample : this.samples.orderedStream().toList()) {
			if (run.stream().anyMatch(j -> j.name().equals(sample.job()))) {
				try {
					sourceRows.put(sample.job(), sample.occupiedTables());
				}
				catch (RuntimeException ex) {
					sourceRows.put(sample.job(), Map.of());
				}
			}
		}
		State state = new State(id, sourceRows);
		this.history.save(state.snapshot(Rehearsal.RUNNING, null));
		progress.accept("rehearsal " + id + " started: reset, check, " + String.join(", ",
				launched.stream().map(MigrationJob::name).toList()));
		try {
			// 1. reset what obmigrate wrote
			for (Rollback rollback : writers) {
				Map<String, Long> rows = rollback.execute(line -> progress.accept("reset " + rollback.job() + ": " + line));
				rows.forEach((table, n) -> state.resetRows.merge(rollback.job() + " " + table, n, Long::sum));
			}
			this.history.save(state.snapshot(Rehearsal.RUNNING, null));
			if (stopRequested.getAsBoolean()) {
				return finish(state, Rehearsal.STOPPED, "reset");
			}
			// 2. check, with its safe fixes
			PreflightCheck check = new PreflightCheck(this.dataSources, this.properties, all);
			CheckReport report = check.run(null);
			if (!report.safeFixes().isEmpty()) {
				for (Finding finding : report.safeFixes()) {
					progress.accept("check: applying " + finding.safeFix().describe());
					finding.safeFix().apply();
				}
				report = check.run(null);
			}
			state.checkBlockers = report.count(Finding.Severity.BLOCKER);
			state.checkWarnings = report.count(Finding.Severity.WARN);
			if (report.hasBlockers()) {
				progress.accept(report.render());
				return finish(state, Rehearsal.FAILED, "check");
			}
			// 3. the jobs, then verify over them
			List<String> ran = new ArrayList<>();
			for (MigrationJob job : launched) {
				if (stopRequested.getAsBoolean()) {
					return finish(state, Rehearsal.STOPPED, job.name());
				}
				Map<String, String> parameters = new LinkedHashMap<>();
				if (job == verify) {
					if (ran.isEmpty()) {
						break;
					}
					parameters.putAll(job.runParameters(Map.of("jobs", String.join(",", ran))));
				}
				parameters.put(REHEARSAL, Long.toString(id));
				JobExecution execution;
				try {
					for (Finding warning : Preflight.prepare(job, true, false)) {
						progress.accept(job.name() + ": warning: [" + warning.code().slug() + "] " + warning.found());
					}
					execution = launcher.launch(job.name(),
							() -> this.control.start(job.job(), parameters, false, job.maxQuarantined()));
				}
				catch (RuntimeException ex) {
					progress.accept(job.name() + " did not start: " + ex.getMessage());
					return finish(state, Rehearsal.FAILED, job.name());
				}
				state.jobs.add(jobRun(job.name(), execution));
				this.history.save(state.snapshot(Rehearsal.RUNNING, null));
				if (execution.getStatus() == BatchStatus.STOPPED || execution.getStatus() == BatchStatus.STOPPING) {
					return finish(state, Rehearsal.STOPPED, job.name());
				}
				if (execution.getStatus() != BatchStatus.COMPLETED) {
					return finish(state, Rehearsal.FAILED, job.name());
				}
				if (job == verify && Verification.MISMATCHED.equals(execution.getExitStatus().getExitCode())) {
					return finish(state, Rehearsal.MISMATCHED, null);
				}
				ran.add(job.name());
			}
			return finish(state, Rehearsal.COMPLETED, null);
		}
		catch (RuntimeException ex) {
			finish(state, Rehearsal.FAILED, state.jobs.isEmpty() ? "reset" : "after " + state.jobs.get(
					state.jobs.size() - 1).job());
			throw ex;
		}
	}

	/**
	 * Before a rehearsal: an unfinished execution a dead rehearsal left behind is abandoned (the reset takes back what
	 * it wrote); any other unfinished execution, or a rehearsal still running, refuses the rehearsal.
	 */
	private void clearUnfinished(List<MigrationJob> launched, Consumer<String> progress) {
		for (Rehearsal earlier : this.history.all()) {
			if (Rehearsal.RUNNING.equals(earlier.outcome())) {
				if (ownerAlive(earlier.owner())) {
					throw new RunRefused("Rehearsal " + earlier.id() + " is still running (process " + earlier.owner()
							+ "): one rehearsal at a time. Wait for it, or stop it (SIGTERM), then rehearse again.");
				}
				this.history.save(new Rehearsal(earlier.id(), earlier.startedAt(), Instant.now(),
						Rehearsal.INTERRUPTED, earlier.failedAt(), earlier.owner(), earlier.resetRows(),
						earlier.checkBlockers(), earlier.checkWarnings(), earlier.jobs(), earlier.sourceRows()));
				progress.accept("rehearsal " + earlier.id() + " was interrupted (its process " + earlier.owner()
						+ " is gone): recorded as " + Rehearsal.INTERRUPTED);
			}
		}
		for (MigrationJob job : launched) {
			JobExecution last = this.control.lastExecution(job.name());
			if (last == null || last.getStatus() == BatchStatus.COMPLETED
					|| last.getStatus() == BatchStatus.ABANDONED) {
				continue;
			}
			boolean fromRehearsal = last.getJobParameters().getString(REHEARSAL) != null;
			if (fromRehearsal && !(last.isRunning() && ExecutionOwner.isAlive(last))) {
				this.control.abandon(last.getId(), true);
				progress.accept("abandoned " + job.name() + " execution " + last.getId() + " of rehearsal "
						+ last.getJobParameters().getString(REHEARSAL) + " (the reset takes back what it wrote)");
				continue;
			}
			throw new RunRefused("The " + job.name() + " job's last run (execution " + last.getId() + ") is "
					+ last.getStatus() + " and is not a rehearsal's: restart it (`obmigrate restart " + job.name()
					+ "`) or abandon it (`obmigrate abandon --execution " + last.getId() + "`), then rehearse.");
		}
	}

	/** Whether the process of a rehearsal still runs; one on another host counts as running (only it can tell). */
	private static boolean ownerAlive(String owner) {
		if (owner == null || owner.indexOf('@') < 0) {
			return false;
		}
		Boolean local = ExecutionOwner.localProcessAlive(owner);
		return local == null || local;
	}

	private Rehearsal finish(State state, String outcome, String failedAt) {
		Rehearsal done = state.snapshot(outcome, failedAt, Instant.now());
		this.history.save(done);
		return done;
	}

	/** A job execution as the history keeps it. */
	private Rehearsal.JobRun jobRun(String job, JobExecution execution) {
		long instance = execution.getJobInstanceId();
		RunSummary summary = this.control.summary(execution, RunSummaryAssembler.Rows.of(this.reports, instance, 0, 0));
		List<Rehearsal.StepRun> steps = new ArrayList<>();
		for (RunSummary.StepSummary step : summary.steps()) {
			steps.add(new Rehearsal.StepRun(step.name(), step.seconds(), step.read(), step.written(),
					step.quarantined(), step.rowsPerSecond()));
		}
		long mismatches = 0;
		for (Map<String, Long> kinds : this.failures.counts(instance).values()) {
			mismatches += kinds.values().stream().mapToLong(Long::longValue).sum();
		}
		double seconds = summary.seconds();
		return new Rehearsal.JobRun(job, execution.getId(), execution.getStatus().name(), seconds, summary.read(),
				summary.written(), summary.quarantined(), summary.filtered(), summary.present(),
				seconds > 0 ? summary.read() / seconds : 0, new LinkedHashMap<>(summary.notices()), mismatches, steps);
	}

	/** The rehearsal as it grows. */
	private static final class State {

		final long id;

		final Instant startedAt = Instant.now();

		final String owner = ExecutionOwner.current();

		final Map<String, Long> resetRows = new LinkedHashMap<>();

		long checkBlockers;

		long checkWarnings;

		final List<Rehearsal.JobRun> jobs = new ArrayList<>();

		final Map<String, Map<String, Long>> sourceRows;

		State(long id, Map<String, Map<String, Long>> sourceRows) {
			this.id = id;
			this.sourceRows = sourceRows;
		}

		Rehearsal snapshot(String outcome, String failedAt) {
			return snapshot(outcome, failedAt, null);
		}

		Rehearsal snapshot(String outcome, String failedAt, Instant endedAt) {
			return new Rehearsal(this.id, this.startedAt, endedAt, outcome, failedAt, this.owner,
					new LinkedHashMap<>(this.resetRows), this.checkBlockers, this.checkWarnings,
					new ArrayList<>(this.jobs), this.sourceRows);
		}

	}

}

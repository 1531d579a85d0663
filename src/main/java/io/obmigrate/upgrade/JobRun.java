package io.obmigrate.upgrade;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import io.obmigrate.check.CheckReport;
import io.obmigrate.check.PreflightCheck;
import io.obmigrate.core.Finding;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.MigrationJob;
import io.obmigrate.core.Preflight;
import io.obmigrate.core.RunSummary;
import io.obmigrate.core.RunSummaryAssembler;

/**
 * {@code job}: runs one of obmigrate's own jobs as a step: {@code check} (its blockers fail the step), or consent, dcr,
 * reporting: the job's gates, then a new run, or the resumption of its last run when that one did not complete. A stop
 * of the upgrade run stops the job at its next chunk boundary.
 */
final class JobRun implements StepRun.Action {

	private final Supplier<List<MigrationJob>> jobs;

	private final Supplier<PreflightCheck> check;

	private final Supplier<JobControl> controls;

	JobRun(Supplier<List<MigrationJob>> jobs, Supplier<PreflightCheck> check, Supplier<JobControl> controls) {
		this.jobs = jobs;
		this.check = check;
		this.controls = controls;
	}

	@Override
	public StepRun.Result run(StepRun run) throws Exception {
		String name = run.step().text("job");
		if (name.equals("check")) {
			CheckReport report = this.check.get().run(null);
			List<Finding> blockers = report.findings().stream()
				.filter(finding -> finding.severity() == Finding.Severity.BLOCKER)
				.toList();
			if (!blockers.isEmpty()) {
				StringBuilder text = new StringBuilder();
				blockers.forEach(blocker -> text.append(" - ").append(blocker.asParagraph()).append('\n'));
				return new StepRun.Result(StepRun.Result.Outcome.FAILED, UpgradeRule.JOB_FAILED, "check found "
						+ blockers.size() + " blocker(s); `obmigrate check` lists them with their fixes", text.toString(),
						null);
			}
			return StepRun.Result.done("check: no blocker (" + report.findings().size() + " finding(s))", null, null);
		}
		MigrationJob job = this.jobs.get()
			.stream()
			.filter(candidate -> candidate.name().equals(name))
			.findFirst()
			.orElse(null);
		if (job == null) {
			return StepRun.Result.failed(UpgradeRule.JOB_FAILED, "this obmigrate has no job '" + name + "'", null);
		}
		String unconfigured = job.unconfigured();
		if (unconfigured != null) {
			return StepRun.Result.failed(UpgradeRule.JOB_FAILED, "the " + name + " job cannot run: " + unconfigured, null);
		}
		boolean createSchema = run.step().flag("create-schema");
		for (Finding warning : Preflight.prepare(job, createSchema, false)) {
			run.progress().accept("warning: [" + warning.code().slug() + "] " + warning.found());
		}
		JobControl control = this.controls.get();
		JobExecution last = control.lastExecution(name);
		boolean resume = last != null && last.getStatus() != BatchStatus.COMPLETED
				&& last.getStatus() != BatchStatus.ABANDONED;
		Map<String, String> parameters = new LinkedHashMap<>(run.step().map("parameters"));
		Map<String, String> options = new LinkedHashMap<>();
		if (run.step().text("jobs") != null) {
			options.put("jobs", run.step().text("jobs")); // verify: the jobs it checks
		}
		if (!resume) {
			try {
				parameters.putAll(job.runParameters(options));
			}
			catch (RuntimeException ex) {
				return StepRun.Result.failed(UpgradeRule.JOB_FAILED, "the " + name + " job cannot start: "
						+ ex.getMessage(), null);
			}
		}
		parameters.put("upgrade.step", run.plan().name() + "/" + run.step().id());
		Long limit = run.step().text("max-quarantined") != null ? Long.valueOf(run.step().text("max-quarantined"))
				: job.maxQuarantined();
		run.progress().accept((resume ? "resuming " + name + " execution " + last.getId() : "starting the " + name
				+ " job"));
		AtomicReference<JobExecution> result = new AtomicReference<>();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread worker = new Thread(() -> {
			try {
				result.set(resume ? control.restart(name, null, false)
						: control.start(job.job(), parameters, false, limit));
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, "upgrade-" + name);
		worker.start();
		boolean stopSent = false;
		while (worker.isAlive()) {
			worker.join(1000);
			if (!stopSent && worker.isAlive() && run.stopRequested().getAsBoolean()) {
				JobExecution running = control.lastExecution(name);
				if (running != null && running.isRunning()) {
					control.stop(running.getId());
					stopSent = true;
				}
			}
		}
		if (failure.get() != null) {
			return StepRun.Result.failed(UpgradeRule.JOB_FAILED, "the " + name + " job did not start: "
					+ failure.get().getMessage(), null);
		}
		JobExecution execution = result.get();
		RunSummary summary = control.summary(execution, RunSummaryAssembler.Rows.NONE);
		String counts = name + " execution " + execution.getId() + " " + execution.getStatus() + ": read "
				+ summary.read() + ", written " + summary.written() + ", quarantined " + summary.quarantined()
				+ ", filtered " + summary.filtered();
		if (execution.getStatus() == BatchStatus.COMPLETED
				&& io.obmigrate.core.Verification.MISMATCHED.equals(execution.getExitStatus().getExitCode())) {
			return StepRun.Result.failed(UpgradeRule.JOB_VERIFY_MISMATCH, name + " execution " + execution.getId()
					+ " found " + execution.getExitStatus().getExitDescription() + ". `obmigrate report --execution "
					+ execution.getId() + "` lists them", null);
		}
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			return StepRun.Result.done(counts, null, null);
		}
		if (execution.getStatus() == BatchStatus.STOPPED && stopSent) {
			return StepRun.Result.stopped(counts + "; `restart upgrade` resumes it", null);
		}
		return StepRun.Result.failed(UpgradeRule.JOB_FAILED, counts + ": " + RunSummaryAssembler.reason(execution)
				+ ". `obmigrate status --execution " + execution.getId() + "` shows its rows", null);
	}

}

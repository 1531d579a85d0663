package io.obmigrate.upgrade;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.obmigrate.core.JobControl;

/**
 * One plan step as a Spring Batch tasklet. Before acting it consults the journal (a step done or skipped in any run is
 * not run again; the processes of an interrupted attempt are stopped first) and the step's guard (skip a step whose work
 * is in place, refuse a half-migrated schema); then it journals the start, runs the step's action, and journals how it
 * ended. A failed step fails the upgrade run (exit 1); a manual step without confirmation, or a stop request, stops it
 * (exit 3) so that {@code restart upgrade} continues there.
 */
final class PlanStepTasklet implements Tasklet {

	private final UpgradePlan plan;

	private final UpgradePlan.Step step;

	private final UpgradeJournal journal;

	private final GuardCheck guards;

	private final Map<StepKind, StepRun.Action> actions;

	private final JobControl control;

	private final Path workDir;

	private final PrintStream out;

	PlanStepTasklet(UpgradePlan plan, UpgradePlan.Step step, UpgradeJournal journal, GuardCheck guards,
			Map<StepKind, StepRun.Action> actions, JobControl control, Path workDir, PrintStream out) {
		this.plan = plan;
		this.step = step;
		this.journal = journal;
		this.guards = guards;
		this.actions = actions;
		this.control = control;
		this.workDir = workDir;
		this.out = out;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		StepExecution stepExecution = chunkContext.getStepContext().getStepExecution();
		long executionId = stepExecution.getJobExecutionId();
		String planName = this.plan.name();
		String id = this.step.id();
		UpgradeJournal.StepState state = this.journal.state(planName, id, running());
		if (state.state().finished()) {
			progress(state.state().label() + " earlier (execution " + state.last().executionId() + ", "
					+ state.last().recordedAt() + "); not run again");
			stepExecution.setExitStatus(new ExitStatus(state.state() == UpgradeJournal.State.DONE ? "DONE-EARLIER"
					: "SKIPPED", state.last().detail()));
			return RepeatStatus.FINISHED;
		}
		if (state.state() == UpgradeJournal.State.RUNNING && state.last().executionId() != executionId) {
			throw new UpgradeStepFailed("[" + UpgradeRule.SERVER_ALREADY_RUNNING.slug() + "] step " + id
					+ " is running in execution " + state.last().executionId() + " of another live obmigrate process");
		}
		StepRun run = new StepRun(this.plan, this.step, executionId, this.journal, this.workDir,
				() -> stopRequested(executionId), this::progress);
		if (state.state() == UpgradeJournal.State.INTERRUPTED || state.state() == UpgradeJournal.State.RUNNING) {
			stopLeftovers(run);
		}
		if (this.step.kind() == StepKind.MANUAL && state.state() == UpgradeJournal.State.CONFIRMED) {
			String by = "confirmed by " + state.last().recordedBy() + " at " + state.last().recordedAt();
			this.journal.record(planName, id, executionId, UpgradeJournal.Event.DONE, null, by);
			progress("done: " + by);
			return RepeatStatus.FINISHED;
		}
		if ("false".equals(this.step.text("enabled"))) {
			this.journal.record(planName, id, executionId, UpgradeJournal.Event.SKIPPED, UpgradeRule.STEP_DISABLED.slug(),
					"disabled for this environment (enabled: false)");
			progress("skipped: disabled for this environment (enabled: false)");
			stepExecution.setExitStatus(new ExitStatus("SKIPPED", "disabled"));
			return RepeatStatus.FINISHED;
		}
		GuardCheck.Result guard = this.guards.evaluate(run);
		if (guard.verdict() == GuardCheck.Verdict.HALF_APPLIED && this.step.kind() == StepKind.SQL_SCRIPT
				&& !this.journal.appliedStatements(planName, id).isEmpty()) {
			// the markers are half there because this step's own earlier attempt applied part of the script: resume
			progress("its guard finds the schema half-migrated by this step's earlier attempt; resuming the script");
			guard = new GuardCheck.Result(GuardCheck.Verdict.RUN, guard.report() + " (resuming this step's own"
					+ " earlier attempt)");
		}
		switch (guard.verdict()) {
			case SKIP -> {
				this.journal.record(planName, id, executionId, UpgradeJournal.Event.SKIPPED,
						UpgradeRule.GUARD_SKIPPED.slug(), guard.report());
				progress("skipped by its guard: " + guard.report());
				stepExecution.setExitStatus(new ExitStatus("SKIPPED", guard.report()));
				return RepeatStatus.FINISHED;
			}
			case HALF_APPLIED -> fail(executionId, UpgradeRule.GUARD_HALF_APPLIED, "the schema is half-migrated: "
					+ guard.report() + ". Restore the databases from the backup taken before this step", null);
			case REFUSE -> fail(executionId, UpgradeRule.GUARD_REFUSED, "refused by its guard: " + guard.report(), null);
			default -> {
			}
		}
		if (this.step.kind() == StepKind.MANUAL) {
			String instructions = run.mask(this.step.text("instructions").strip());
			this.journal.record(planName, id, executionId, UpgradeJournal.Event.WAITING,
					UpgradeRule.WAITING_FOR_CONFIRMATION.slug(), instructions);
			progress("waiting for an operator:\n" + instructions.indent(4) + "    When done: obmigrate confirm " + id
					+ " --by NAME, then obmigrate restart upgrade");
			stepExecution.setExitStatus(new ExitStatus("WAITING", instructions));
			stepExecution.setTerminateOnly();
			return RepeatStatus.FINISHED;
		}
		String checksums = Checksums.listing(run);
		this.journal.record(planName, id, executionId, UpgradeJournal.Event.STARTED, null, null, null,
				run.mask(this.step.what(this.plan.secrets()) + (guard.report().isEmpty() ? "" : "\nguard: "
						+ guard.report()) + (checksums.isEmpty() ? "" : "\n" + checksums.strip())),
				null, null);
		progress("started: " + this.step.what(this.plan.secrets()));
		StepRun.Result result;
		try {
			result = this.actions.get(this.step.kind()).run(run);
		}
		catch (RuntimeException ex) {
			this.journal.record(planName, id, executionId, UpgradeJournal.Event.FAILED, null, run.mask(ex.getMessage()));
			throw ex;
		}
		switch (result.outcome()) {
			case DONE -> {
				this.journal.record(planName, id, executionId, UpgradeJournal.Event.DONE, null, null, result.checksum(),
						result.detail(), result.logSlice(), null);
				progress("done: " + result.detail());
				stepExecution.setExitStatus(new ExitStatus("DONE", result.detail()));
			}
			case STOPPED -> {
				this.journal.record(planName, id, executionId, UpgradeJournal.Event.STOPPED, null, null,
						result.checksum(), result.detail(), result.logSlice(), null);
				progress("stopped: " + result.detail());
				stepExecution.setTerminateOnly();
			}
			default -> fail(executionId, result.rule(), result.detail(), result);
		}
		return RepeatStatus.FINISHED;
	}

	private void fail(long executionId, UpgradeRule rule, String detail, StepRun.Result result) {
		this.journal.record(this.plan.name(), this.step.id(), executionId, UpgradeJournal.Event.FAILED, null,
				rule.slug(), result != null ? result.checksum() : null, detail,
				result != null ? result.logSlice() : null, null);
		if (result != null && result.logSlice() != null) {
			progress("FAILED [" + rule.slug() + "]: " + detail + "\n" + result.logSlice().strip().indent(4));
		}
		else {
			progress("FAILED [" + rule.slug() + "]: " + detail);
		}
		throw new UpgradeStepFailed("[" + rule.slug() + "] step " + this.step.id() + " failed: " + detail
				+ ". Fix the cause, then `obmigrate restart upgrade` (docs/rules.md#" + rule.slug() + ").");
	}

	/** Stops what an attempt that obmigrate did not see end had started (its process was killed). */
	private void stopLeftovers(StepRun run) {
		for (UpgradeJournal.Entry process : this.journal.processesOfLastAttempt(this.plan.name(), this.step.id())) {
			boolean grouped = process.detail() != null && process.detail().contains("process group");
			java.time.Instant started = null;
			if (process.detail() != null && process.detail().contains("started ")) {
				started = java.time.Instant.parse(process.detail().substring(process.detail().indexOf("started ") + 8));
			}
			List<Long> left = ProcessTree.leftovers(process.item(), grouped, started);
			if (!left.isEmpty()) {
				progress("an interrupted attempt left processes " + left + " running; stopping them");
				ProcessTree.kill(process.item(), grouped);
				ProcessTree.sleep(1000);
				left = ProcessTree.leftovers(process.item(), grouped, started);
				if (!left.isEmpty()) {
					fail(run.executionId(), UpgradeRule.SERVER_ALREADY_RUNNING, "processes " + left + " of an"
							+ " interrupted attempt are still running and could not be killed", null);
				}
			}
		}
		progress("[" + UpgradeRule.STEP_INTERRUPTED.slug() + "] the previous attempt of this step was interrupted;"
				+ " running it again after its guard");
	}

	private LongPredicate running() {
		return UpgradeJob.running(this.control);
	}

	private boolean stopRequested(long executionId) {
		if (Thread.currentThread().isInterrupted()) {
			return true;
		}
		JobExecution execution = this.control.execution(executionId);
		return execution != null && execution.getStatus() == BatchStatus.STOPPING;
	}

	private void progress(String line) {
		this.out.println("upgrade [" + this.step.number() + "/" + this.plan.steps().size() + "] " + this.step.id() + ": "
				+ line);
		this.out.flush();
	}

	/** A step failed; its message says which, why, under which code and what to do. */
	static final class UpgradeStepFailed extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UpgradeStepFailed(String message) {
			super(message);
		}

	}

}

package io.obmigrate.upgrade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;

import io.obmigrate.core.CheckRun;
import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.ExecutionOwner;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.MigrationJob;
import io.obmigrate.core.ObmigrateDataSources;

/**
 * The upgrade capability as {@code run}, {@code restart}, {@code status}, {@code plan} and {@code confirm} see it. Its
 * checks are the plan's own: a plan that does not read, or a variable without a value, is a usage error before
 * anything runs.
 */
public class UpgradeJob implements MigrationJob {

	private final Supplier<Job> job;

	private final UpgradeJournal journal;

	private final JobControl control;

	UpgradeJob(Supplier<Job> job, UpgradeJournal journal, JobControl control) {
		this.job = job;
		this.journal = journal;
		this.control = control;
	}

	@Override
	public String name() {
		return UpgradeJobConfiguration.JOB_NAME;
	}

	@Override
	public Job job() {
		return this.job.get();
	}

	@Override
	public String description() {
		return "The upgrade plan: base-product migration tools, SQL scripts, commands, operator steps and these jobs,"
				+ " as one resumable job (run upgrade --plan FILE --vars FILE).";
	}

	@Override
	public List<ObmigrateDataSources.Name> dataSources() {
		return List.of();
	}

	@Override
	public void check(CheckRun run) {
		// the plan is checked when it is given (runParameters): `check` has no plan to look at
	}

	@Override
	public Long maxQuarantined() {
		return null;
	}

	@Override
	public void prepare(boolean createSchema, boolean dryRun) {
		if (dryRun) {
			throw new ConfigurationProblem("The upgrade job has no dry run: `obmigrate plan --plan FILE --vars FILE`"
					+ " shows every step and its state without running anything.");
		}
		this.journal.ensure();
	}

	@Override
	public String describe() {
		return "upgrade plan";
	}

	/** Options: plan (required), vars, rerun (comma-separated step ids). */
	@Override
	public Map<String, String> runParameters(Map<String, String> options) {
		String planFile = options.get("plan");
		if (planFile == null) {
			throw new ConfigurationProblem("`run upgrade` needs the plan: --plan FILE (the shipped one is"
					+ " jobs/uk-2.0.0-to-3.0.0.yaml) and usually --vars FILE with its variables.");
		}
		Path vars = options.get("vars") == null ? null : Path.of(options.get("vars"));
		UpgradePlan plan = UpgradePlan.load(Path.of(planFile), vars, System::getenv);
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put(UpgradePlanJob.PLAN, plan.file().toString());
		if (plan.varsFile() != null) {
			parameters.put(UpgradePlanJob.VARS, plan.varsFile().toString());
		}
		String rerun = options.get("rerun");
		if (rerun != null && !rerun.isBlank()) {
			for (String id : rerun.split(",")) {
				if (plan.step(id.strip()) == null) {
					throw new ConfigurationProblem("--rerun " + id.strip() + ": the plan " + plan.name()
							+ " has no step of that id. `obmigrate plan` lists the steps.");
				}
			}
			parameters.put(UpgradePlanJob.RERUN, rerun);
		}
		return parameters;
	}

	@Override
	public String report(JobExecution execution) {
		UpgradePlan plan;
		try {
			plan = plan(execution);
		}
		catch (ConfigurationProblem ex) {
			return null; // the plan no longer reads: the standard summary carries the failure
		}
		return "\nUpgrade run: execution " + execution.getId() + " " + execution.getStatus() + "\n\n"
				+ PlanView.of(plan, this.journal, running()).text();
	}

	/** The plan with the state of every step, as text or JSON. */
	public String plan(Path planFile, Path varsFile, boolean json) {
		UpgradePlan plan = UpgradePlan.load(planFile, varsFile, System::getenv);
		if (!Files.isRegularFile(plan.file())) {
			throw new ConfigurationProblem("There is no plan file " + plan.file() + ".");
		}
		PlanView view = PlanView.of(plan, this.journal, running());
		return json ? view.json() : view.text();
	}

	/**
	 * Records what an operator found about a script statement in doubt (its obmigrate process died while it ran):
	 * applied, or not; the next {@code restart upgrade} goes on after it, or runs it.
	 */
	public String resolveStatement(String stepId, int statement, boolean applied, String by, Path planFile,
			Path varsFile) {
		UpgradePlan plan = planFor(planFile, varsFile);
		UpgradePlan.Step step = plan.step(stepId);
		if (step == null || step.kind() != StepKind.SQL_SCRIPT) {
			throw new ConfigurationProblem("The plan " + plan.name() + " has no sql-script step '" + stepId + "'.");
		}
		UpgradeJournal.Entry doubt = this.journal.statementInDoubt(plan.name(), stepId);
		if (doubt == null || doubt.item() != statement) {
			throw new ConfigurationProblem("Statement " + statement + " of step " + stepId + " is not in doubt"
					+ (doubt != null ? " (statement " + doubt.item() + " is)" : "") + "; nothing to record.");
		}
		String who = who(by);
		this.journal.record(plan.name(), stepId, null, applied ? UpgradeJournal.Event.STATEMENT
				: UpgradeJournal.Event.NOT_APPLIED, statement, null, doubt.checksum(),
				(applied ? "applied" : "not applied") + ", as the operator found after a crash: " + doubt.detail(), null,
				who);
		return "Statement " + statement + " of step " + stepId + " recorded as " + (applied ? "applied" : "not applied")
				+ " by " + who + ". `obmigrate restart upgrade` " + (applied ? "goes on after it." : "runs it.");
	}

	/**
	 * Records that an operator did what a manual step asks; the next {@code restart upgrade} goes on from there. The
	 * step is looked up in the plan of the last upgrade run (or {@code planFile} when given).
	 */
	public String confirm(String stepId, String by, Path planFile, Path varsFile) {
		UpgradePlan plan = planFor(planFile, varsFile);
		UpgradePlan.Step step = plan.step(stepId);
		if (step == null) {
			throw new ConfigurationProblem("The plan " + plan.name() + " has no step '" + stepId + "'. `obmigrate plan"
					+ " --plan " + plan.file() + "` lists its steps.");
		}
		if (step.kind() != StepKind.MANUAL) {
			throw new ConfigurationProblem("Step " + stepId + " is a " + step.kind().label() + " step; only manual steps"
					+ " are confirmed. obmigrate decides the others itself.");
		}
		UpgradeJournal.State state = this.journal.state(plan.name(), stepId, running()).state();
		if (state.finished()) {
			throw new ConfigurationProblem("Step " + stepId + " is already " + state.label() + "; nothing to confirm.");
		}
		if (state == UpgradeJournal.State.CONFIRMED) {
			return "Step " + stepId + " was already confirmed; `obmigrate restart upgrade` goes on.";
		}
		String who = who(by);
		this.journal.record(plan.name(), stepId, null, UpgradeJournal.Event.CONFIRMED, null, null, null,
				"confirmed: " + step.text("instructions").strip(), null, who);
		return "Step " + stepId + " of plan " + plan.name() + " confirmed by " + who + ". Continue with `obmigrate restart"
				+ " upgrade`" + (state == UpgradeJournal.State.WAITING ? "." : " (or `run upgrade` when none is open).");
	}

	private static String who(String by) {
		return UpgradeJournal.truncate((by == null || by.isBlank() ? System.getProperty("user.name", "unknown")
				: by.strip()) + " (" + ExecutionOwner.current() + ")", 255);
	}

	/** The plan given, or the one of the last upgrade run. */
	private UpgradePlan planFor(Path planFile, Path varsFile) {
		if (planFile != null) {
			return UpgradePlan.load(planFile, varsFile, System::getenv);
		}
		JobExecution last = this.control.lastExecution(name());
		if (last == null) {
			throw new ConfigurationProblem("There is no upgrade run to confirm a step of. Start one with `obmigrate"
					+ " run upgrade --plan FILE --vars FILE`, or name the plan with --plan.");
		}
		return plan(last);
	}

	private UpgradePlan plan(JobExecution execution) {
		return UpgradePlan.load(UpgradePlanJob.path(execution.getJobParameters(), UpgradePlanJob.PLAN),
				UpgradePlanJob.path(execution.getJobParameters(), UpgradePlanJob.VARS), System::getenv);
	}

	private LongPredicate running() {
		return running(this.control);
	}

	/** Whether an execution runs in a live process. */
	static LongPredicate running(JobControl control) {
		return id -> {
			JobExecution execution = control.execution(id);
			return execution != null && execution.isRunning() && ExecutionOwner.isAlive(execution);
		};
	}

}

package io.obmigrate.upgrade;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One attempt at one plan step: the plan, the step, the execution it belongs to, where its process output goes, how to
 * tell that the run was asked to stop, and where progress lines go.
 */
record StepRun(UpgradePlan plan, UpgradePlan.Step step, long executionId, UpgradeJournal journal, Path workDir,
		BooleanSupplier stopRequested, Consumer<String> progress) {

	/** A path of the plan: absolute as written, or relative to the plan file's folder. */
	Path resolve(String path) {
		Path given = Path.of(path);
		return (given.isAbsolute() ? given : this.plan.file().getParent().resolve(given)).normalize();
	}

	String mask(String text) {
		return this.plan.secrets().mask(text);
	}

	void journalProcess(ProcessTree tree) {
		java.time.Instant started = ProcessTree.startOf(tree.id());
		this.journal.record(this.plan.name(), this.step.id(), this.executionId, UpgradeJournal.Event.PROCESS,
				(int) tree.id(), null, null, "pid " + tree.id() + (tree.grouped() ? " (process group)" : "")
						+ (started != null ? ", started " + started : ""), null, null);
	}

	/** How an attempt ended. */
	record Result(Outcome outcome, UpgradeRule rule, String detail, String logSlice, String checksum) {

		enum Outcome {
			DONE, FAILED, STOPPED, WAITING
		}

		static Result done(String detail, String logSlice, String checksum) {
			return new Result(Outcome.DONE, null, detail, logSlice, checksum);
		}

		static Result failed(UpgradeRule rule, String detail, String logSlice) {
			return new Result(Outcome.FAILED, rule, detail, logSlice, null);
		}

		static Result stopped(String detail, String logSlice) {
			return new Result(Outcome.STOPPED, null, detail, logSlice, null);
		}

	}

	/** What a step kind does. */
	interface Action {

		Result run(StepRun run) throws Exception;

	}

}

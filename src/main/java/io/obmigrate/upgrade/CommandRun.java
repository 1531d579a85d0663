package io.obmigrate.upgrade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code command}: runs an external command (its own process group, like a server) and decides by its exit code
 * ({@code expect-exit}, default 0), its output phrases ({@code success}, {@code failure}) and the files it must leave
 * ({@code outputs}): tools like the accelerators' merge script exit 0 after a failed copy, so the exit code alone
 * proves little.
 */
final class CommandRun implements StepRun.Action {

	private final Duration defaultTimeout;

	private final Duration grace;

	CommandRun(Duration defaultTimeout, Duration grace) {
		this.defaultTimeout = defaultTimeout;
		this.grace = grace;
	}

	@Override
	public StepRun.Result run(StepRun run) throws IOException {
		UpgradePlan.Step step = run.step();
		Path dir = step.text("dir") != null ? run.resolve(step.text("dir")) : run.plan().file().getParent();
		if (!Files.isDirectory(dir)) {
			return StepRun.Result.failed(UpgradeRule.COMMAND_FAILED, "the folder " + dir + " does not exist", null);
		}
		Duration timeout = step.duration("timeout", this.defaultTimeout);
		Files.createDirectories(run.workDir());
		Path output = run.workDir().resolve(run.executionId() + "-" + step.id() + "-" + System.currentTimeMillis() + ".out");
		Files.createFile(output);
		LogFollower out = new LogFollower(output);
		PhraseWatch watch = new PhraseWatch(step.list("success"), step.list("failure"));
		List<String> command = CommandLine.split(step.text("run"));
		ProcessTree tree;
		try {
			tree = ProcessTree.start(command, dir, step.map("env"), output, run::mask);
		}
		catch (IOException ex) {
			return StepRun.Result.failed(UpgradeRule.COMMAND_FAILED, "the command could not start: " + ex.getMessage(),
					null);
		}
		run.journalProcess(tree);
		long started = System.nanoTime();
		long nextStopCheck = started;
		String interrupted = null;
		while (!tree.ended()) {
			out.read(false).forEach(line -> watch.accept("out", run.mask(line)));
			long now = System.nanoTime();
			if (now - started > timeout.toNanos()) {
				interrupted = "it ran longer than its timeout " + timeout + " and was stopped";
				break;
			}
			if (now >= nextStopCheck) {
				nextStopCheck = now + 1_000_000_000L;
				if (run.stopRequested().getAsBoolean()) {
					interrupted = "stop";
					break;
				}
			}
			ProcessTree.sleep(100);
		}
		List<Long> left = tree.end(interrupted != null ? this.grace : Duration.ofSeconds(5));
		out.read(true).forEach(line -> watch.accept("out", run.mask(line)));
		String slice = run.mask(watch.slice("command " + step.id() + ": output kept in " + output));
		String checksum = Checksums.ofCommand(command.get(0), dir);
		if ("stop".equals(interrupted)) {
			return new StepRun.Result(StepRun.Result.Outcome.STOPPED, null, "stopped by request", slice, checksum);
		}
		List<String> problems = new ArrayList<>();
		if (interrupted != null) {
			problems.add(interrupted);
		}
		else {
			int code = tree.exitCode();
			List<String> expected = step.list("expect-exit").isEmpty() ? List.of("0") : step.list("expect-exit");
			if (!expected.contains(Integer.toString(code))) {
				problems.add("exit code " + code + " (expected " + String.join(" or ", expected) + ")");
			}
		}
		if (watch.failed()) {
			problems.add(watch.failureDescription());
		}
		if (interrupted == null && !watch.allSucceeded()) {
			problems.add("success phrase(s) " + watch.missing() + " did not appear");
		}
		if (!left.isEmpty()) {
			problems.add("processes " + left + " it started are still running after SIGKILL");
		}
		if (!problems.isEmpty()) {
			return new StepRun.Result(StepRun.Result.Outcome.FAILED, UpgradeRule.COMMAND_FAILED,
					String.join("; ", problems), slice, checksum);
		}
		List<String> missing = new ArrayList<>();
		for (String declared : step.list("outputs")) {
			if (Checksums.matching(run.resolve(declared)).isEmpty()) {
				missing.add(run.resolve(declared).toString());
			}
		}
		if (!missing.isEmpty()) {
			return new StepRun.Result(StepRun.Result.Outcome.FAILED, UpgradeRule.COMMAND_OUTPUT_MISSING,
					"exit code " + tree.exitCode() + ", but the declared output(s) " + missing + " do not exist", slice,
					checksum);
		}
		return StepRun.Result.done("exit code " + tree.exitCode() + " after "
				+ ServerRun.seconds(System.nanoTime() - started)
				+ (step.list("outputs").isEmpty() ? "" : "; outputs present: " + step.list("outputs")), slice, checksum);
	}

}

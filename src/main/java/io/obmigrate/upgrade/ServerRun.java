package io.obmigrate.upgrade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code server-run}: starts a Carbon server pack in the foreground with the step's flags, reads its log and its output
 * until every success phrase appeared (or a failure phrase, an early exit, the timeout, the idle timeout, or a stop),
 * then stops it (the step's stop command, or SIGTERM to its process group; SIGKILL after the grace period) and checks
 * that no process of it is left before the step ends, whatever the outcome. The server's own "started" line or an open
 * port prove nothing: the step decides by its phrases only.
 */
final class ServerRun implements StepRun.Action {

	static final String PID_FILE = "wso2carbon.pid";

	private final Duration defaultTimeout;

	private final Duration defaultIdle;

	private final Duration defaultGrace;

	ServerRun(Duration defaultTimeout, Duration defaultIdle, Duration defaultGrace) {
		this.defaultTimeout = defaultTimeout;
		this.defaultIdle = defaultIdle;
		this.defaultGrace = defaultGrace;
	}

	@Override
	public StepRun.Result run(StepRun run) throws IOException {
		UpgradePlan.Step step = run.step();
		Path home = run.resolve(step.text("home"));
		if (!Files.isDirectory(home)) {
			return StepRun.Result.failed(UpgradeRule.SERVER_EXITED_EARLY, "the server home " + home
					+ " is not a folder; set the home variable to the unpacked server pack", null);
		}
		String running = runningServer(home);
		if (running != null) {
			return StepRun.Result.failed(UpgradeRule.SERVER_ALREADY_RUNNING, running, null);
		}
		Duration timeout = step.duration("timeout", this.defaultTimeout);
		Duration idle = step.duration("idle-timeout", this.defaultIdle);
		Duration grace = step.duration("stop-grace", this.defaultGrace);
		Files.createDirectories(run.workDir());
		Path output = run.workDir().resolve(run.executionId() + "-" + step.id() + "-" + System.currentTimeMillis() + ".out");
		Files.createFile(output);
		List<LogFollower> sources = new ArrayList<>();
		if (step.text("log") != null) {
			sources.add(new LogFollower(home.resolve(step.text("log"))));
		}
		LogFollower out = new LogFollower(output);
		sources.add(out);
		PhraseWatch watch = new PhraseWatch(step.list("success"), step.list("failure"));
		ProcessTree tree = ProcessTree.start(CommandLine.split(step.text("start")), home, step.map("env"), output,
				run::mask);
		run.journalProcess(tree);
		run.progress().accept("server started (pid " + tree.id() + "); watching " + (step.text("log") != null
				? home.resolve(step.text("log")) + " and " : "") + "its output " + output);
		long started = System.nanoTime();
		long lastLine = started;
		long nextStopCheck = started;
		boolean idleWarned = false;
		StepRun.Result result = null;
		try {
			while (result == null) {
				boolean exited = tree.ended();
				for (LogFollower source : sources) {
					for (String line : source.read(exited)) {
						watch.accept(source == out ? "out" : "log", run.mask(line));
						lastLine = System.nanoTime();
						idleWarned = false;
					}
				}
				long now = System.nanoTime();
				if (watch.failed()) {
					result = StepRun.Result.failed(UpgradeRule.SERVER_FAILURE_PHRASE, watch.failureDescription(),
							null);
				}
				else if (watch.allSucceeded()) {
					result = StepRun.Result.done("every success phrase appeared after " + seconds(now - started)
							+ "; no failure phrase", null, null);
				}
				else if (exited) {
					result = StepRun.Result.failed(UpgradeRule.SERVER_EXITED_EARLY, "the server ended with exit code "
							+ tree.exitCode() + " before every success phrase appeared; missing " + watch.missing(), null);
				}
				else if (now - started > timeout.toNanos()) {
					result = StepRun.Result.failed(UpgradeRule.SERVER_TIMEOUT, "not every success phrase appeared within "
							+ timeout + "; missing " + watch.missing(), null);
				}
				else if (now - lastLine > idle.toNanos()) {
					result = StepRun.Result.failed(UpgradeRule.SERVER_IDLE, "no new line in the log or the output for "
							+ idle + "; missing " + watch.missing(), null);
				}
				else {
					if (!idleWarned && now - lastLine > idle.toNanos() / 2) {
						idleWarned = true;
						run.progress().accept("warning: no new log line for " + seconds(now - lastLine) + " (the step"
								+ " fails after " + idle + " of silence)");
					}
					if (now >= nextStopCheck) {
						nextStopCheck = now + 1_000_000_000L;
						if (run.stopRequested().getAsBoolean()) {
							result = StepRun.Result.stopped("stopped by request before every success phrase appeared",
									null);
						}
					}
					if (result == null) {
						ProcessTree.sleep(100);
					}
				}
			}
		}
		finally {
			List<Long> left = stop(run, tree, home, grace);
			if (!left.isEmpty()) {
				result = StepRun.Result.failed(UpgradeRule.SERVER_LEFT_RUNNING, (result != null ? result.detail() + "; "
						: "") + "processes " + left + " of the server are still running after SIGKILL", null);
			}
		}
		String slice = watch.slice("server-run " + step.id() + ": " + watch.lines() + " lines read; output kept in "
				+ output + (step.text("log") != null ? "; log " + home.resolve(step.text("log")) : ""));
		return new StepRun.Result(result.outcome(), result.rule(), result.detail() + "; the server and its processes"
				+ " are gone", run.mask(slice), Checksums.ofCommand(CommandLine.split(step.text("start")).get(0), home));
	}

	/** The step's stop command, else SIGTERM to the group; then SIGKILL after the grace; what is still alive. */
	private static List<Long> stop(StepRun run, ProcessTree tree, Path home, Duration grace) {
		if (tree.members().isEmpty()) {
			return List.of();
		}
		String stop = run.step().text("stop");
		if (stop != null) {
			try {
				Process stopper = new ProcessBuilder(CommandLine.split(stop)).directory(home.toFile())
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
				stopper.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
				if (tree.awaitGone(grace)) {
					return List.of();
				}
			}
			catch (IOException ex) {
				run.progress().accept("warning: the stop command failed (" + ex.getMessage() + "); sending SIGTERM");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return tree.end(grace);
	}

	/** A description of the live server the home's PID file names, or null. */
	static String runningServer(Path home) {
		Path pidFile = home.resolve(PID_FILE);
		try {
			if (Files.isRegularFile(pidFile)) {
				String text = Files.readString(pidFile).strip();
				if (text.matches("\\d+") && ProcessTree.isLive(Long.parseLong(text))) {
					return "a server from " + home + " is already running: " + pidFile + " names the live process "
							+ text;
				}
			}
		}
		catch (IOException ex) {
			return null;
		}
		return null;
	}

	static String seconds(long nanos) {
		return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
	}

}

package io.obmigrate.upgrade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code server-run}: starts a Carbon server pack in the foreground with the step's flags, reads its log and its output
 * until every success phrase appeared (or a failure phrase, an early exit, the timeout, the idle timeout, or a stop),
 * then stops it (the step's stop command, or SIGTERM to its process group; SIGKILL after the grace period) and checks
 * that no process of it is left before the step ends, whatever the outcome. The server's own "started" line or an open
 * port prove nothing: the step decides by its phrases only.
 * <p>
 * Servers the migrating one needs running (the Identity Server as key manager while API Manager migrates) are listed
 * under {@code requires}: each is started first and must log its {@code ready} phrases; they are stopped, last first,
 * after the step's own server, with the same checks.
 */
final class ServerRun implements StepRun.Action {

	static final String PID_FILE = "wso2carbon.pid";

	/** Keys of a {@code requires} entry. */
	static final List<String> REQUIRES_KEYS = List.of("home", "start", "log", "ready", "failure", "stop", "env");

	private final Duration defaultTimeout;

	private final Duration defaultIdle;

	private final Duration defaultGrace;

	ServerRun(Duration defaultTimeout, Duration defaultIdle, Duration defaultGrace) {
		this.defaultTimeout = defaultTimeout;
		this.defaultIdle = defaultIdle;
		this.defaultGrace = defaultGrace;
	}

	/** One server process: where it runs, how it starts and stops, what it must and must not log. */
	private record Server(String label, Path home, String start, String log, List<String> success,
			List<String> failure, String stop, Map<String, String> env) {
	}

	/** A started server, its phrases watched. */
	private static final class Running {

		final Server server;

		final ProcessTree tree;

		final PhraseWatch watch;

		final List<LogFollower> sources = new ArrayList<>();

		final LogFollower out;

		final Path output;

		Running(Server server, ProcessTree tree, Path output) {
			this.server = server;
			this.tree = tree;
			this.output = output;
			this.watch = new PhraseWatch(server.success(), server.failure());
			if (server.log() != null) {
				this.sources.add(new LogFollower(server.home().resolve(server.log())));
			}
			this.out = new LogFollower(output);
			this.sources.add(this.out);
		}

	}

	@Override
	@SuppressWarnings("unchecked")
	public StepRun.Result run(StepRun run) throws IOException {
		UpgradePlan.Step step = run.step();
		List<Server> servers = new ArrayList<>();
		Object requires = step.values().get("requires");
		if (requires instanceof List<?> list) {
			int n = 0;
			for (Object item : list) {
				Map<String, Object> entry = (Map<String, Object>) item;
				n++;
				servers.add(new Server("required server " + n, run.resolve(String.valueOf(entry.get("home"))),
						String.valueOf(entry.get("start")), entry.get("log") == null ? null : String.valueOf(entry.get("log")),
						strings(entry.get("ready")), strings(entry.get("failure")),
						entry.get("stop") == null ? null : String.valueOf(entry.get("stop")),
						entry.get("env") instanceof Map<?, ?> env ? (Map<String, String>) env : Map.of()));
			}
		}
		servers.add(new Server("the server", run.resolve(step.text("home")), step.text("start"), step.text("log"),
				step.list("success"), step.list("failure"), step.text("stop"), step.map("env")));
		for (Server server : servers) {
			if (!Files.isDirectory(server.home())) {
				return StepRun.Result.failed(UpgradeRule.SERVER_EXITED_EARLY, "the home of " + server.label() + ", "
						+ server.home() + ", is not a folder; set its variable to the unpacked server pack", null);
			}
			String running = runningServer(server.home());
			if (running != null) {
				return StepRun.Result.failed(UpgradeRule.SERVER_ALREADY_RUNNING, running, null);
			}
		}
		Duration timeout = step.duration("timeout", this.defaultTimeout);
		Duration idle = step.duration("idle-timeout", this.defaultIdle);
		Duration grace = step.duration("stop-grace", this.defaultGrace);
		Files.createDirectories(run.workDir());
		List<Running> started = new ArrayList<>();
		StepRun.Result result = null;
		try {
			for (Server server : servers) {
				Path output = run.workDir().resolve(run.executionId() + "-" + step.id() + "-" + started.size() + "-"
						+ System.currentTimeMillis() + ".out");
				Files.createFile(output);
				Running running = new Running(server, ProcessTree.start(CommandLine.split(server.start()),
						server.home(), server.env(), output, run::mask), output);
				started.add(running);
				run.journalProcess(running.tree);
				run.progress().accept(server.label() + " started (pid " + running.tree.id() + "); watching "
						+ (server.log() != null ? server.home().resolve(server.log()) + " and " : "") + "its output "
						+ output);
				result = watch(run, running, started, timeout, idle);
				if (result.outcome() != StepRun.Result.Outcome.DONE) {
					break;
				}
			}
		}
		finally {
			List<String> left = new ArrayList<>();
			for (int i = started.size() - 1; i >= 0; i--) {
				List<Long> still = stop(run, started.get(i), grace);
				if (!still.isEmpty()) {
					left.add(started.get(i).server.label() + " " + still);
				}
			}
			if (!left.isEmpty()) {
				result = StepRun.Result.failed(UpgradeRule.SERVER_LEFT_RUNNING, (result != null ? result.detail() + "; "
						: "") + "processes of " + String.join(", ", left) + " are still running after SIGKILL", null);
			}
		}
		StringBuilder slice = new StringBuilder();
		for (Running running : started) {
			slice.append(running.watch.slice(running.server.label() + " (" + running.server.home() + "): "
					+ running.watch.lines() + " lines read; output kept in " + running.output
					+ (running.server.log() != null ? "; log " + running.server.home().resolve(running.server.log())
							: "")));
		}
		Server main = servers.get(servers.size() - 1);
		return new StepRun.Result(result.outcome(), result.rule(), result.detail() + "; every server of the step and"
				+ " its processes are gone", run.mask(slice.toString()),
				Checksums.ofCommand(CommandLine.split(main.start()).get(0), main.home()));
	}

	/** Watches one started server until its phrases decide, it exits, a time limit passes or a stop is asked for. */
	private static StepRun.Result watch(StepRun run, Running running, List<Running> all, Duration timeout,
			Duration idle) {
		PhraseWatch watch = running.watch;
		String label = running.server.label();
		long started = System.nanoTime();
		long lastLine = started;
		long nextStopCheck = started;
		boolean idleWarned = false;
		while (true) {
			boolean exited = running.tree.ended();
			for (LogFollower source : running.sources) {
				for (String line : source.read(exited)) {
					watch.accept(source == running.out ? "out" : "log", run.mask(line));
					lastLine = System.nanoTime();
					idleWarned = false;
				}
			}
			for (Running other : all) {
				if (other != running && other.tree.ended()) {
					return StepRun.Result.failed(UpgradeRule.SERVER_EXITED_EARLY, other.server.label() + " ended with"
							+ " exit code " + other.tree.exitCode() + " while " + label + " ran", null);
				}
			}
			long now = System.nanoTime();
			if (watch.failed()) {
				return StepRun.Result.failed(UpgradeRule.SERVER_FAILURE_PHRASE, label + ": " + watch.failureDescription(),
						null);
			}
			if (watch.allSucceeded()) {
				return StepRun.Result.done(label + ": every phrase it must log appeared after " + seconds(now - started)
						+ "; no failure phrase", null, null);
			}
			if (exited) {
				return StepRun.Result.failed(UpgradeRule.SERVER_EXITED_EARLY, label + " ended with exit code "
						+ running.tree.exitCode() + " before every phrase it must log appeared; missing "
						+ watch.missing(), null);
			}
			if (now - started > timeout.toNanos()) {
				return StepRun.Result.failed(UpgradeRule.SERVER_TIMEOUT, label + ": not every phrase it must log"
						+ " appeared within " + timeout + "; missing " + watch.missing(), null);
			}
			if (now - lastLine > idle.toNanos()) {
				return StepRun.Result.failed(UpgradeRule.SERVER_IDLE, label + ": no new line in the log or the output"
						+ " for " + idle + "; missing " + watch.missing(), null);
			}
			if (!idleWarned && now - lastLine > idle.toNanos() / 2) {
				idleWarned = true;
				run.progress().accept("warning: " + label + " logged nothing for " + seconds(now - lastLine) + " (the"
						+ " step fails after " + idle + " of silence)");
			}
			if (now >= nextStopCheck) {
				nextStopCheck = now + 1_000_000_000L;
				if (run.stopRequested().getAsBoolean()) {
					return StepRun.Result.stopped("stopped by request before every phrase appeared", null);
				}
			}
			ProcessTree.sleep(100);
		}
	}

	/** The server's stop command, else SIGTERM to its group; then SIGKILL after the grace; what is still alive. */
	private static List<Long> stop(StepRun run, Running running, Duration grace) {
		ProcessTree tree = running.tree;
		if (tree.members().isEmpty()) {
			return List.of();
		}
		String stop = running.server.stop();
		if (stop != null) {
			try {
				Process stopper = new ProcessBuilder(CommandLine.split(stop)).directory(running.server.home().toFile())
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

	@SuppressWarnings("unchecked")
	private static List<String> strings(Object value) {
		if (value == null) {
			return List.of();
		}
		return value instanceof List<?> list ? (List<String>) list : List.of(String.valueOf(value));
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

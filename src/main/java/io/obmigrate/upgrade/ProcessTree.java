package io.obmigrate.upgrade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An external process that a step starts, with every process it starts in turn. On Linux it runs in a session of its
 * own ({@code setsid}), so the whole tree is one process group that a signal reaches at once, even the children a
 * start script sends to the background; a small watcher in that group kills the group when obmigrate's own process
 * dies (kill -9 included), so a step never leaves a server running behind a dead obmigrate. Where {@code setsid} is
 * missing, the tree is the process and its descendants.
 */
final class ProcessTree {

	private static final boolean SESSIONS = Files.isExecutable(Path.of("/usr/bin/setsid"))
			|| Files.isExecutable(Path.of("/bin/setsid"));

	private static final String WRAPPER = "o=$1; shift; \"$@\" & s=$!; "
			+ "(trap '' TERM; while kill -0 \"$o\" 2>/dev/null; do sleep 1; done; kill -KILL 0) & w=$!; "
			+ "trap 'kill -TERM $s 2>/dev/null' TERM; wait $s; rc=$?; "
			+ "while kill -0 $s 2>/dev/null; do wait $s; rc=$?; done; kill -KILL $w 2>/dev/null; exit $rc";

	private final Process process;

	private final long groupId;

	private final boolean grouped;

	private final Set<Long> seen = new LinkedHashSet<>();

	private ProcessTree(Process process, boolean grouped) {
		this.process = process;
		this.grouped = grouped;
		this.groupId = process.pid();
		this.seen.add(process.pid());
	}

	/**
	 * Starts {@code command} in {@code dir}; its output and errors go, line by line through {@code mask} (secrets
	 * out), to the file {@code output}.
	 */
	static ProcessTree start(List<String> command, Path dir, Map<String, String> environment, Path output,
			java.util.function.UnaryOperator<String> mask) throws IOException {
		return start(command, dir, environment, output, mask, ProcessHandle.current().pid());
	}

	/** As above, the tree ending when the process {@code owner} ends (obmigrate's own process, but for tests). */
	static ProcessTree start(List<String> command, Path dir, Map<String, String> environment, Path output,
			java.util.function.UnaryOperator<String> mask, long owner) throws IOException {
		List<String> line = new ArrayList<>();
		if (SESSIONS) {
			line.addAll(List.of("setsid", "/bin/sh", "-c", WRAPPER, "obmigrate-step", Long.toString(owner)));
		}
		line.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(line).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.redirectOutput(ProcessBuilder.Redirect.PIPE);
		builder.environment().putAll(environment);
		Process process = builder.start();
		Thread pump = new Thread(() -> {
			try (java.io.BufferedReader in = new java.io.BufferedReader(
					new java.io.InputStreamReader(process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
					java.io.Writer out = Files.newBufferedWriter(output, java.nio.charset.StandardCharsets.UTF_8,
							java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
				String text;
				while ((text = in.readLine()) != null) {
					out.write(mask.apply(text));
					out.write('\n');
					out.flush();
				}
			}
			catch (IOException ex) {
				// the process and its children closed the output
			}
		}, "obmigrate-step-output-" + process.pid());
		pump.setDaemon(true);
		pump.start();
		return new ProcessTree(process, SESSIONS);
	}

	/** Whether trees run in sessions of their own here (setsid present), so that they die with obmigrate. */
	static boolean sessions() {
		return SESSIONS;
	}

	/** The process group (the session's first process), or the started process where there are no sessions. */
	long id() {
		return this.groupId;
	}

	boolean grouped() {
		return this.grouped;
	}

	/** Whether the process obmigrate started has ended; its children may live on ({@link #members()}). */
	boolean ended() {
		return !this.process.isAlive();
	}

	int exitCode() {
		return this.process.exitValue();
	}

	/** The live processes of the tree. */
	List<Long> members() {
		return members(this.groupId, this.grouped, this.seen);
	}

	/** Sends TERM (gently) or KILL to every process of the tree. */
	void signal(boolean kill) {
		signal(this.groupId, this.grouped, kill, this.seen);
	}

	/**
	 * Ends the tree: TERM, then KILL after {@code grace}; returns the processes still alive ten seconds after the KILL
	 * (none, normally).
	 */
	List<Long> end(Duration grace) {
		if (!members().isEmpty()) {
			signal(false);
			awaitGone(grace);
		}
		if (!members().isEmpty()) {
			signal(true);
			awaitGone(Duration.ofSeconds(10));
		}
		try {
			this.process.waitFor(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return members();
	}

	boolean awaitGone(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!members().isEmpty()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			sleep(100);
		}
		return true;
	}

	/**
	 * Whether a process is alive: running or sleeping, not a zombie (a dead process whose exit status nobody
	 * collected yet; in a container whose first process does not collect them it stays one for good).
	 */
	static boolean isLive(long pid) {
		Path stat = Path.of("/proc", Long.toString(pid));
		if (Files.isDirectory(stat)) {
			return groupOf(stat) != -1;
		}
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	/** The start instant of a process, to recognise it again (PIDs are reused), or null when it is gone. */
	static Instant startOf(long pid) {
		return ProcessHandle.of(pid).flatMap(handle -> handle.info().startInstant()).orElse(null);
	}

	/**
	 * The live processes of a tree recorded by an earlier obmigrate process: the group {@code groupId} when it was a
	 * session and its first process is the one started at {@code started} (or is gone, the group living on).
	 */
	static List<Long> leftovers(long groupId, boolean grouped, Instant started) {
		Instant now = startOf(groupId);
		if (now != null && started != null && !now.equals(started)) {
			return List.of(); // the PID was reused by an unrelated process
		}
		return members(groupId, grouped, new LinkedHashSet<>(List.of(groupId)));
	}

	static void kill(long groupId, boolean grouped) {
		signal(groupId, grouped, true, new LinkedHashSet<>(List.of(groupId)));
	}

	private static List<Long> members(long groupId, boolean grouped, Set<Long> seen) {
		if (grouped && Files.isDirectory(Path.of("/proc/self"))) {
			List<Long> members = new ArrayList<>();
			try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
				for (Path entry : entries.toList()) {
					String name = entry.getFileName().toString();
					if (name.chars().allMatch(Character::isDigit) && groupOf(entry) == groupId) {
						members.add(Long.parseLong(name));
					}
				}
			}
			catch (IOException ex) {
				// fall through to the descendants
			}
			return members;
		}
		ProcessHandle.of(groupId).ifPresent(root -> root.descendants().forEach(child -> seen.add(child.pid())));
		return seen.stream().filter(ProcessTree::isLive).toList();
	}

	/** The process group of a /proc entry, or -1 when it is gone or a zombie that no longer counts. */
	private static long groupOf(Path entry) {
		try {
			String stat = Files.readString(entry.resolve("stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			if (fields[0].equals("Z") || fields[0].equals("X")) {
				return -1;
			}
			return Long.parseLong(fields[2]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private static void signal(long groupId, boolean grouped, boolean kill, Set<Long> seen) {
		if (grouped) {
			try {
				Process sender = new ProcessBuilder("kill", kill ? "-KILL" : "-TERM", "--", "-" + groupId)
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
				sender.waitFor(10, TimeUnit.SECONDS);
				return;
			}
			catch (IOException ex) {
				// no kill command: signal the members one by one
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		for (long pid : members(groupId, grouped, seen)) {
			ProcessHandle.of(pid).ifPresent(handle -> {
				if (kill) {
					handle.destroyForcibly();
				}
				else {
					handle.destroy();
				}
			});
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

package io.obmigrate.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.obmigrate.ObmigrateApplication;

/** An obmigrate command in a JVM of its own, to be killed with SIGKILL mid-run (the crash tests). */
public final class ChildRun {

	private ChildRun() {
	}

	/** Starts {@code args} against {@code database}; its output goes to {@code home/child.log}. */
	public static Process start(TestDatabase database, Path home, String... args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx512m");
		for (Map.Entry<String, String> property : database.properties(home).entrySet()) {
			command.add("-D" + property.getKey() + "=" + property.getValue());
		}
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ObmigrateApplication.class.getName());
		command.addAll(List.of(args));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(home.resolve("child.log").toFile())
			.start();
	}

	/**
	 * Waits until {@code progress} reaches {@code rows} while the child still runs, and returns it; a progress that
	 * cannot be read yet (tables not created) counts as 0.
	 */
	public static long waitFor(Process child, long rows, LongSupplier progress) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			long count;
			try {
				count = progress.getAsLong();
			}
			catch (RuntimeException tablesNotYetCreated) {
				count = 0;
			}
			assertThat(child.isAlive()).as("the run ended before it was killed (make it longer)").isTrue();
			if (count >= rows) {
				return count;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("the run did not reach " + rows + " rows in time");
	}

}

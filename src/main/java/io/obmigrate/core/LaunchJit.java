package io.obmigrate.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which JIT the launcher ({@code deploy/launch.sh}) gives the next command that moves data, chosen from the number of
 * consents obmigrate last counted in the source ({@code check}, a full {@code run consent}, {@code generate} into
 * empty tables) and kept in the file {@value #FILE} in obmigrate's home.
 * <p>
 * Why: a JVM's compilers are chosen when it starts, before it knows the source's size, and neither choice suits every
 * size on a machine whose cores the database needs too. Below {@value #QUICK_BELOW} consents the quick JIT alone
 * finishes sooner: the optimising compiler's own work (about 1.3 s of CPU at 100k) is not paid back before the run
 * ends (100k consents, MariaDB as installed, 2 cores: 9.2-9.4 s against 9.9-10.1 s; 200k: as fast or faster; 300k
 * already a little slower); from about a million on, the code it compiles saves a third of the JVM's CPU. A source
 * counted again (a rehearsal each night, a restart) keeps the choice right; a home without the file gets the
 * optimising compiler for hot code, as before.
 */
public final class LaunchJit {

	/** The file in obmigrate's home: one word, {@code quick} or {@code optimising}. */
	public static final String FILE = "launch.jit";

	/** Sources with fewer consents than this get the quick JIT alone. */
	public static final long QUICK_BELOW = 250_000;

	private static final Logger log = LoggerFactory.getLogger(LaunchJit.class);

	private LaunchJit() {
	}

	/** The word the launcher reads for a source of {@code consents}. */
	static String choiceFor(long consents) {
		return consents < QUICK_BELOW ? "quick" : "optimising";
	}

	/**
	 * Records the JIT for a source of {@code consents} in {@code home}. A home that cannot be written costs only the
	 * choice (the launcher then keeps its default): it is logged, never a failure of the command.
	 */
	public static void remember(String home, long consents) {
		if (home == null || consents < 0) {
			return;
		}
		Path folder = Path.of(home);
		Path file = folder.resolve(FILE);
		String choice = choiceFor(consents) + "\n";
		try {
			if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.US_ASCII).equals(choice)) {
				return;
			}
			Files.createDirectories(folder);
			Path written = Files.createTempFile(folder, FILE, ".tmp");
			try {
				Files.writeString(written, choice, StandardCharsets.US_ASCII);
				Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(written);
			}
		}
		catch (IOException | RuntimeException ex) {
			log.info("Could not record the launcher's JIT choice in {}: {}", file, ex.toString());
		}
	}

}

package io.obmigrate.reporting;

import java.util.LinkedHashMap;
import java.util.Map;

import io.obmigrate.core.MigrationTally;

/**
 * Where a reporting step's time went, kept in its tally (so a restart adds up): the key ranges read, the in-database
 * mode's counts query and {@code INSERT … SELECT}, the chunk mode's whole copy, and the primary key added at the end.
 * The step's duration less these is the framework's share: transactions, commits and checkpoints. The summary prints
 * it; {@code bench/reporting.sh} collects it.
 */
final class ReportingTimes {

	static final String KEYS = "keys";

	static final String COUNTS = "counts";

	static final String INSERT = "insert";

	static final String CHUNK = "chunk";

	static final String PRIMARY_KEY = "primary-key";

	private static final String PREFIX = "time.";

	private static final String SUFFIX = ".micros";

	private ReportingTimes() {
	}

	static void add(MigrationTally tally, String phase, long nanos) {
		tally.add(PREFIX + phase + SUFFIX, Math.max(0, nanos / 1000));
	}

	/** The seconds of each phase that took any, in a fixed order. */
	static Map<String, Double> seconds(Map<String, Long> tally) {
		Map<String, Double> seconds = new LinkedHashMap<>();
		for (String phase : new String[] { KEYS, COUNTS, INSERT, CHUNK, PRIMARY_KEY }) {
			long micros = tally.getOrDefault(PREFIX + phase + SUFFIX, 0L);
			if (micros > 0) {
				seconds.put(phase, micros / 1_000_000.0);
			}
		}
		return seconds;
	}

	/** The summary's line, e.g. {@code keys 0.4 s, counts 1.1 s, insert 3.2 s}. */
	static String describe(Map<String, Long> tally) {
		return String.join(", ", seconds(tally).entrySet().stream()
			.map(e -> String.format("%s %.1f s", e.getKey(), e.getValue())).toList());
	}

}

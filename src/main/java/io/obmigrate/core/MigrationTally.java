package io.obmigrate.core;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of one step, kept with its checkpoint so that they survive a restart: source rows read per table,
 * target rows written per table, items written, quarantined and filtered, and notices per rule. After every chunk
 * {@code read = written + quarantined + filtered + present} holds.
 */
public class MigrationTally {

	/** Execution-context keys of the tally at the end of the current chunk and at the end of the previous one. */
	public static final String CONTEXT_KEY = "obmigrate.tally.pending";

	public static final String SAFE_CONTEXT_KEY = "obmigrate.tally.safe";

	/** Step execution-context key: the tally's reads when the step execution opened (restored from a checkpoint). */
	public static final String READ_AT_OPEN_KEY = "obmigrate.read.at-open";

	public static final String READ = "read";

	public static final String WRITTEN = "written";

	public static final String QUARANTINED = "quarantined";

	public static final String FILTERED = "filtered";

	/** Rows already in the target, written by an earlier run or before a restart: found there, not written again. */
	public static final String PRESENT = "present";

	private static final String SOURCE = "source.";

	private static final String TARGET = "target.";

	private static final String NOTICE = "notice.";

	private final Map<String, Long> counts = new HashMap<>();

	public MigrationTally() {
	}

	public MigrationTally(Map<String, Long> counts) {
		this.counts.putAll(counts);
	}

	public synchronized void add(String key, long n) {
		if (n != 0) {
			this.counts.merge(key, n, Long::sum);
		}
	}

	public void sourceRows(String table, long n) {
		add(SOURCE + table, n);
	}

	public void targetRows(String table, long n) {
		add(TARGET + table, n);
	}

	public void notice(RuleCode rule) {
		add(NOTICE + rule.slug(), 1);
	}

	public void notice(RuleCode rule, long n) {
		add(NOTICE + rule.slug(), n);
	}

	/** A notice stored in the chunk report: counted by its code. */
	void notice(String slug) {
		add(NOTICE + slug, 1);
	}

	public synchronized long get(String key) {
		return this.counts.getOrDefault(key, 0L);
	}

	public Map<String, Long> sourceTables() {
		return withPrefix(SOURCE);
	}

	public Map<String, Long> targetTables() {
		return withPrefix(TARGET);
	}

	public Map<String, Long> notices() {
		return withPrefix(NOTICE);
	}


	public boolean balanced() {
		return get(READ) == get(WRITTEN) + get(QUARANTINED) + get(FILTERED) + get(PRESENT);
	}

	public synchronized Map<String, Long> snapshot() {
		return new HashMap<>(this.counts);
	}

	public synchronized void reset(Map<String, Long> counts) {
		this.counts.clear();
		this.counts.putAll(counts);
	}

	private synchronized Map<String, Long> withPrefix(String prefix) {
		Map<String, Long> found = new TreeMap<>();
		this.counts.forEach((key, value) -> {
			if (key.startsWith(prefix)) {
				found.put(key.substring(prefix.length()), value);
			}
		});
		return found;
	}

}

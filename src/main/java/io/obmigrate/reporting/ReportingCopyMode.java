package io.obmigrate.reporting;

import java.util.Map;

import io.obmigrate.core.MigrationTally;

/**
 * How the reporting job copies a table's key ranges, and, in {@code auto}, which mode is faster on this table and this
 * database. The in-database mode copies first: its first range is a warm-up and the next {@link #SAMPLES} are timed.
 * At {@link #CHUNK_TRIAL_BELOW} rows per second or more it keeps the table (the chunk mode, one JVM round trip per
 * page, has never measured faster than that). Below it, the chunk mode is tried on as many ranges and the faster mode
 * copies the rest; the chunk mode must be {@link #CHUNK_MARGIN} faster to be kept. Everything is kept in the step's
 * tally, so a restart continues with the same choice and the summary can say why.
 */
public final class ReportingCopyMode {

	static final int SAMPLES = 2;

	/**
	 * The chunk mode is kept only when it measured this much faster. Samples taken while another lane runs are noisy
	 * (on 5 M rows a 5% lead of the chunk mode on two samples picked it for a table it then copied 2.4 times slower),
	 * and the in-database mode leaves the migration host idle.
	 */
	static final double CHUNK_MARGIN = 1.25;

	/**
	 * The in-database rate (rows per second on its timed ranges) from which the chunk mode is not tried: trying it
	 * costs {@code SAMPLES + 1} ranges at its own, lower rate (measured on MariaDB at 300k requests: payments 19,600
	 * rows/s in the database, 8,200 through the JVM; the trial added 2 s to a 7 s table).
	 */
	static final double CHUNK_TRIAL_BELOW = 10_000;

	private static final String PREFIX = "mode.";

	/** The decision is kept per mode ({@code mode.decided.chunk} = 1), never as an enum position. */
	private static final String DECIDED = PREFIX + "decided.";

	private final CopyMode setting;

	private final String unavailable;

	private final MigrationTally tally;

	/**
	 * @param unavailable why the in-database mode cannot copy this table here (another database, a dialect it is not
	 * written for), or null when it can
	 */
	public ReportingCopyMode(CopyMode setting, String unavailable, MigrationTally tally) {
		this.setting = setting;
		this.unavailable = unavailable;
		this.tally = tally;
	}

	/** The mode of the next range. */
	public CopyMode next() {
		if (this.unavailable != null || this.setting == CopyMode.CHUNK) {
			return CopyMode.CHUNK;
		}
		if (this.setting == CopyMode.IN_DATABASE) {
			return CopyMode.IN_DATABASE;
		}
		CopyMode decided = decided(this.tally.snapshot());
		if (decided != null) {
			return decided;
		}
		return ranges(CopyMode.IN_DATABASE) <= SAMPLES ? CopyMode.IN_DATABASE : CopyMode.CHUNK;
	}

	/**
	 * Records a range copied in {@code mode}; {@code fallback} when the in-database mode declined it (not a sample).
	 */
	public void record(CopyMode mode, long rows, long nanos, boolean fallback) {
		this.tally.add(PREFIX + mode.label() + ".rows", rows);
		if (fallback) {
			this.tally.add(PREFIX + "fallback.ranges", 1);
			return;
		}
		if (this.setting != CopyMode.AUTO || this.unavailable != null || decided(this.tally.snapshot()) != null) {
			return;
		}
		long ranges = ranges(mode);
		this.tally.add(PREFIX + mode.label() + ".ranges", 1);
		if (ranges >= 1 && ranges <= SAMPLES) {
			this.tally.add(PREFIX + mode.label() + ".sample.rows", rows);
			this.tally.add(PREFIX + mode.label() + ".sample.micros", Math.max(1, nanos / 1000));
		}
		if (mode == CopyMode.IN_DATABASE && ranges(CopyMode.IN_DATABASE) > SAMPLES
				&& rate(this.tally.snapshot(), CopyMode.IN_DATABASE) >= CHUNK_TRIAL_BELOW) {
			this.tally.add(DECIDED + CopyMode.IN_DATABASE.label(), 1);
		}
		else if (ranges(CopyMode.IN_DATABASE) > SAMPLES && ranges(CopyMode.CHUNK) > SAMPLES) {
			CopyMode faster = rate(this.tally.snapshot(), CopyMode.CHUNK) > CHUNK_MARGIN
					* rate(this.tally.snapshot(), CopyMode.IN_DATABASE) ? CopyMode.CHUNK : CopyMode.IN_DATABASE;
			this.tally.add(DECIDED + faster.label(), 1);
		}
	}

	/** The mode measurement chose, or null while it has not. */
	private static CopyMode decided(Map<String, Long> tally) {
		for (CopyMode mode : new CopyMode[] { CopyMode.CHUNK, CopyMode.IN_DATABASE }) {
			if (tally.getOrDefault(DECIDED + mode.label(), 0L) > 0) {
				return mode;
			}
		}
		return null;
	}

	private long ranges(CopyMode mode) {
		return this.tally.get(PREFIX + mode.label() + ".ranges");
	}

	/** Rows per second of a mode's timed samples in a tally, 0 when none. */
	static double rate(Map<String, Long> tally, CopyMode mode) {
		long rows = tally.getOrDefault(PREFIX + mode.label() + ".sample.rows", 0L);
		long micros = tally.getOrDefault(PREFIX + mode.label() + ".sample.micros", 0L);
		return micros == 0 ? 0 : rows * 1_000_000.0 / micros;
	}

	/** The summary's line: the mode(s) the table was copied in, rows by each, and why. */
	public String describe(Map<String, Long> tally) {
		long inDatabase = tally.getOrDefault(PREFIX + CopyMode.IN_DATABASE.label() + ".rows", 0L);
		long chunk = tally.getOrDefault(PREFIX + CopyMode.CHUNK.label() + ".rows", 0L);
		long fallback = tally.getOrDefault(PREFIX + "fallback.ranges", 0L);
		StringBuilder text = new StringBuilder();
		if (this.setting == CopyMode.CHUNK) {
			return "chunk (obmigrate.reporting-job.mode=chunk)";
		}
		if (this.unavailable != null) {
			return "chunk (in-database mode unavailable: " + this.unavailable + ")";
		}
		CopyMode decided = decided(tally);
		if (this.setting == CopyMode.IN_DATABASE) {
			text.append("in-database (obmigrate.reporting-job.mode=in-database)");
		}
		else if (decided != null && rate(tally, CopyMode.CHUNK) == 0) {
			text.append(String.format("in-database, by measurement (%,.0f rows/s on %d timed ranges; the chunk mode is"
					+ " tried below %,.0f)", rate(tally, CopyMode.IN_DATABASE), SAMPLES, CHUNK_TRIAL_BELOW));
		}
		else if (decided != null) {
			text.append(String.format("%s, by measurement (in-database %,.0f rows/s, chunk %,.0f rows/s on %d timed"
					+ " ranges each; chunk needs a %.0f%% lead)", decided.label(), rate(tally, CopyMode.IN_DATABASE),
					rate(tally, CopyMode.CHUNK), SAMPLES, (CHUNK_MARGIN - 1) * 100));
		}
		else {
			text.append("auto, too few ranges to measure (" + (SAMPLES + 1) + " needed)");
		}
		text.append(String.format("; rows: in-database %,d, chunk %,d", inDatabase, chunk));
		if (fallback > 0) {
			text.append(String.format("; %,d range(s) left to chunk mode (several side rows for one ID, or over 500 rows to quarantine)", fallback));
		}
		return text.toString();
	}

}

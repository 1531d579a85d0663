package io.obmigrate.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.obmigrate.core.MigrationTally;

/** The choice of copy mode per table: fixed by configuration, or measured on the first ranges. */
class ReportingCopyModeTest {

	/** Runs ranges of 1,000 rows, in-database ones taking {@code inDatabaseMillis}, chunk ones {@code chunkMillis}. */
	private static List<CopyMode> run(ReportingCopyMode mode, int ranges, long inDatabaseMillis, long chunkMillis) {
		List<CopyMode> modes = new ArrayList<>();
		for (int i = 0; i < ranges; i++) {
			CopyMode next = mode.next();
			modes.add(next);
			mode.record(next, 1000, (next == CopyMode.IN_DATABASE ? inDatabaseMillis : chunkMillis) * 1_000_000, false);
		}
		return modes;
	}

	@Test
	void autoAlternatesThenKeepsTheFasterMode() {
		MigrationTally tally = new MigrationTally();
		ReportingCopyMode mode = new ReportingCopyMode(CopyMode.AUTO, null, tally);
		assertThat(run(mode, 10, 10, 40)).containsExactly(CopyMode.IN_DATABASE, CopyMode.CHUNK, CopyMode.IN_DATABASE, CopyMode.CHUNK,
				CopyMode.IN_DATABASE, CopyMode.CHUNK, CopyMode.IN_DATABASE, CopyMode.IN_DATABASE, CopyMode.IN_DATABASE, CopyMode.IN_DATABASE);
		assertThat(mode.describe(tally.snapshot())).startsWith("in-database, by measurement (in-database 100,000"
				+ " rows/s, chunk 25,000 rows/s").contains("rows: in-database 7,000, chunk 3,000");

		MigrationTally other = new MigrationTally();
		assertThat(run(new ReportingCopyMode(CopyMode.AUTO, null, other), 8, 50, 20)).endsWith(CopyMode.CHUNK, CopyMode.CHUNK);
	}

	@Test
	void theChunkModeMustBeClearlyFasterToBeKept() {
		assertThat(run(new ReportingCopyMode(CopyMode.AUTO, null, new MigrationTally()), 8, 21, 20))
			.endsWith(CopyMode.IN_DATABASE, CopyMode.IN_DATABASE);
		assertThat(run(new ReportingCopyMode(CopyMode.AUTO, null, new MigrationTally()), 8, 26, 20))
			.endsWith(CopyMode.CHUNK, CopyMode.CHUNK);
	}

	@Test
	void theFirstRangeOfEachModeIsAWarmUpNotASample() {
		MigrationTally tally = new MigrationTally();
		ReportingCopyMode mode = new ReportingCopyMode(CopyMode.AUTO, null, tally);
		mode.record(mode.next(), 1000, 900_000_000L, false); // a slow first in-database range (cold cache)
		mode.record(mode.next(), 1000, 40_000_000L, false);
		run(mode, 4, 10, 40);
		assertThat(mode.next()).isEqualTo(CopyMode.IN_DATABASE);
	}

	@Test
	void aRestartKeepsTheChoiceFromTheRestoredTally() {
		MigrationTally tally = new MigrationTally();
		run(new ReportingCopyMode(CopyMode.AUTO, null, tally), 6, 40, 10);
		ReportingCopyMode restarted = new ReportingCopyMode(CopyMode.AUTO, null, new MigrationTally(tally.snapshot()));
		assertThat(restarted.next()).isEqualTo(CopyMode.CHUNK);
	}

	@Test
	void aDeclinedRangeIsCountedButNotTimed() {
		MigrationTally tally = new MigrationTally();
		ReportingCopyMode mode = new ReportingCopyMode(CopyMode.AUTO, null, tally);
		mode.record(CopyMode.CHUNK, 1000, 1_000_000_000L, true);
		assertThat(mode.next()).isEqualTo(CopyMode.IN_DATABASE);
		assertThat(tally.get("mode.chunk.rows")).isEqualTo(1000);
		assertThat(mode.describe(tally.snapshot())).contains("1 range(s) left to chunk mode");
	}

	@Test
	void configuredOrUnavailableModesAreFixed() {
		MigrationTally tally = new MigrationTally();
		assertThat(run(new ReportingCopyMode(CopyMode.CHUNK, null, tally), 3, 1, 100)).containsOnly(CopyMode.CHUNK);
		assertThat(run(new ReportingCopyMode(CopyMode.IN_DATABASE, null, new MigrationTally()), 3, 100, 1))
			.containsOnly(CopyMode.IN_DATABASE);
		ReportingCopyMode unavailable = new ReportingCopyMode(CopyMode.AUTO, "another database", tally);
		assertThat(run(unavailable, 3, 1, 100)).containsOnly(CopyMode.CHUNK);
		assertThat(unavailable.describe(tally.snapshot())).isEqualTo("chunk (in-database mode unavailable: another"
				+ " database)");
	}

}

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
	void aFastInDatabaseModeKeepsTheTableWithoutTryingTheChunkMode() {
		MigrationTally tally = new MigrationTally();
		ReportingCopyMode mode = new ReportingCopyMode(CopyMode.AUTO, null, tally);
		assertThat(run(mode, 6, 10, 40)).containsOnly(CopyMode.IN_DATABASE);
		assertThat(mode.describe(tally.snapshot())).startsWith("in-database, by measurement (100,000 rows/s on 2 timed"
				+ " ranges; the chunk mode is tried below 10,000)").contains("rows: in-database 6,000, chunk 0");
	}

	@Test
	void aSlowInDatabaseModeTriesTheChunkModeAndKeepsTheFaster() {
		MigrationTally tally = new MigrationTally();
		ReportingCopyMode mode = new ReportingCopyMode(CopyMode.AUTO, null, tally);
		// 1,000 rows in 200 ms: 5,000 rows/s, below the trial threshold
		assertThat(run(mode, 10, 200, 40)).containsExactly(CopyMode.IN_DATABASE, CopyMode.IN_DATABASE,
				CopyMode.IN_DATABASE, CopyMode.CHUNK, CopyMode.CHUNK, CopyMode.CHUNK, CopyMode.CHUNK, CopyMode.CHUNK,
				CopyMode.CHUNK, CopyMode.CHUNK);
		assertThat(mode.describe(tally.snapshot())).startsWith("chunk, by measurement (in-database 5,000 rows/s,"
				+ " chunk 25,000 rows/s");
		assertThat(run(new ReportingCopyMode(CopyMode.AUTO, null, new MigrationTally()), 8, 120, 100))
			.as("the chunk mode must be clearly faster to be kept")
			.endsWith(CopyMode.IN_DATABASE, CopyMode.IN_DATABASE);
	}

	@Test
	void theFirstRangeOfEachModeIsAWarmUpNotASample() {
		MigrationTally tally = new MigrationTally();
		ReportingCopyMode mode = new ReportingCopyMode(CopyMode.AUTO, null, tally);
		mode.record(mode.next(), 1000, 900_000_000L, false); // a slow first in-database range (cold cache)
		run(mode, 2, 10, 40);
		assertThat(mode.next()).isEqualTo(CopyMode.IN_DATABASE);
		assertThat(mode.describe(tally.snapshot())).contains("100,000 rows/s");
	}

	@Test
	void aRestartKeepsTheChoiceFromTheRestoredTally() {
		MigrationTally tally = new MigrationTally();
		run(new ReportingCopyMode(CopyMode.AUTO, null, tally), 6, 200, 10);
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

package io.obmigrate.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.obmigrate.support.ChildRun;
import io.obmigrate.support.TestDatabase;

/**
 * Acceptance 2 of the reporting job: {@code kill -9} during a run on MariaDB, then {@code restart reporting}, ends with
 * exactly the tables of an uninterrupted run on the same data, and a re-run writes nothing. The run is a separate JVM
 * in the default mode (auto: both modes are used on the first ranges), killed while it copies the invocations.
 */
class ReportingCrashRestartTest {

	private static final int REQUESTS = 12_000;

	private static final int RANGE = 500;

	@TempDir
	Path cleanHome;

	@TempDir
	Path crashHome;

	@Test
	void killMinusNineThenRestartEqualsAnUninterruptedRun() throws Exception {
		try (TestDatabase clean = TestDatabase.mariadb(); TestDatabase crashed = TestDatabase.mariadb()) {
			for (TestDatabase database : List.of(clean, crashed)) {
				database.withReporting().with("obmigrate.reporting-job.chunk-size", Integer.toString(RANGE))
					// the primary key deferred to the end, rows found by the presence index meanwhile
					.with("obmigrate.reporting-job.defer-key-above", "0");
				TestDatabase.Result generated = database.run(this.cleanHome, "generate", "--reporting-rows",
						Integer.toString(REQUESTS), "--malformed-rate", "0.05", "--seed", "7");
				assertThat(generated.exitCode()).as(generated.toString()).isZero();
			}
			TestDatabase.Result reference = clean.run(this.cleanHome, "run", "reporting");
			assertThat(reference.exitCode()).as(reference.toString()).isZero();
			List<String> expected = ReportingJobTests.targetSnapshot(new JdbcTemplate(clean.dataSource()), "__OB3");

			crashed.with("obmigrate.jobrepo.url",
					"jdbc:h2:file:" + this.crashHome.resolve("jobrepo") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
			JdbcTemplate jdbc = new JdbcTemplate(crashed.dataSource());
			long invocations = jdbc.queryForObject("SELECT COUNT(*) FROM API_INVOCATION_RAW_DATA", Long.class);
			Process child = ChildRun.start(crashed, this.crashHome, "run", "reporting");
			ChildRun.waitFor(child, invocations / 3,
					() -> jdbc.queryForObject("SELECT COUNT(*) FROM API_INVOCATION_RAW_DATA__OB3", Long.class));
			assertThat(child.isAlive()).as("the run must still be going when it is killed").isTrue();
			child.destroyForcibly().waitFor();
			// killed during the invocations or just after (a fast machine): either way mid-run, with steps left
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM AUTHORISATION_RAW_DATA__OB3", Long.class))
				.as("the last step not finished").isLessThan(
						jdbc.queryForObject("SELECT COUNT(*) FROM AUTHORISATION_RAW_DATA", Long.class));

			assertThat(crashed.run(this.crashHome, "status").out()).contains("CRASHED");
			TestDatabase.Result restarted = crashed.run(this.crashHome, "restart", "reporting");
			assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
			assertThat(restarted.out()).contains("(every row accounted for)");
			assertThat(ReportingJobTests.targetSnapshot(jdbc, "__OB3")).isEqualTo(expected);

			// the restart re-copied at most the one range that was in flight: those rows it found written
			JsonNode execution = new ObjectMapper().readTree(crashed.run(this.crashHome, "status", "--json").out())
				.get("executions")
				.get(0);
			for (JsonNode step : execution.get("steps")) {
				assertThat(step.get("present").asLong()).as(step.toString()).isLessThanOrEqualTo(RANGE);
				assertThat(step.get("balanced").asBoolean()).as(step.toString()).isTrue();
			}

			TestDatabase.Result again = crashed.run(this.crashHome, "run", "reporting");
			assertThat(again.exitCode()).as(again.toString()).isZero();
			assertThat(again.out()).containsPattern("total\\s+[\\d,]+\\s+0\\s");
			assertThat(ReportingJobTests.targetSnapshot(jdbc, "__OB3")).isEqualTo(expected);
		}
	}

}

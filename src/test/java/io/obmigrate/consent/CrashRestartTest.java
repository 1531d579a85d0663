package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.obmigrate.support.ChildRun;
import io.obmigrate.support.TargetSnapshot;
import io.obmigrate.support.TestDatabase;

/**
 * Acceptance 2: {@code kill -9} during a run on MariaDB, then {@code restart consent}, ends with exactly the rows of an
 * uninterrupted run on the same data. The run is a separate JVM, killed with SIGKILL while it writes.
 */
class CrashRestartTest {

	private static final int CONSENTS = 15_000;

	@TempDir
	Path cleanHome;

	@TempDir
	Path crashHome;

	@Test
	void killMinusNineThenRestartEqualsAnUninterruptedRun() throws Exception {
		try (TestDatabase clean = TestDatabase.mariadb(); TestDatabase crashed = TestDatabase.mariadb()) {
			for (TestDatabase database : List.of(clean, crashed)) {
				database.with("obmigrate.consent.chunk-size", "100");
				assertThat(database.run(this.cleanHome, "generate", "--consents", Integer.toString(CONSENTS), "--seed", "42")
					.exitCode()).isZero();
			}
			TestDatabase.Result reference = clean.run(this.cleanHome, "run", "consent", "--create-schema");
			assertThat(reference.exitCode()).as(reference.toString()).isZero();

			// The crashed run keeps its job repository in an H2 file, as the default installation does.
			crashed.with("obmigrate.jobrepo.url",
					"jdbc:h2:file:" + this.crashHome.resolve("jobrepo") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
			Process child = ChildRun.start(crashed, this.crashHome, "run", "consent", "--create-schema");
			long written = ChildRun.waitFor(child, CONSENTS / 5,
					() -> TargetSnapshot.count(crashed.dataSource(), "OB_CONSENT"));
			assertThat(child.isAlive()).as("the run must still be going when it is killed").isTrue();
			child.destroyForcibly().waitFor();
			long atKill = TargetSnapshot.count(crashed.dataSource(), "OB_CONSENT");
			assertThat(atKill).isBetween(written, (long) CONSENTS - 1);

			TestDatabase.Result status = crashed.run(this.crashHome, "status");
			assertThat(status.out()).contains("CRASHED");
			assertThat(crashed.run(this.crashHome, "run", "consent").exitCode()).isEqualTo(3);
			TestDatabase.Result restarted = crashed.run(this.crashHome, "restart", "consent");
			assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
			assertThat(restarted.out()).contains("(every row accounted for)").containsPattern("total\\s+15,000");
			assertThat(TargetSnapshot.of(crashed.dataSource())).isEqualTo(TargetSnapshot.of(clean.dataSource()));

			// The restart re-processed at most one chunk per partition: the consents it found already written.
			JsonNode execution = new ObjectMapper().readTree(crashed.run(this.crashHome, "status", "--json").out())
				.get("executions")
				.get(0);
			for (JsonNode step : execution.get("steps")) {
				// the last step (consent.tables) has none
				for (JsonNode partition : step.path("partitions")) {
					assertThat(partition.get("present").asLong()).as(partition.toString()).isLessThanOrEqualTo(100);
				}
			}
		}
	}

}

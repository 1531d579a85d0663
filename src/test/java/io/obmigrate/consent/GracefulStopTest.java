package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.obmigrate.support.ChildRun;
import io.obmigrate.support.TargetSnapshot;
import io.obmigrate.support.TestDatabase;

/**
 * SIGTERM during a run (what Kubernetes sends a pod it deletes, and what Ctrl-C's SIGINT does alike): the run stops
 * at the next chunk boundary, prints its summary and exits 3 with the execution STOPPED; {@code restart} then ends
 * with exactly the rows of an uninterrupted run. The run is a separate JVM, sent a real SIGTERM while it writes.
 */
class GracefulStopTest {

	private static final int CONSENTS = 15_000;

	@TempDir
	Path cleanHome;

	@TempDir
	Path stoppedHome;

	@Test
	void sigtermStopsAtAChunkBoundaryWithSummaryAndExit3ThenRestartEqualsACleanRun() throws Exception {
		try (TestDatabase clean = TestDatabase.mariadb(); TestDatabase stopped = TestDatabase.mariadb()) {
			for (TestDatabase database : List.of(clean, stopped)) {
				database.with("obmigrate.consent.chunk-size", "100");
				assertThat(database.run(this.cleanHome, "generate", "--consents", Integer.toString(CONSENTS), "--seed", "7")
					.exitCode()).isZero();
			}
			TestDatabase.Result reference = clean.run(this.cleanHome, "run", "consent", "--create-schema");
			assertThat(reference.exitCode()).as(reference.toString()).isZero();

			stopped.with("obmigrate.jobrepo.url",
					"jdbc:h2:file:" + this.stoppedHome.resolve("jobrepo") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
			Process child = ChildRun.start(stopped, this.stoppedHome, "run", "consent", "--create-schema");
			ChildRun.waitFor(child, CONSENTS / 5, () -> TargetSnapshot.count(stopped.dataSource(), "OB_CONSENT"));
			assertThat(child.isAlive()).as("the run must still be going when it is signalled").isTrue();
			child.destroy(); // SIGTERM
			assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the run ends after SIGTERM").isTrue();
			String log = Files.readString(this.stoppedHome.resolve("child.log"));
			assertThat(child.exitValue()).as(log).isEqualTo(3);
			assertThat(log).contains("SIGTERM received").contains("STOPPED").contains("every row accounted for");
			assertThat(TargetSnapshot.count(stopped.dataSource(), "OB_CONSENT")).isLessThan(CONSENTS);

			TestDatabase.Result status = stopped.run(this.stoppedHome, "status");
			assertThat(status.out()).as(status.toString()).contains("STOPPED");
			TestDatabase.Result restarted = stopped.run(this.stoppedHome, "restart", "consent");
			assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
			assertThat(restarted.out()).contains("(every row accounted for)");
			assertThat(TargetSnapshot.of(stopped.dataSource())).isEqualTo(TargetSnapshot.of(clean.dataSource()));
		}
	}

}

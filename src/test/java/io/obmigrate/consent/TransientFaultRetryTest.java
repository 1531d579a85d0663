package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.support.TargetSnapshot;
import io.obmigrate.support.TestDatabase;

/**
 * Every connection of a running consent job killed on the database server (a failover, a DBA's KILL, a network cut):
 * the chunks in flight fail on a transient fault, the run names the database and resumes itself from its last
 * committed chunks after a pause, and ends with exactly the rows of an uninterrupted run, exit 0.
 */
class TransientFaultRetryTest {

	private static final int CONSENTS = 12_000;

	@TempDir
	Path home;

	@Test
	void killedConnectionsAreResumedFromTheLastCommittedChunk() throws Exception {
		try (TestDatabase clean = TestDatabase.mariadb(); TestDatabase faulted = TestDatabase.mariadb()) {
			for (TestDatabase database : List.of(clean, faulted)) {
				database.with("obmigrate.consent.chunk-size", "100").with("obmigrate.retry.backoff", "1s");
				assertThat(database.run(this.home, "generate", "--consents", Integer.toString(CONSENTS), "--seed", "9")
					.exitCode()).isZero();
			}
			assertThat(clean.run(this.home, "run", "consent", "--create-schema").exitCode()).isZero();

			JdbcTemplate root = new JdbcTemplate(faulted.dataSource());
			String name = root.queryForObject("SELECT DATABASE()", String.class);
			CompletableFuture<TestDatabase.Result> run = CompletableFuture
				.supplyAsync(() -> faulted.run(this.home, "run", "consent", "--create-schema"));
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
			int killed = 0;
			while (killed == 0 && System.nanoTime() < deadline && !run.isDone()) {
				long written;
				try {
					written = TargetSnapshot.count(faulted.dataSource(), "OB_CONSENT");
				}
				catch (RuntimeException notYet) {
					written = 0;
				}
				if (written >= CONSENTS / 5) {
					for (Long id : root.queryForList("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID"
							+ " <> CONNECTION_ID()", Long.class, name)) {
						try {
							root.execute("KILL CONNECTION " + id);
							killed++;
						}
						catch (RuntimeException gone) {
							// ended in the meantime
						}
					}
				}
				Thread.sleep(20);
			}
			assertThat(killed).as("connections killed while the run wrote").isPositive();
			TestDatabase.Result result = run.get(3, TimeUnit.MINUTES);
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.err()).contains("failed on a transient fault").contains("Resuming it from its last committed chunk")
				.containsPattern("The obmigrate\\.(ob|ob-target) database \\(jdbc:mysql://[^)]* as root\\) failed");
			assertThat(result.out()).contains("(every row accounted for)");
			assertThat(TargetSnapshot.of(faulted.dataSource())).isEqualTo(TargetSnapshot.of(clean.dataSource()));
		}
	}

}

package io.obmigrate.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.obmigrate.support.ChildRun;
import io.obmigrate.support.TargetSnapshot;
import io.obmigrate.support.TestDatabase;

/**
 * {@code rollback consent} in its own JVM, killed with SIGKILL part-way: the target holds whole consents only, and
 * running the rollback again ends exactly where an uninterrupted one does, at the pre-migration tables.
 */
class RollbackCrashRestartTest {

	@TempDir
	Path home;

	@Test
	void killedRollbackRunsAgainToTheSameEnd() throws Exception {
		String jobRepository = "jdbc:h2:file:" + this.home.resolve("jobrepo") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
		try (TestDatabase database = TestDatabase.mariadb().with("obmigrate.jobrepo.url", jobRepository)) {
			database.with("obmigrate.rehearsal.allowed-targets", Pattern.quote(database.url()));
			assertThat(database.run(this.home, "generate", "--consents", "6000", "--seed", "17").exitCode()).isZero();
			assertThat(database.run(this.home, "check", "--fix").exitCode()).isIn(0, 4);
			Map<String, List<String>> before = TargetSnapshot.of(database.dataSource());
			assertThat(database.run(this.home, "run", "consent").exitCode()).isZero();
			long migrated = TargetSnapshot.count(database.dataSource(), "OB_CONSENT");

			Process child = ChildRun.start(database, this.home, "rollback", "consent");
			ChildRun.waitFor(child, 1000, () -> migrated - TargetSnapshot.count(database.dataSource(), "OB_CONSENT"));
			child.destroyForcibly();
			assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
			long left = TargetSnapshot.count(database.dataSource(), "OB_CONSENT");
			assertThat(left).as("killed part-way").isBetween(1L, migrated - 1000);
			// whole consents only: every remaining consent still has its creation audit
			assertThat(TargetSnapshot.count(database.dataSource(), "OB_CONSENT_STATUS_AUDIT")).isGreaterThanOrEqualTo(left);

			TestDatabase.Result again = database.run(this.home, "rollback", "consent");
			assertThat(again.exitCode()).as(again.toString()).isZero();
			assertThat(TargetSnapshot.of(database.dataSource())).isEqualTo(before);
		}
	}

}

package io.obmigrate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.obmigrate.support.ChildRun;
import io.obmigrate.support.TestDatabase;

/**
 * verify in its own JVM, killed with SIGKILL and then stopped with SIGTERM part-way: {@code restart verify} finishes
 * each run with every difference recorded exactly once, as an uninterrupted run records them.
 */
class VerifyCrashRestartTest {

	private static final int CONSENTS = 4000;

	private static final int CORRUPTED = 40;

	@TempDir
	Path home;

	@Test
	void killedOrStoppedVerifyRestartsToTheSameDifferences() throws Exception {
		String jobRepository = "jdbc:h2:file:" + this.home.resolve("jobrepo") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
		try (TestDatabase database = TestDatabase.mariadb()
			.with("obmigrate.jobrepo.url", jobRepository)
			.with("obmigrate.verify.page-size", "2")
			.with("obmigrate.verify.partitions", "2")) {
			assertThat(database.run(this.home, "generate", "--consents", Integer.toString(CONSENTS), "--seed", "13")
				.exitCode()).isZero();
			assertThat(database.run(this.home, "run", "consent", "--create-schema").exitCode()).isZero();
			JdbcTemplate target = new JdbcTemplate(database.dataSource());
			List<String> ids = target.queryForList("SELECT CONSENT_ID FROM OB_CONSENT ORDER BY CONSENT_ID", String.class);
			int step = ids.size() / CORRUPTED;
			for (int i = 0; i < CORRUPTED; i++) {
				target.update("UPDATE OB_CONSENT SET CLIENT_ID = 'tampered' WHERE CONSENT_ID = ?", ids.get(i * step));
			}
			JdbcTemplate repository = new JdbcTemplate(new DriverManagerDataSource(jobRepository, "sa", ""));

			for (boolean kill : new boolean[] { true, false }) {
				Long before = repository.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
				Process child = ChildRun.start(database, this.home, "run", "verify", "--jobs", "consent");
				// pages verified by the child's own execution (not an earlier one)
				ChildRun.waitFor(child, 15, () -> {
					Long pages = repository.queryForObject("SELECT COALESCE(SUM(READ_COUNT), 0) FROM"
							+ " BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'verify.consent:%' AND JOB_EXECUTION_ID > ?",
							Long.class, before);
					return pages == null ? 0 : pages;
				});
				if (kill) {
					child.destroyForcibly();
				}
				else {
					child.destroy();
				}
				assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
				assertThat(child.exitValue()).as(Files.readString(this.home.resolve("child.log")))
					.isEqualTo(kill ? 137 : 3);
				TestDatabase.Result restarted = database.run(this.home, "restart", "verify");
				assertThat(restarted.exitCode()).as(restarted.toString()).isEqualTo(5);
				assertThat(restarted.out()).contains(CORRUPTED + " differences")
					.containsPattern("consent +OB_CONSENT +mismatched +\\d+ +" + CORRUPTED + " ");
				String instance = repository.queryForObject("SELECT MAX(JOB_INSTANCE_ID) FROM BATCH_JOB_INSTANCE WHERE"
						+ " JOB_NAME = 'verify'", String.class);
				assertThat(repository.queryForObject("SELECT COUNT(*) FROM OBMIGRATE_VERIFY_FAILURE WHERE"
						+ " JOB_INSTANCE_ID = " + instance, Integer.class)).isEqualTo(CORRUPTED);
				assertThat(repository.queryForObject("SELECT COUNT(DISTINCT SUBJECT) FROM OBMIGRATE_VERIFY_FAILURE WHERE"
						+ " JOB_INSTANCE_ID = " + instance, Integer.class)).isEqualTo(CORRUPTED);
			}
		}
	}

}

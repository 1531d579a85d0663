package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.support.ChildRun;
import io.obmigrate.support.TestDatabase;

/**
 * A run killed ({@code kill -9}) during its last step, after every consent was written and while it adds the foreign
 * keys (PostgreSQL), is restarted into that step alone: `restart` adds what is missing and re-runs none of the
 * types' steps. The run is a separate JVM; a lock this test holds on one table keeps the step waiting until the kill.
 */
class EndStepRestartTest {

	private static final Set<String> KEYS = Set.of("FK_ID_OB_CONSENT_AUTH_RESOURCE", "FK_OB_CONSENT_MAPPING",
			"FK_OB_CONSENT_STATUS_AUDIT", "FK_OB_CONSENT_FILE", "FK_OB_CONSENT_ATTRIBUTE");

	@TempDir
	Path home;

	@Test
	void aRunKilledInItsLastStepIsRestartedIntoIt() throws Exception {
		try (TestDatabase database = TestDatabase.postgres()) {
			assertThat(database.run(this.home, "generate", "--consents", "300", "--seed", "7").exitCode()).isZero();
			// the OB 3.0 tables, created as a run creates them on PostgreSQL: without their foreign keys
			assertThat(database.run(this.home, "check", "--fix").exitCode()).isZero();
			String jobRepositoryUrl = "jdbc:h2:file:" + this.home.resolve("jobrepo") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
			database.with("obmigrate.jobrepo.url", jobRepositoryUrl);
			JdbcTemplate jobRepository = new JdbcTemplate(
					new org.springframework.jdbc.datasource.DriverManagerDataSource(jobRepositoryUrl, "sa", ""));
			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			Process child;
			try (Connection lock = database.dataSource().getConnection()) {
				lock.setAutoCommit(false);
				try (Statement statement = lock.createStatement()) {
					// rows may be written meanwhile (ROW EXCLUSIVE does not conflict), a key may not be added
					statement.execute("LOCK TABLE OB_CONSENT_ATTRIBUTE IN SHARE UPDATE EXCLUSIVE MODE");
				}
				child = ChildRun.start(database, this.home, "run", "consent");
				waitUntil(child, () -> !jdbc.queryForList("SELECT l.pid FROM pg_locks l WHERE NOT l.granted AND"
						+ " l.relation = 'ob_consent_attribute'::regclass", Integer.class).isEmpty());
				assertThat(jobRepository.queryForList("SELECT STATUS FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = '"
						+ ConsentJobConfiguration.END_STEP + "'", String.class)).as("waiting in the last step")
					.containsExactly("STARTED");
				child.destroyForcibly().waitFor();
				// the killed run's statement would still run once the lock is gone: end it as the server would in time
				jdbc.queryForList("SELECT pg_terminate_backend(l.pid) FROM pg_locks l WHERE NOT l.granted AND"
						+ " l.relation = 'ob_consent_attribute'::regclass", Boolean.class);
				lock.rollback();
			}
			Set<String> added = foreignKeys(jdbc);
			assertThat(added).as("the keys before the locked table's were declared").hasSize(4).doesNotContain(
					"FK_OB_CONSENT_ATTRIBUTE");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM OB_CONSENT", Long.class)).isPositive();

			assertThat(database.run(this.home, "status").out()).contains("CRASHED");
			TestDatabase.Result restarted = database.run(this.home, "restart", "consent");
			assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
			assertThat(foreignKeys(jdbc)).isEqualTo(KEYS);
			assertThat(jdbc.queryForList("SELECT upper(conname) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated",
					String.class)).as("the keys the killed run declared are checked by the restart").isEmpty();
			assertThat(restarted.out()).contains("(every row accounted for)").containsPattern("total\\s+300");
			List<String> rerun = jobRepository.queryForList("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE"
					+ " JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)", String.class);
			assertThat(rerun).as("the restart ran the last step only").containsExactly(ConsentJobConfiguration.END_STEP);
		}
	}

	private static Set<String> foreignKeys(JdbcTemplate jdbc) {
		return new TreeSet<>(jdbc.queryForList("SELECT upper(conname) FROM pg_constraint WHERE contype = 'f' AND"
				+ " conrelid::regclass::text LIKE 'ob_consent%'", String.class));
	}

	private static void waitUntil(Process child, java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			assertThat(child.isAlive()).as("the run ended before it was killed").isTrue();
			if (condition.getAsBoolean()) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("the run did not reach its last step in time");
	}

}

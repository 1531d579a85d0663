package io.obmigrate.dcr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.Dialect;
import io.obmigrate.support.ChildRun;
import io.obmigrate.support.DcrFixture;
import io.obmigrate.support.TestDatabase;

/**
 * The small version of {@code bench/crash-trials.sh --job dcr}: the dcr job in its own JVM, killed with SIGKILL and,
 * on a second copy, stopped with SIGTERM while it changes service providers; {@code restart dcr} then leaves every
 * Identity Server row exactly as an uninterrupted run does.
 */
class DcrCrashRestartTest {

	private static final int REGISTRATIONS = 1500;

	@TempDir
	Path home;

	@Test
	void killedOrStoppedMidRunThenRestartedEqualsAnUninterruptedRun() throws Exception {
		try (TestDatabase clean = prepared(); TestDatabase killed = prepared(); TestDatabase stopped = prepared()) {
			TestDatabase.Result reference = clean.run(this.home.resolve("clean"), "run", "dcr");
			assertThat(reference.exitCode()).as(reference.toString()).isZero();
			List<String> expected = DcrFixture.snapshot(clean.dataSource(), Dialect.MYSQL);
			for (TestDatabase interrupted : List.of(killed, stopped)) {
				Path home = this.home.resolve(interrupted == killed ? "killed" : "stopped");
				Files.createDirectories(home);
				interrupted.with("obmigrate.jobrepo.url",
						"jdbc:h2:file:" + home.resolve("jobrepo") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
				Process child = ChildRun.start(interrupted, home, "run", "dcr");
				JdbcTemplate jdbc = new JdbcTemplate(interrupted.dataSource());
				ChildRun.waitFor(child, REGISTRATIONS / 5,
						() -> jdbc.queryForObject("SELECT COUNT(DISTINCT SP_ID) FROM OBMIGRATE_SP_JOURNAL", Long.class));
				if (interrupted == killed) {
					child.destroyForcibly();
				}
				else {
					child.destroy();
				}
				assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
				assertThat(child.exitValue()).as(Files.readString(home.resolve("child.log")))
					.isEqualTo(interrupted == killed ? 137 : 3);
				TestDatabase.Result restarted = interrupted.run(home, "restart", "dcr");
				assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
				assertThat(restarted.out()).contains("(every row accounted for)");
				assertThat(DcrFixture.snapshot(interrupted.dataSource(), Dialect.MYSQL)).isEqualTo(expected);
			}
		}
	}

	private TestDatabase prepared() throws Exception {
		Path script = Files.createTempFile(this.home, "script", ".js");
		Files.writeString(script, DcrFixture.OLD_SCRIPT);
		TestDatabase database = DcrJobTests.configure(TestDatabase.mariadb(), script).with("obmigrate.dcr.chunk-size", "10");
		TestDatabase.Result generated = database.run(this.home, "generate", "--dcr-registrations",
				Integer.toString(REGISTRATIONS), "--seed", "11", "--malformed-rate", "0.01");
		assertThat(generated.exitCode()).as(generated.toString()).isZero();
		new JdbcTemplate(database.dataSource()).execute(IdentitySchema.widenValueStatement(Dialect.MYSQL));
		return database;
	}

}

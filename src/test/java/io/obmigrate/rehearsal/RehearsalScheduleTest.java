package io.obmigrate.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.obmigrate.support.TestDatabase;

/** {@code rehearse --schedule}: one rehearsal at each time of the cron expression, one at a time, in this process. */
class RehearsalScheduleTest {

	@TempDir
	Path home;

	@Test
	void aScheduleRunsOneRehearsalAtEachTime() {
		try (TestDatabase database = TestDatabase.h2()) {
			assertThat(database.run(this.home, "generate", "--consents", "120", "--seed", "3").exitCode()).isZero();
			TestDatabase.Result badCron = database.run(this.home, "rehearse", "--schedule", "every night");
			assertThat(badCron.exitCode()).as(badCron.toString()).isEqualTo(2);
			assertThat(badCron.err()).contains("is not a cron expression").contains("'0 1 * * *'");

			database.with("obmigrate.rehearsal.allowed-targets", Pattern.quote(database.url()));
			TestDatabase.Result scheduled = database.run(this.home, "rehearse", "--schedule", "*/2 * * * * *", "--count",
					"2");
			assertThat(scheduled.exitCode()).as(scheduled.toString()).isZero();
			assertThat(scheduled.out()).contains("next rehearsal at").contains("Rehearsal 1 COMPLETED")
				.contains("Rehearsal 2 COMPLETED");
			TestDatabase.Result listed = database.run(this.home, "rehearsals");
			assertThat(listed.out()).containsPattern("(?m)^1 .* COMPLETED").containsPattern("(?m)^2 .* COMPLETED");
		}
	}

}

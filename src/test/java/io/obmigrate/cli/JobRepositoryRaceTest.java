package io.obmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.obmigrate.support.ChildRun;
import io.obmigrate.support.TestDatabase;

/**
 * Three commands opening a new embedded job repository at the same moment (a scheduler starting `status` and
 * `run` together) all get in: the one that loses the race for H2's lock file asks again instead of failing.
 */
class JobRepositoryRaceTest {

	@TempDir
	Path home;

	@Test
	void simultaneousFirstOpensOfTheEmbeddedJobRepositoryAllSucceed() throws Exception {
		try (TestDatabase database = TestDatabase.h2()) {
			for (int attempt = 0; attempt < 3; attempt++) {
				// the embedded default: an H2 file with its own server, shared by every command
				database.with("obmigrate.jobrepo.url", "jdbc:h2:file:" + this.home.resolve("repo" + attempt + "/jobrepo")
						+ ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0");
				java.util.List<Process> commands = new java.util.ArrayList<>();
				java.util.List<Path> homes = new java.util.ArrayList<>();
				for (int i = 0; i < 3; i++) {
					homes.add(Files.createDirectories(this.home.resolve("c" + attempt + "-" + i)));
					commands.add(ChildRun.start(database, homes.get(i), "status"));
				}
				for (int i = 0; i < commands.size(); i++) {
					assertThat(commands.get(i).waitFor(2, TimeUnit.MINUTES)).isTrue();
					assertThat(commands.get(i).exitValue()).as(Files.readString(homes.get(i).resolve("child.log")))
						.isZero();
				}
			}
		}
	}

}

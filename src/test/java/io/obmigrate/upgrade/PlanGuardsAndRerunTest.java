package io.obmigrate.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.support.TestDatabase;

/**
 * Through the CLI on H2: a step disabled by its variable, a step an index marker skips, a half-migrated schema refused
 * until it is put right, a refuse-if on a file, and `run upgrade --rerun` running a done step again.
 */
class PlanGuardsAndRerunTest {

	@TempDir
	Path dir;

	@Test
	void disabledSkippedHalfAppliedRefusedAndRerun() throws Exception {
		try (TestDatabase db = TestDatabase.h2()) {
			Path home = this.dir.resolve("home");
			db.with("obmigrate.datasources.am.url", db.url())
				.with("obmigrate.datasources.am.username", "sa")
				.with("obmigrate.datasources.am.password", "");
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE AM_API (API_UUID VARCHAR(36))");
			jdbc.execute("ALTER TABLE AM_API ADD CONSTRAINT API_UUID_CONSTRAINT UNIQUE (API_UUID)");
			jdbc.execute("CREATE TABLE MARKER_A (ID INT)");
			Files.writeString(this.dir.resolve("never.sql"), "DROP TABLE AM_API;\n");
			Files.writeString(this.dir.resolve("marker"), "a leftover of an earlier attempt");
			Path plan = this.dir.resolve("plan.yaml");
			Files.writeString(plan, """
					plan: guards
					steps:
					  - id: off
					    kind: sql-script
					    enabled: ${VERSIONING}
					    datasource: am
					    file: never.sql
					  - id: constraint
					    kind: sql-script
					    datasource: am
					    file: never.sql
					    guard:
					      skip-if:
					        - index-exists: AM_API.API_UUID_CONSTRAINT
					          datasource: am
					  - id: half
					    kind: command
					    run: sh -c 'echo ran >> half.out'
					    guard:
					      datasource: am
					      skip-if:
					        - table-exists: MARKER_A
					        - table-exists: MARKER_B
					  - id: refused
					    kind: command
					    run: sh -c 'echo ran >> refused.out'
					    guard:
					      refuse-if:
					        - file-exists: marker
					""");
			Path vars = this.dir.resolve("vars.yaml");
			Files.writeString(vars, "VERSIONING: \"false\"\n");

			TestDatabase.Result half = db.run(home, "run", "upgrade", "--plan", plan.toString(), "--vars", vars.toString());
			assertThat(half.exitCode()).as(half.toString()).isEqualTo(1);
			assertThat(half.out()).contains("[guard-half-applied]").contains("not yet: table MARKER_B exists in am");
			assertThat(this.dir.resolve("half.out")).doesNotExist();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM AM_API", Integer.class)).as("never.sql never ran")
				.isZero();

			jdbc.execute("CREATE TABLE MARKER_B (ID INT)"); // the schema put right: the step's work is in place
			TestDatabase.Result refused = db.run(home, "restart", "upgrade");
			assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
			assertThat(refused.out()).contains("[guard-refused]").contains("file marker exists");

			Files.delete(this.dir.resolve("marker"));
			TestDatabase.Result done = db.run(home, "restart", "upgrade");
			assertThat(done.exitCode()).as(done.toString()).isZero();
			assertThat(done.out()).contains("4 steps: 3 skipped, 1 done");
			assertThat(this.dir.resolve("refused.out")).hasContent("ran");

			TestDatabase.Result again = db.run(home, "run", "upgrade", "--plan", plan.toString(), "--vars",
					vars.toString(), "--rerun", "refused");
			assertThat(again.exitCode()).as(again.toString()).isZero();
			assertThat(Files.readAllLines(this.dir.resolve("refused.out"))).containsExactly("ran", "ran");

			TestDatabase.Result unknown = db.run(home, "run", "upgrade", "--plan", plan.toString(), "--vars",
					vars.toString(), "--rerun", "nope");
			assertThat(unknown.exitCode()).isEqualTo(2);
			assertThat(unknown.err()).contains("--rerun nope").contains("no step of that id");
		}
	}

}

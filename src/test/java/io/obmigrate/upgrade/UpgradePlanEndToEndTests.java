package io.obmigrate.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.support.TestDatabase;

/**
 * A whole plan through the CLI against a real database: a manual gate (exit 3), confirm, a SQL script that fails at
 * its third statement and resumes there after the fix (the first two never run again), a server whose migration client
 * lies (an ERROR before its success line: exit 1) and passes once fixed, obmigrate's consent job as a step, a TOML edit,
 * a step its guard skips; then a second run of the completed plan re-runs nothing.
 */
abstract class UpgradePlanEndToEndTests {

	@TempDir
	Path dir;

	abstract TestDatabase database();

	private String plan(Path home) {
		return """
				plan: e2e
				steps:
				  - id: backup
				    kind: manual
				    phase: "Phase 0: Before the upgrade"
				    instructions: |
				      Take a backup of every database.
				      Then confirm.
				  - id: am-db-scripts
				    kind: sql-script
				    phase: "Phase 1: API Manager"
				    datasource: am
				    file: ${SCRIPTS}/am.sql
				    guard:
				      datasource: am
				      skip-if:
				        - table-exists: AM_KEY_MANAGER
				        - column-exists: AM_KEY_MANAGER.KM_TYPE
				  - id: already-there
				    kind: sql-script
				    datasource: am
				    file: ${SCRIPTS}/am.sql
				    guard:
				      skip-if:
				        - table-exists: AM_ALREADY_THERE
				          datasource: am
				  - id: is-migrate
				    kind: server-run
				    phase: "Phase 2: Identity Server"
				    home: ${IS_HOME}
				    start: sh bin/wso2server.sh -Dmigrate -Dcomponent=identity
				    log: repository/logs/wso2carbon.log
				    success: ["Execution was done through all the requested version list", "WSO2 Carbon started in"]
				    failure: ["ERROR \\\\{org\\\\.wso2\\\\.carbon\\\\.is\\\\.migration", "Migration process was stopped"]
				    timeout: 1m
				    stop-grace: 3s
				  - id: consent
				    kind: job
				    phase: "Phase 3: Open Banking data"
				    job: consent
				    create-schema: true
				  - id: verify
				    kind: job
				    phase: "Phase 3: Open Banking data"
				    job: verify
				    jobs: consent
				  - id: scopes
				    kind: file
				    phase: "Phase 4: After the upgrade"
				    action: toml-set
				    path: ${IS_HOME}/deployment.toml
				    table: oauth
				    key: allowed_scopes
				    value: ["consent.*", "OB_.*"]
				""";
	}

	@Test
	void manualGateFailingScriptLyingServerThenAllDoneAndASecondRunRerunsNothing() throws Exception {
		try (TestDatabase db = database()) {
			Path home = this.dir.resolve("home");
			Path is = this.dir.resolve("is");
			try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
				fixture.carbonHome("is", "lying");
			}
			Files.writeString(is.resolve("deployment.toml"), "[oauth]\ntoken_renewal = true\n");
			Path scripts = Files.createDirectories(this.dir.resolve("scripts"));
			Files.writeString(scripts.resolve("am.sql"), """
					-- the AM DB changes of one release
					CREATE TABLE AM_KEY_MANAGER (ID INT NOT NULL, NAME VARCHAR(100));
					INSERT INTO AM_KEY_MANAGER (ID, NAME) VALUES (1, 'Resident Key Manager');
					INSERT INTO AM_GW_ENVIRONMENT (ID, NAME) VALUES (1, 'Production and Sandbox');
					ALTER TABLE AM_KEY_MANAGER ADD KM_TYPE VARCHAR(45);
					""", StandardCharsets.UTF_8);
			Path planFile = this.dir.resolve("plan.yaml");
			Files.writeString(planFile, plan(is));
			Path vars = this.dir.resolve("vars.yaml");
			Files.writeString(vars, "IS_HOME: " + is + "\nSCRIPTS: " + scripts + "\n");
			db.with("obmigrate.datasources.am.url", db.url())
				.with("obmigrate.datasources.am.username", db.kind().equals("postgresql") ? "postgres" : "root")
				.with("obmigrate.datasources.am.password", "");
			JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
			jdbc.execute("CREATE TABLE AM_ALREADY_THERE (ID INT)");
			assertThat(db.run(home, "generate", "--consents", "40", "--seed", "3").exitCode()).isZero();

			TestDatabase.Result first = db.run(home, "run", "upgrade", "--plan", planFile.toString(), "--vars",
					vars.toString());
			assertThat(first.exitCode()).as(first.toString()).isEqualTo(3);
			assertThat(first.out()).contains("waiting for confirmation").contains("obmigrate confirm backup");

			TestDatabase.Result confirm = db.run(home, "confirm", "backup", "--by", "dba on duty");
			assertThat(confirm.exitCode()).as(confirm.toString()).isZero();
			assertThat(confirm.out()).contains("confirmed by dba on duty");

			TestDatabase.Result scriptFails = db.run(home, "restart", "upgrade");
			assertThat(scriptFails.exitCode()).as(scriptFails.toString()).isEqualTo(1);
			assertThat(scriptFails.out()).contains("[statement-failed]").contains("statement 3 of 4");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM AM_KEY_MANAGER", Integer.class)).isEqualTo(1);

			jdbc.execute("CREATE TABLE AM_GW_ENVIRONMENT (ID INT, NAME VARCHAR(100))"); // the fix
			TestDatabase.Result serverLies = db.run(home, "restart", "upgrade");
			assertThat(serverLies.exitCode()).as(serverLies.toString()).isEqualTo(1);
			assertThat(serverLies.out()).contains("[server-failure-phrase]")
				.contains("Error occurred while executing SQL script");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM AM_KEY_MANAGER", Integer.class))
				.as("statements 1 and 2 are not run again").isEqualTo(1);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM AM_GW_ENVIRONMENT", Integer.class)).isEqualTo(1);

			UpgradeFixture.mode(is, "ok"); // the fix
			TestDatabase.Result done = db.run(home, "restart", "upgrade");
			assertThat(done.exitCode()).as(done.toString()).isZero();
			assertThat(done.out()).contains("7 steps: 6 done, 1 skipped");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM OB_CONSENT", Integer.class)).isPositive();
			assertThat(Files.readString(is.resolve("deployment.toml"))).contains("allowed_scopes = [\"consent.*\", \"OB_.*\"]");
			long serverStarts = Files.readString(is.resolve("repository/logs/wso2carbon.log"))
				.lines()
				.filter(line -> line.contains("Starting WSO2 Carbon"))
				.count();

			TestDatabase.Result again = db.run(home, "run", "upgrade", "--plan", planFile.toString(), "--vars",
					vars.toString());
			assertThat(again.exitCode()).as(again.toString()).isZero();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM AM_KEY_MANAGER", Integer.class)).isEqualTo(1);
			assertThat(Files.readString(is.resolve("repository/logs/wso2carbon.log"))
				.lines()
				.filter(line -> line.contains("Starting WSO2 Carbon"))
				.count()).as("the server is not started again").isEqualTo(serverStarts);

			TestDatabase.Result plan = db.run(home, "plan", "--plan", planFile.toString(), "--vars", vars.toString(),
					"--json");
			assertThat(plan.exitCode()).isZero();
			assertThat(plan.out()).contains("\"done\" : 6").contains("\"skipped\" : 1");
			TestDatabase.Result status = db.run(home, "status");
			assertThat(status.out()).contains("upgrade").contains("is-migrate").contains("COMPLETED");

			// a consent changed after the migration: the plan's verify step fails with the difference named
			jdbc.update("UPDATE OB_CONSENT SET CURRENT_STATUS = 'tampered' WHERE CONSENT_ID = (SELECT MIN(CONSENT_ID)"
					+ " FROM OB_CONSENT)");
			TestDatabase.Result differs = db.run(home, "run", "upgrade", "--plan", planFile.toString(), "--vars",
					vars.toString(), "--rerun", "verify");
			assertThat(differs.exitCode()).as(differs.toString()).isEqualTo(1);
			assertThat(differs.out()).contains("[job-verify-mismatch]").contains("1 differences");
		}
	}

}

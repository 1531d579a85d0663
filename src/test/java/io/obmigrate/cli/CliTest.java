package io.obmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.obmigrate.support.TestDatabase;

/** The command line as a scheduler sees it: exit codes, help, one-paragraph errors, and the JSON of status. */
class CliTest {

	@TempDir
	Path home;

	private record Run(int code, String out, String err) {
	}

	private Run cli(Map<String, String> properties, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = ObmigrateCli.execute(properties, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), args);
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private Map<String, String> jobRepositoryOnly() {
		return Map.of("obmigrate.home", this.home.toString(), "obmigrate.jobrepo.url",
				"jdbc:h2:mem:cli-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "obmigrate.jobrepo.username", "sa");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "check", "run", "restart", "stop", "abandon", "status", "generate", "demo",
			"reporting-cutover", "reporting-cleanup" })
	void everyCommandHasHelp(String command) {
		Run run = command.isEmpty() ? cli(Map.of(), "--help") : cli(Map.of(), command, "--help");
		assertThat(run.code()).isZero();
		assertThat(run.out()).contains("Usage: obmigrate");
	}

	@Test
	void rootHelpListsCommandsAndExitCodes() {
		Run run = cli(Map.of(), "--help");
		assertThat(run.out()).contains("run", "restart", "status", "generate", "demo")
			.contains("4 pre-flight blockers");
	}

	@Test
	void unknownCommandOrOptionIsAUsageError() {
		assertThat(cli(Map.of(), "migrate-everything").code()).isEqualTo(2);
		Run badOption = cli(Map.of(), "run", "consent", "--fast");
		assertThat(badOption.code()).isEqualTo(2);
		assertThat(badOption.err()).contains("Unknown option").contains("--help");
	}

	@Test
	void unknownJobIsAUsageError() {
		Run run = cli(jobRepositoryOnly(), "run", "reports");
		assertThat(run.code()).isEqualTo(2);
		assertThat(run.err()).contains("Unknown job 'reports'").contains("consent");
	}

	@Test
	void missingDatabaseConfigurationNamesTheVariables() {
		Run run = cli(jobRepositoryOnly(), "run", "consent");
		assertThat(run.code()).isEqualTo(2);
		assertThat(run.err()).contains("OBMIGRATE_OB_URL").doesNotContain("Exception");
	}

	@Test
	void statusOfAnUnknownExecutionIsAUsageError() {
		Run run = cli(jobRepositoryOnly(), "status", "--execution", "999");
		assertThat(run.code()).isEqualTo(2);
		assertThat(run.err()).contains("There is no execution 999");
		for (String command : new String[] { "stop", "abandon", "restart" }) {
			Run other = cli(jobRepositoryOnly(), command, "--execution", "999");
			assertThat(other.code()).as(command).isEqualTo(2);
			assertThat(other.err()).as(command).contains("There is no execution 999");
		}
	}

	@Test
	void missingConfigFileIsAUsageError() {
		Run run = cli(Map.of(), "--config", this.home.resolve("nope.yml").toString(), "status");
		assertThat(run.code()).isEqualTo(2);
		assertThat(run.err()).contains("nope.yml").contains("--config");
	}

	@Test
	void invalidSettingIsAUsageErrorNamingTheSetting() {
		Map<String, String> properties = new java.util.HashMap<>(jobRepositoryOnly());
		properties.put("obmigrate.consent.chunk-size", "0");
		Run run = cli(properties, "check");
		assertThat(run.code()).isEqualTo(2);
		assertThat(run.err()).contains("chunk-size");
	}

	@Test
	void wrongPasswordGivesOneParagraphWithoutThePassword() {
		Map<String, String> properties = new java.util.HashMap<>(jobRepositoryOnly());
		properties.put("obmigrate.ob.url", TestDatabase.MARIADB_URL + "mysql");
		properties.put("obmigrate.ob.username", "root");
		properties.put("obmigrate.ob.password", "s3cret-wrong");
		Run run = cli(properties, "run", "consent");
		assertThat(run.code()).isEqualTo(2);
		assertThat(run.err().strip().lines()).hasSize(1);
		assertThat(run.err()).contains("Cannot connect to the ob database").contains("OBMIGRATE_OB_PASSWORD")
			.doesNotContain("s3cret-wrong").doesNotContain("\tat ");
	}

	@Test
	void wrongUrlGivesOneParagraph() {
		Map<String, String> properties = new java.util.HashMap<>(jobRepositoryOnly());
		properties.put("obmigrate.ob.url", "jdbc:postgresql://127.0.0.1:1/nowhere");
		Run run = cli(properties, "run", "consent");
		assertThat(run.code()).isEqualTo(2);
		assertThat(run.err().strip().lines()).hasSize(1);
		assertThat(run.err()).contains("127.0.0.1:1").contains("OBMIGRATE_OB_URL");
	}

	@Test
	void passwordFromFileIsUsedAndNeverShown() throws Exception {
		Path passwordFile = this.home.resolve("ob.password");
		Files.writeString(passwordFile, "file-secret\n");
		Map<String, String> properties = new java.util.HashMap<>(jobRepositoryOnly());
		properties.put("obmigrate.ob.url", TestDatabase.MARIADB_URL + "mysql");
		properties.put("obmigrate.ob.username", "root");
		properties.put("obmigrate.ob.password-file", passwordFile.toString());
		Run run = cli(properties, "run", "consent");
		assertThat(run.code()).isEqualTo(2);
		assertThat(run.err()).contains("using password: YES").doesNotContain("file-secret");
	}

	@Test
	void missingTargetTablesAreAPreflightBlockerNamingTheDdlAndTheFlag() {
		try (TestDatabase database = TestDatabase.h2()) {
			assertThat(database.run(this.home, "generate", "--consents", "20").exitCode()).isZero();
			TestDatabase.Result run = database.run(this.home, "run", "consent");
			assertThat(run.exitCode()).isEqualTo(4);
			assertThat(run.err()).contains("sql/h2/ob3-consent.sql").contains("--create-schema");
			assertThat(database.run(this.home, "status").out()).contains("No executions yet");
		}
	}

	/**
	 * generate (into empty tables), check and a full run each remember the source's size for the launcher's JIT
	 * choice ({@code launch.jit} in the home; deploy/launch.sh reads it).
	 */
	@Test
	void generateCheckAndRunRememberTheSourcesSizeForTheLauncher() throws Exception {
		Path choice = this.home.resolve(io.obmigrate.core.LaunchJit.FILE);
		try (TestDatabase database = TestDatabase.h2()) {
			assertThat(database.run(this.home, "generate", "--consents", "20").exitCode()).isZero();
			assertThat(java.nio.file.Files.readString(choice)).isEqualTo("quick\n");
			for (String[] command : List.of(new String[] { "check" },
					new String[] { "run", "consent", "--create-schema", "--dry-run" })) {
				java.nio.file.Files.delete(choice);
				database.run(this.home, command);
				assertThat(java.nio.file.Files.readString(choice)).as(String.join(" ", command)).isEqualTo("quick\n");
			}
		}
	}

	@Test
	void profileThatDisagreesWithNativeConsentsIsRefused() {
		try (TestDatabase database = TestDatabase.h2()) {
			database.run(this.home, "generate", "--consents", "50");
			assertThat(database.run(this.home, "run", "consent", "--create-schema", "--dry-run").exitCode()).isZero();
			new org.springframework.jdbc.core.JdbcTemplate(database.dataSource()).update("INSERT INTO OB_CONSENT"
					+ " (CONSENT_ID, RECEIPT, CREATED_TIME, UPDATED_TIME, CLIENT_ID, CONSENT_TYPE, CURRENT_STATUS)"
					+ " VALUES ('native-1', '{}', 1, 1, 'tpp', 'accounts', 'authorised')");
			TestDatabase.Result refused = database.run(this.home, "run", "consent");
			assertThat(refused.exitCode()).isEqualTo(4);
			assertThat(refused.err()).contains("[authorised]").contains("uk-toolkit-native");
			database.with("obmigrate.consent.profile", "uk-toolkit-native");
			TestDatabase.Result accepted = database.run(this.home, "run", "consent");
			assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
		}
	}

	@Test
	void restartByExecutionIdResumesThatExecution() {
		try (TestDatabase database = TestDatabase.h2()) {
			database.run(this.home, "generate", "--consents", "200");
			database.run(this.home, "run", "consent", "--create-schema", "--dry-run");
			io.obmigrate.support.ChunkFault.install(new org.springframework.jdbc.core.JdbcTemplate(database.dataSource()),
					io.obmigrate.core.Dialect.H2, "OB_CONSENT_STATUS_AUDIT");
			TestDatabase.Result failed = database.run(this.home, "run", "consent");
			assertThat(failed.exitCode()).isEqualTo(1);
			io.obmigrate.support.ChunkFault.remove(new org.springframework.jdbc.core.JdbcTemplate(database.dataSource()),
					io.obmigrate.core.Dialect.H2, "OB_CONSENT_STATUS_AUDIT");
			TestDatabase.Result restarted = database.run(this.home, "restart", "--execution", "2");
			assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
			assertThat(restarted.out()).contains("consent execution 3: COMPLETED").containsPattern("total\\s+200\\s");
			assertThat(database.run(this.home, "restart", "--execution", "3").exitCode()).isEqualTo(2);
		}
	}

	@Test
	void dryRunWritesNothingAndListsTheQuarantine() {
		try (TestDatabase database = TestDatabase.h2()) {
			assertThat(database.run(this.home, "generate", "--consents", "300", "--malformed-rate", "0.1").exitCode())
				.isZero();
			TestDatabase.Result dry = database.run(this.home, "run", "consent", "--dry-run", "--create-schema");
			assertThat(dry.exitCode()).as(dry.toString()).isZero();
			assertThat(dry.out()).contains("DRY RUN").contains("quarantined rows").contains("OB_CONSENT ");
			assertThat(io.obmigrate.support.TargetSnapshot.count(database.dataSource(), "OB_CONSENT")).isZero();
		}
	}

	@Test
	void maxQuarantinedFailsTheJob() {
		try (TestDatabase database = TestDatabase.h2()) {
			database.run(this.home, "generate", "--consents", "300", "--malformed-rate", "0.2");
			TestDatabase.Result run = database.run(this.home, "run", "consent", "--create-schema", "--max-quarantined", "0");
			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.out()).contains("FAILED").contains("--max-quarantined 0").contains("[quarantine-limit]");
		}
	}

	@Test
	void statusJsonListsExecutionsWithPerStepCountsAndNoSecrets() throws Exception {
		try (TestDatabase database = TestDatabase.h2()) {
			database.with("obmigrate.ob.password", "");
			database.run(this.home, "generate", "--consents", "200", "--malformed-rate", "0.05");
			// a secret-looking job parameter is refused: job parameters are stored as given
			TestDatabase.Result secret = database.run(this.home, "run", "consent", "--create-schema", "ticket=CHG-1",
					"db.password=hunter2");
			assertThat(secret.exitCode()).isEqualTo(2);
			assertThat(secret.err()).contains("'db.password' looks like a secret").doesNotContain("hunter2");
			assertThat(database.run(this.home, "run", "consent", "--create-schema", "ticket=CHG-1").exitCode()).isZero();
			TestDatabase.Result status = database.run(this.home, "status", "--json");
			assertThat(status.exitCode()).isZero();
			assertThat(status.out()).doesNotContain("hunter2");
			JsonNode execution = new ObjectMapper().readTree(status.out()).get("executions").get(0);
			assertThat(execution.get("job").asText()).isEqualTo("consent");
			assertThat(execution.get("status").asText()).isEqualTo("COMPLETED");
			assertThat(execution.get("parameters").get("ticket").asText()).isEqualTo("CHG-1");
			assertThat(execution.get("parameters").has("db.password")).isFalse();
			List<String> steps = new java.util.ArrayList<>();
			execution.get("steps").forEach(step -> steps.add(step.get("name").asText()));
			assertThat(steps).containsExactlyInAnyOrder("consent.all-types", "consent.tables");
			long read = 0;
			for (JsonNode step : execution.get("steps")) {
				if (step.get("name").asText().equals("consent.tables")) {
					// the run's last step: keys, indexes and statistics, no rows
					assertThat(step.get("read").asLong()).isZero();
					assertThat(step.get("status").asText()).isEqualTo("COMPLETED");
					continue;
				}
				// 6 ranges per thread; by default as many threads as cores (2 to 4) with the database on this machine
				int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
				assertThat(step.get("partitions")).hasSize(6 * threads);
				long partitionReads = 0;
				for (JsonNode partition : step.get("partitions")) {
					assertThat(partition.get("name").asText()).startsWith(step.get("name").asText() + ":p");
					partitionReads += partition.get("read").asLong();
				}
				assertThat(partitionReads).isEqualTo(step.get("read").asLong());
				assertThat(step.get("readInThisExecution").asLong()).isEqualTo(step.get("read").asLong());
				assertThat(step.get("balanced").asBoolean()).isTrue();
				assertThat(step.get("read").asLong()).isEqualTo(step.get("written").asLong()
						+ step.get("quarantined").asLong() + step.get("filtered").asLong() + step.get("present").asLong());
				read += step.get("read").asLong();
			}
			assertThat(read).isEqualTo(200);
			assertThat(execution.get("totals").get("quarantined").asLong()).isPositive();
			assertThat(execution.get("targetTables").get("OB_CONSENT").asLong())
				.isEqualTo(execution.get("totals").get("written").asLong());
		}
	}

	@Test
	void demoRunsOnEmbeddedDatabases() {
		Run run = cli(Map.of("obmigrate.home", this.home.toString(), "obmigrate.ob.url",
				"jdbc:h2:mem:demo-ob-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "obmigrate.jobrepo.url",
				"jdbc:h2:mem:demo-repo-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"), "demo", "--consents", "300",
				"--reporting-rows", "1200");
		assertThat(run.code()).as(run.err()).isZero();
		assertThat(run.out()).contains("obmigrate check: 2 blocker(s)")
			.contains("Applying 2 safe fix(es)")
			.contains("obmigrate check: 0 blocker(s)")
			.contains("consent execution")
			.contains("dcr execution")
			.contains("reporting execution")
			.containsPattern("mode\\s+(in-database|chunk|auto)")
			.containsPattern("API_LATENCY_RAW_DATA\\s+swapped")
			.contains("Cut over.")
			.contains("COMPLETED")
			.contains("every row accounted for")
			.doesNotContain("MISMATCH")
			.contains("Demo complete");
	}

}

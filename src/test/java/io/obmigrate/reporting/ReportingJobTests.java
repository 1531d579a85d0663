package io.obmigrate.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.support.TestDatabase;

/**
 * The reporting job end to end on generated OB 2.0 statistics with the G.3 cases: every OB 3.0 table is built beside
 * its OB 2.0 table, the OB 2.0 tables are unchanged, every row is accounted for, and a second run writes nothing.
 */
abstract class ReportingJobTests {

	static final List<String> SOURCES = List.of("ACCOUNTS_RAW_DATA", "FUNDS_CONFIRMATION_RAW_DATA", "PAYMENTS_RAW_DATA",
			"API_INVOCATION_RAW_DATA", "AUTHENTICATION_RAW_DATA", "AUTHORISATION_RAW_DATA");

	@TempDir
	Path home;

	TestDatabase database;

	JdbcTemplate jdbc;

	abstract TestDatabase createDatabase();

	/** Whether the database runs the cut-over's renames (H2 has no {@code sp_rename}). */
	boolean runsRenames() {
		return true;
	}

	/** Whether the in-database copy mode is written for this dialect. */
	boolean hasInDatabaseMode() {
		return true;
	}

	@BeforeEach
	void generate() {
		this.database = createDatabase().withReporting().with("obmigrate.reporting-job.chunk-size", "200");
		this.jdbc = new JdbcTemplate(this.database.dataSource());
		TestDatabase.Result generated = this.database.run(this.home, "generate", "--reporting-rows", "1500",
				"--malformed-rate", "0.2", "--seed", "3");
		assertThat(generated.exitCode()).as(generated.toString()).isZero();
	}

	@AfterEach
	void drop() {
		this.database.close();
	}

	long count(String table) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
	}

	Map<String, Long> sourceCounts() {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		for (String table : SOURCES) {
			counts.put(table, count(table));
		}
		return counts;
	}

	@Test
	void buildsTheOb3TablesBesideUnchangedOb2Tables() {
		Map<String, Long> before = sourceCounts();
		TestDatabase.Result run = this.database.run(this.home, "run", "reporting");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("every row accounted for").contains(ReportingRule.REQUEST_MEDIATION_LATENCY_NULL.slug())
			.contains(ReportingRule.DELIVERY_ADDRESS_CHOSEN.slug());
		assertThat(sourceCounts()).isEqualTo(before);
		long quarantined = this.database
			.jobRepositoryQuery("SELECT RULE_ID FROM OBMIGRATE_QUARANTINE")
			.stream()
			.filter(rule -> rule.equals(ReportingRule.DELIVERY_ADDRESS_TOO_LONG.slug()))
			.count();
		assertThat(quarantined).as("the G.3 #38 long addresses").isPositive();
		assertThat(count("ACCOUNTS_RAW_DATA__OB3")).isEqualTo(before.get("ACCOUNTS_RAW_DATA"));
		assertThat(count("PAYMENTS_RAW_DATA__OB3") + quarantined).isEqualTo(before.get("PAYMENTS_RAW_DATA"));
		assertThat(count("API_INVOCATION_RAW_DATA__OB3")).isEqualTo(before.get("API_INVOCATION_RAW_DATA"));
		assertThat(count("API_LATENCY_RAW_DATA__OB3")).isEqualTo(before.get("API_INVOCATION_RAW_DATA"));
		assertThat(count("AUTHORISATION_RAW_DATA__OB3")).isEqualTo(before.get("AUTHORISATION_RAW_DATA"));
		// MESSAGE_ID is the old ID on every row; TPP_ID became CONSUMER_ID
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM ACCOUNTS_RAW_DATA__OB3 WHERE MESSAGE_ID IS NULL",
				Long.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM API_INVOCATION_RAW_DATA__OB3 I JOIN"
				+ " API_INVOCATION_RAW_DATA O ON O.ID = I.MESSAGE_ID WHERE I.CONSUMER_ID = O.TPP_ID", Long.class))
			.isEqualTo(before.get("API_INVOCATION_RAW_DATA"));
		// G.3 #42: the request timestamp text after 2038
		assertThat(this.jdbc.queryForList("SELECT REQUEST_TIMESTAMP FROM API_LATENCY_RAW_DATA__OB3 WHERE"
				+ " REQUEST_TIMESTAMP LIKE '2040-%'", String.class)).isNotEmpty().allMatch(t -> t.endsWith("Z"));
	}

	@Test
	void secondRunWritesNothing() {
		assertThat(this.database.run(this.home, "run", "reporting").exitCode()).isZero();
		long rows = count("API_LATENCY_RAW_DATA__OB3") + count("ACCOUNTS_RAW_DATA__OB3");
		TestDatabase.Result again = this.database.run(this.home, "run", "reporting");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.out()).containsPattern("total\\s+[\\d,]+\\s+0\\s");
		assertThat(count("API_LATENCY_RAW_DATA__OB3") + count("ACCOUNTS_RAW_DATA__OB3")).isEqualTo(rows);
	}


	@Test
	void cutoverSwapsTheTablesOnceAndCleanupDropsTheOb2Copies() {
		org.junit.jupiter.api.Assumptions.assumeTrue(runsRenames(), "the renames of this dialect are not run here");
		TestDatabase.Result early = this.database.run(this.home, "reporting-cutover");
		assertThat(early.exitCode()).as("no run yet").isEqualTo(3);
		assertThat(this.database.run(this.home, "run", "reporting").exitCode()).isZero();
		Map<String, Long> before = sourceCounts();
		long latency = count("API_LATENCY_RAW_DATA__OB3");
		TestDatabase.Result cutover = this.database.run(this.home, "reporting-cutover");
		assertThat(cutover.exitCode()).as(cutover.toString()).isZero();
		// OB 3.0 reads its tables under their final names; the OB 2.0 data is kept aside
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM ACCOUNTS_RAW_DATA WHERE MESSAGE_ID IS NOT NULL",
				Long.class)).isEqualTo(before.get("ACCOUNTS_RAW_DATA"));
		assertThat(count("API_LATENCY_RAW_DATA")).isEqualTo(latency);
		assertThat(count("API_INVOCATION_RAW_DATA__OB2")).isEqualTo(before.get("API_INVOCATION_RAW_DATA"));
		TestDatabase.Result again = this.database.run(this.home, "reporting-cutover");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.out()).contains("already swapped").doesNotContain("  swapped");
		assertThat(this.database.run(this.home, "run", "reporting").exitCode()).as("nothing left to migrate")
			.isEqualTo(4);
		assertThat(this.database.run(this.home, "reporting-cleanup").exitCode()).as("needs --confirm").isEqualTo(2);
		TestDatabase.Result cleanup = this.database.run(this.home, "reporting-cleanup", "--confirm");
		assertThat(cleanup.exitCode()).as(cleanup.toString()).isZero();
		assertThat(cleanup.out()).contains("API_INVOCATION_RAW_DATA__OB2");
		assertThat(count("ACCOUNTS_RAW_DATA")).isEqualTo(before.get("ACCOUNTS_RAW_DATA"));
		assertThat(this.database.run(this.home, "reporting-cutover").exitCode()).isZero();
	}


	/** Every OB 3.0 row, as text, in a stable order: two runs ended the same way have equal snapshots. */
	List<String> targetSnapshot() {
		return targetSnapshot(this.jdbc, "__OB3");
	}

	static List<String> targetSnapshot(JdbcTemplate jdbc, String suffix) {
		List<String> lines = new java.util.ArrayList<>();
		for (ReportingTableRule rule : ReportingTableRule.ALL) {
			for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + rule.table() + suffix + " ORDER BY ID")) {
				lines.add(rule.table() + " " + new java.util.TreeMap<>(row));
			}
		}
		return lines;
	}

	/** Each step's counts and the notices of the latest execution, from {@code status --json}. */
	com.fasterxml.jackson.databind.JsonNode lastExecution() throws Exception {
		TestDatabase.Result status = this.database.run(this.home, "status", "--json");
		return new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.out()).get("executions").get(0);
	}

	static Map<String, String> counts(com.fasterxml.jackson.databind.JsonNode execution) {
		Map<String, String> counts = new java.util.TreeMap<>();
		for (com.fasterxml.jackson.databind.JsonNode step : execution.get("steps")) {
			counts.put(step.get("name").asText(), step.get("read") + " = " + step.get("written") + " + "
					+ step.get("quarantined") + " + " + step.get("filtered"));
		}
		counts.put("notices", execution.get("notices").toString());
		return counts;
	}

	@Test
	void aSeparateTargetGetsTheFinalNamesAndTheSameRows() {
		assertThat(this.database.run(this.home, "run", "reporting").exitCode()).isZero();
		List<String> beside = targetSnapshot();
		Map<String, Long> before = sourceCounts();
		try (TestDatabase target = createDatabase()) {
			this.database.withReportingTarget(target).withReportingSummarized(target);
			TestDatabase.Result run = this.database.run(this.home, "run", "reporting");
			assertThat(run.exitCode()).as(run.toString()).isZero();
			assertThat(run.out()).contains("in-database mode unavailable: the OB 3.0 tables are in"
					+ " obmigrate.reporting-target")
				.containsPattern("summarized: (?i)accounts_raw_data")
				.containsPattern("UK_ADDITIONAL_RAW_DATA\\s+[\\d,]+ rows \\(side table");
			assertThat(targetSnapshot(new JdbcTemplate(target.dataSource()), "")).isEqualTo(beside);
			assertThat(sourceCounts()).isEqualTo(before);
			TestDatabase.Result cutover = this.database.run(this.home, "reporting-cutover");
			assertThat(cutover.exitCode()).as(cutover.toString()).isZero();
			assertThat(cutover.out()).contains("Nothing to rename").contains("counts verified");
			assertThat(this.database.run(this.home, "reporting-cleanup", "--confirm").exitCode()).isEqualTo(3);
			assertThat(sourceCounts()).isEqualTo(before);
		}
	}

	@Test
	void bothModesWriteTheSameRowsAndCountTheSameDeviations() throws Exception {
		this.database.with("obmigrate.reporting-job.mode", "chunk");
		TestDatabase.Result chunk = this.database.run(this.home, "run", "reporting");
		assertThat(chunk.exitCode()).as(chunk.toString()).isZero();
		assertThat(chunk.out()).contains("obmigrate.reporting-job.mode=chunk");
		List<String> chunkRows = targetSnapshot();
		Map<String, String> chunkCounts = counts(lastExecution());
		for (ReportingTableRule rule : ReportingTableRule.ALL) {
			this.jdbc.update("DELETE FROM " + rule.table() + "__OB3");
		}
		this.database.with("obmigrate.reporting-job.mode", "in-database");
		TestDatabase.Result inDatabase = this.database.run(this.home, "run", "reporting");
		assertThat(inDatabase.exitCode()).as(inDatabase.toString()).isZero();
		if (hasInDatabaseMode()) {
			assertThat(inDatabase.out()).contains("in-database (obmigrate.reporting-job.mode=in-database)")
				.doesNotContain("unavailable");
		}
		else {
			assertThat(inDatabase.out()).contains("chunk (in-database mode unavailable: written for MySQL/MariaDB, PostgreSQL and H2, not for");
		}
		assertThat(targetSnapshot()).isEqualTo(chunkRows);
		assertThat(counts(lastExecution())).isEqualTo(chunkCounts);
		// and a re-run in the in-database mode finds every row written
		TestDatabase.Result again = this.database.run(this.home, "run", "reporting");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.out()).containsPattern("total\\s+[\\d,]+\\s+0\\s");
		assertThat(targetSnapshot()).isEqualTo(chunkRows);
	}

	@Test
	void restartAfterAFailedChunkEndsEqualToACleanRun() {
		assertThat(this.database.run(this.home, "run", "reporting").exitCode()).isZero();
		List<String> clean = targetSnapshot();
		List<String> payments = this.jdbc.queryForList("SELECT MESSAGE_ID FROM PAYMENTS_RAW_DATA__OB3 ORDER BY MESSAGE_ID",
				String.class);
		String victim = payments.get(payments.size() * 3 / 4); // a later chunk: earlier ones commit first
		for (ReportingTableRule rule : ReportingTableRule.ALL) {
			this.jdbc.update("DELETE FROM " + rule.table() + "__OB3");
		}
		this.jdbc.execute("ALTER TABLE PAYMENTS_RAW_DATA__OB3 ADD CONSTRAINT INJECTED_FAILURE CHECK (MESSAGE_ID <> '"
				+ victim + "')");
		TestDatabase.Result failed = this.database.run(this.home, "run", "reporting");
		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
		assertThat(count("PAYMENTS_RAW_DATA__OB3")).isPositive();
		assertThat(count("API_LATENCY_RAW_DATA__OB3")).as("later steps not started").isZero();
		this.jdbc.execute("ALTER TABLE PAYMENTS_RAW_DATA__OB3 DROP CONSTRAINT INJECTED_FAILURE");
		TestDatabase.Result restarted = this.database.run(this.home, "restart", "reporting");
		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
		assertThat(restarted.out()).contains("every row accounted for");
		assertThat(targetSnapshot()).isEqualTo(clean);
	}

}

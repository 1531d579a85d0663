package io.obmigrate.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
			.contains(ReportingRule.DELIVERY_ADDRESS_CHOSEN.slug())
			.contains(ReportingRule.COLUMN_WIDENED.slug())
			.containsPattern("widened\\s+DELIVERY_ADDRESS \\d+ characters");
		assertThat(sourceCounts()).isEqualTo(before);
		assertThat(this.database.jobRepositoryQuery("SELECT RULE_ID FROM OBMIGRATE_QUARANTINE"))
			.as("the long addresses fit a wider column: nothing is quarantined")
			.isEmpty();
		// every raw table's OB 3.0 copy holds exactly its source's rows
		for (String table : SOURCES) {
			assertThat(count(table + "__OB3")).as(table).isEqualTo(before.get(table));
		}
		Integer longest = this.jdbc.queryForObject("SELECT MAX(CHAR_LENGTH(deliveryAddress)) FROM"
				+ " TransactionDeliveryAddress", Integer.class);
		assertThat(longest).as("the generator plants addresses over 254 characters").isGreaterThan(254);
		assertThat(this.jdbc.queryForObject("SELECT MAX(CHAR_LENGTH(DELIVERY_ADDRESS)) FROM PAYMENTS_RAW_DATA__OB3",
				Integer.class)).isGreaterThan(254);
		assertThat(count("ACCOUNTS_RAW_DATA__OB3")).isEqualTo(before.get("ACCOUNTS_RAW_DATA"));
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
	void withoutWideningOverLongRowsAreQuarantinedAndCutoverAndCleanupRefuseToLoseThem() throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(runsRenames(), "the renames of this dialect are not run here");
		this.database.with("obmigrate.reporting-job.widen-columns", "false");
		TestDatabase.Result run = this.database.run(this.home, "run", "reporting");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		long quarantined = this.database.jobRepositoryQuery("SELECT RULE_ID FROM OBMIGRATE_QUARANTINE")
			.stream()
			.filter(rule -> rule.equals(ReportingRule.VALUE_LONGER_THAN_COLUMN.slug()))
			.count();
		assertThat(quarantined).isPositive();
		assertThat(count("PAYMENTS_RAW_DATA__OB3") + quarantined).isEqualTo(count("PAYMENTS_RAW_DATA"));
		TestDatabase.Result refused = this.database.run(this.home, "reporting-cutover");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
		assertThat(refused.err()).contains("quarantined rows").contains("--quarantine-csv").contains("--accept-quarantined");
		assertThat(count("PAYMENTS_RAW_DATA__OB3")).as("nothing swapped").isPositive();
		Path list = this.home.resolve("quarantine.csv");
		TestDatabase.Result exported = this.database.run(this.home, "status", "--execution",
				String.valueOf(lastExecution().get("executionId").asLong()), "--quarantine-csv", list.toString());
		assertThat(exported.exitCode()).as(exported.toString()).isZero();
		assertThat(java.nio.file.Files.readAllLines(list)).hasSize((int) quarantined + 1)
			.first().isEqualTo("step,table,key,rule,reason and fix");
		TestDatabase.Result accepted = this.database.run(this.home, "reporting-cutover", "--accept-quarantined");
		assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
		long ob2Payments = count("PAYMENTS_RAW_DATA__OB2");
		this.database.with("obmigrate.rehearsal.allowed-targets", java.util.regex.Pattern.quote(this.database.url()));
		TestDatabase.Result cleanup = this.database.run(this.home, "reporting-cleanup", "--confirm");
		assertThat(cleanup.exitCode()).as(cleanup.toString()).isEqualTo(3);
		assertThat(cleanup.err()).contains("PAYMENTS_RAW_DATA__OB2 holds " + quarantined + " rows")
			.contains("--export-missing");
		assertThat(count("PAYMENTS_RAW_DATA__OB2")).as("nothing dropped").isEqualTo(ob2Payments);
		assertThat(count("ACCOUNTS_RAW_DATA__OB2")).as("nothing dropped").isPositive();
		Path missing = this.home.resolve("missing");
		TestDatabase.Result exportAndDrop = this.database.run(this.home, "reporting-cleanup", "--confirm",
				"--export-missing", missing.toString());
		assertThat(exportAndDrop.exitCode()).as(exportAndDrop.toString()).isZero();
		List<String> lines = java.nio.file.Files.readAllLines(missing.resolve("PAYMENTS_RAW_DATA__OB2.missing.csv"));
		assertThat(lines).hasSize((int) quarantined + 1);
		assertThat(lines.get(0).toUpperCase(java.util.Locale.ROOT)).contains("CONSENT_ID");
	}

	/** Four column types a bank may have added to its OB 2.0 tables: a flag, a decimal, a short text, a date-time. */
	List<String> passThroughTypes() {
		return List.of("TINYINT", "DECIMAL(12,2)", "VARCHAR(40)", "TIMESTAMP");
	}

	static final List<String> EXTRA = List.of("X_FLAG", "X_AMOUNT", "X_NOTE", "X_AT");

	/**
	 * Columns no rule names pass through every table unchanged, in value and declared type, in both copy modes; on
	 * AUTHORISATION_RAW_DATA a CONSENT_TYPE column (the kind of consent) keeps its own values although the side table
	 * has a CONSENT_TYPE of another meaning: that table's rule fills only PSU_INTERACTION_TIME.
	 */
	@Test
	void columnsNoRuleNamesKeepTheirValuesAndDeclaredTypes() throws Exception {
		List<String> types = passThroughTypes();
		for (String table : SOURCES) {
			for (int i = 0; i < EXTRA.size(); i++) {
				this.jdbc.execute("ALTER TABLE " + table + " ADD " + EXTRA.get(i) + " " + types.get(i));
			}
			this.jdbc.update("UPDATE " + table + " SET X_FLAG = 1, X_AMOUNT = 12.34, X_NOTE = 'kept',"
					+ " X_AT = TIMESTAMP '2024-02-29 13:45:00'");
		}
		this.jdbc.execute("ALTER TABLE AUTHORISATION_RAW_DATA ADD CONSENT_TYPE VARCHAR(64)");
		this.jdbc.update("UPDATE AUTHORISATION_RAW_DATA SET CONSENT_TYPE = 'accounts'");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM AUTHORISATION_RAW_DATA a JOIN UK_ADDITIONAL_RAW_DATA u"
				+ " ON u.ID = a.ID WHERE u.CONSENT_TYPE IS NOT NULL", Long.class))
			.as("the side table has another CONSENT_TYPE for these rows").isPositive();
		for (String mode : hasInDatabaseMode() ? List.of("chunk", "in-database") : List.of("chunk")) {
			this.database.with("obmigrate.reporting-job.mode", mode);
			TestDatabase.Result run = this.database.run(this.home, "run", "reporting");
			assertThat(run.exitCode()).as(run.toString()).isZero();
			assertThat(run.out()).contains("X_FLAG, X_AMOUNT, X_NOTE, X_AT (not an OB 2.0 column, copied unchanged)");
			try (java.sql.Connection connection = this.database.dataSource().getConnection()) {
				io.obmigrate.core.Dialect dialect = io.obmigrate.core.Dialect.detect(connection);
				for (String table : SOURCES) {
					Map<String, String> source = declaredTypes(connection, dialect, table);
					Map<String, String> target = declaredTypes(connection, dialect, table + "__OB3");
					for (String column : EXTRA) {
						assertThat(target.get(column)).as(mode + " " + table + "." + column).isNotNull()
							.isEqualTo(source.get(column));
					}
					String match = table.startsWith("AUTHENT") || table.startsWith("AUTHORIS")
							? "t.ID = o.ID AND t.TIMESTAMP = o.TIMESTAMP" : "t.MESSAGE_ID = o.ID AND t.TIMESTAMP = o.TIMESTAMP";
					String same = String.join(" AND ", EXTRA.stream().map(c -> "t." + c + " = o." + c).toList());
					assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table + "__OB3 t JOIN " + table
							+ " o ON " + match + " WHERE " + same, Long.class)).as(mode + " " + table + " values")
						.isEqualTo(count(table));
				}
				assertThat(this.jdbc.queryForList("SELECT DISTINCT CONSENT_TYPE FROM AUTHORISATION_RAW_DATA__OB3",
						String.class)).as(mode).containsExactly("accounts");
				assertThat(declaredTypes(connection, dialect, "AUTHORISATION_RAW_DATA__OB3").get("CONSENT_TYPE"))
					.isEqualTo(declaredTypes(connection, dialect, "AUTHORISATION_RAW_DATA").get("CONSENT_TYPE"));
			}
			for (ReportingTableRule rule : ReportingTableRule.ALL) {
				this.jdbc.execute("DROP TABLE " + rule.table() + "__OB3");
			}
		}
	}

	private static Map<String, String> declaredTypes(java.sql.Connection connection, io.obmigrate.core.Dialect dialect,
			String table) throws java.sql.SQLException {
		for (String name : List.of(table, table.toLowerCase(java.util.Locale.ROOT))) {
			Map<String, String> types = io.obmigrate.core.TableInspector.declaredTypes(connection, dialect, name);
			if (!types.isEmpty()) {
				return types;
			}
		}
		return Map.of();
	}

	/** check's reporting section says, table by table, what the run will do, each with its code. */
	@Test
	void checkSaysTableByTableWhatTheRunWillDo() {
		this.jdbc.execute("ALTER TABLE ACCOUNTS_RAW_DATA ADD X_NOTE VARCHAR(40)");
		TestDatabase.Result check = this.database.run(this.home, "check");
		assertThat(check.out()).as(check.toString())
			.containsPattern("\\[column-widened\\].*PAYMENTS_RAW_DATA.DELIVERY_ADDRESS: [\\d,]+ rows take a value longer"
					+ " than the 254 characters OB 3.0 declares \\(longest \\d+")
			.containsPattern("\\[delivery-address-chosen\\].*PAYMENTS_RAW_DATA: [\\d,]+ payments belong to consents with"
					+ " several delivery addresses")
			.containsPattern("\\[no-invocation-message-id-kept\\].*ACCOUNTS_RAW_DATA: [\\d,]+ rows have no API invocation"
					+ " row")
			.containsPattern("\\[pass-through-column\\].*ACCOUNTS_RAW_DATA: columns the rules do not name pass through"
					+ " unchanged, with their declared types: X_NOTE (?i:(character )?varying|varchar)\\(40\\)")
			.contains("[run-time-estimate]")
			.contains("No completed reporting run with every table in this job repository yet");
		this.database.with("obmigrate.reporting-job.widen-columns", "false");
		TestDatabase.Result narrow = this.database.run(this.home, "check");
		assertThat(narrow.out()).as(narrow.toString()).containsPattern("\\[value-longer-than-column\\].*these rows will be"
				+ " quarantined");
		this.database.with("obmigrate.reporting-job.widen-columns", "true");
		assertThat(this.database.run(this.home, "run", "reporting").exitCode()).isZero();
		TestDatabase.Result measured = this.database.run(this.home, "check");
		assertThat(measured.out()).as(measured.toString()).containsPattern("Expected: about [\\d,]+ s for the tables in 2"
				+ " lane\\(s\\), from the rates execution 1 measured per table");
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
		// not a staging copy (no obmigrate.rehearsal.allowed-targets): --confirm-production and the name typed back
		TestDatabase.Result production = this.database.run(this.home, "reporting-cleanup", "--confirm");
		assertThat(production.exitCode()).as(production.toString()).isEqualTo(2);
		assertThat(production.err()).contains("not a staging copy").contains("--confirm-production");
		String name = databaseName();
		TestDatabase.Result wrongName = this.database.run(this.home, "reporting-cleanup", "--confirm",
				"--confirm-production", "--database-name", name + "x");
		assertThat(wrongName.exitCode()).as(wrongName.toString()).isEqualTo(2);
		assertThat(wrongName.err()).contains("is not the one reporting-cleanup would change (" + name);
		// a job repository that never saw this database's cut-over cannot vouch for its __OB2 tables
		String jobRepository = this.database.properties(this.home).get("obmigrate.jobrepo.url");
		this.database.with("obmigrate.jobrepo.url", "jdbc:h2:mem:fresh-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		TestDatabase.Result fresh = this.database.run(this.home, "reporting-cleanup", "--confirm",
				"--confirm-production", "--database-name", name);
		this.database.with("obmigrate.jobrepo.url", jobRepository);
		assertThat(fresh.exitCode()).as(fresh.toString()).isEqualTo(3);
		assertThat(fresh.err()).contains("no record of a completed reporting-cutover");
		assertThat(count("API_INVOCATION_RAW_DATA__OB2")).as("nothing dropped").isEqualTo(before.get("API_INVOCATION_RAW_DATA"));
		// an __OB2 copy changed since the cut-over: refused too
		this.jdbc.execute("CREATE TABLE KEPT_ASIDE AS SELECT * FROM ACCOUNTS_RAW_DATA__OB2 WHERE ID = (SELECT MIN(ID) FROM"
				+ " ACCOUNTS_RAW_DATA__OB2)");
		this.jdbc.update("DELETE FROM ACCOUNTS_RAW_DATA__OB2 WHERE ID = (SELECT MIN(ID) FROM KEPT_ASIDE)");
		TestDatabase.Result changed = this.database.run(this.home, "reporting-cleanup", "--confirm",
				"--confirm-production", "--database-name", name);
		assertThat(changed.exitCode()).as(changed.toString()).isEqualTo(3);
		assertThat(changed.err()).contains("not as the cut-over").contains("ACCOUNTS_RAW_DATA__OB2");
		assertThat(count("API_INVOCATION_RAW_DATA__OB2")).as("nothing dropped").isEqualTo(before.get("API_INVOCATION_RAW_DATA"));
		this.jdbc.update("INSERT INTO ACCOUNTS_RAW_DATA__OB2 SELECT * FROM KEPT_ASIDE");
		this.jdbc.execute("DROP TABLE KEPT_ASIDE");
		TestDatabase.Result cleanup = this.database.run(this.home, "reporting-cleanup", "--confirm",
				"--confirm-production", "--database-name", name);
		assertThat(cleanup.exitCode()).as(cleanup.toString()).isZero();
		assertThat(cleanup.out()).contains("API_INVOCATION_RAW_DATA__OB2");
		assertThat(count("ACCOUNTS_RAW_DATA")).isEqualTo(before.get("ACCOUNTS_RAW_DATA"));
		assertThat(this.database.run(this.home, "reporting-cutover").exitCode()).isZero();
	}


	io.obmigrate.core.Dialect dialect() {
		try (java.sql.Connection connection = this.database.dataSource().getConnection()) {
			return io.obmigrate.core.Dialect.detect(connection);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String databaseName() {
		try (java.sql.Connection connection = this.database.dataSource().getConnection()) {
			String catalog = connection.getCatalog();
			return catalog != null && !catalog.isBlank() ? catalog : connection.getSchema();
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
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
					+ step.get("quarantined") + " + " + step.get("filtered") + " + " + step.get("present"));
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
		this.database.with("obmigrate.reporting-job.mode", "chunk").with("obmigrate.reporting-job.defer-key-above", "0");
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

	@ParameterizedTest(name = "defer-key-above {0}")
	@ValueSource(strings = { "0", "100000" })
	void restartAfterAFailedChunkEndsEqualToACleanRun(String deferKeyAbove) {
		this.database.with("obmigrate.reporting-job.defer-key-above", deferKeyAbove);
		TestDatabase.Result first = this.database.run(this.home, "run", "reporting");
		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(first.out().contains("added when the copy ended")).as("the primary key deferred")
			.isEqualTo(deferKeyAbove.equals("0"));
		List<String> clean = targetSnapshot();
		List<String> payments = this.jdbc.queryForList("SELECT MESSAGE_ID FROM PAYMENTS_RAW_DATA__OB3 ORDER BY MESSAGE_ID",
				String.class);
		String victim = payments.get(payments.size() * 3 / 4); // a later chunk: earlier ones commit first
		for (ReportingTableRule rule : ReportingTableRule.ALL) {
			this.jdbc.update("DELETE FROM " + rule.table() + "__OB3");
		}
		// the database fails the chunk that holds the victim (no fault of the row: its disk is full)
		io.obmigrate.support.ChunkFault.installFor(this.jdbc, dialect(), "PAYMENTS_RAW_DATA__OB3", "MESSAGE_ID", victim);
		TestDatabase.Result failed = this.database.run(this.home, "run", "reporting");
		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
		assertThat(count("PAYMENTS_RAW_DATA__OB3")).isPositive();
		assertThat(count("API_LATENCY_RAW_DATA__OB3")).as("later steps not started").isZero();
		io.obmigrate.support.ChunkFault.remove(this.jdbc, dialect(), "PAYMENTS_RAW_DATA__OB3");
		TestDatabase.Result restarted = this.database.run(this.home, "restart", "reporting");
		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
		assertThat(restarted.out()).contains("every row accounted for");
		assertThat(targetSnapshot()).isEqualTo(clean);
	}

}

package io.obmigrate.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.support.TestDatabase;

/**
 * The reporting part of the bad-input corpus: hostile statistics rows added to a generated OB 2.0 reporting database
 * (SQL-looking, control-character and Unicode text, NULL in every nullable column, timestamps at the ends of their
 * range, an orphan payment, a very long and a repeated delivery address). One run, then one test per case: each row
 * is in its OB 3.0 table with its values unchanged (or the deviation documented in docs/reporting.md), and the run
 * accounts for every row.
 */
abstract class ReportingBadInputTests {

	@TempDir
	Path home;

	TestDatabase database;

	JdbcTemplate jdbc;

	abstract TestDatabase createDatabase();

	static final String SQL_TEXT = "x'); DROP TABLE ACCOUNTS_RAW_DATA; -- \\' /* */";

	static final String CONTROL_TEXT = "bell\u0007 tab\t line\n caf\u00e9 \u6570\u636e \uD83D\uDE00";

	@BeforeEach
	void generate() {
		this.database = createDatabase().withReporting();
		this.jdbc = new JdbcTemplate(this.database.dataSource());
		TestDatabase.Result generated = this.database.run(this.home, "generate", "--reporting-rows", "200", "--seed", "5");
		assertThat(generated.exitCode()).as(generated.toString()).isZero();
		account("r01-sql-text", SQL_TEXT, SQL_TEXT, 1_600_000_000_000L);
		account("r02-x'; DELETE FROM ACCOUNTS_RAW_DATA; --", "c-2", "u-2", 1_600_000_000_001L);
		account("r03-control-unicode", "c-3", CONTROL_TEXT, 1_600_000_000_002L);
		this.jdbc.update("INSERT INTO ACCOUNTS_RAW_DATA (ID, TIMESTAMP) VALUES ('r04-all-null', 1600000000003)");
		account("r05-timestamp-zero", "c-5", "u-5", 0L);
		account("r06-timestamp-negative", "c-6", "u-6", -1L);
		account("r07-timestamp-max", "c-7", "u-7", Long.MAX_VALUE);
		payment("r08-orphan-payment", "consent-without-invocation");
		payment("r09-long-address", "consent-long-address");
		this.jdbc.update("INSERT INTO TransactionDeliveryAddress (consentId, deliveryAddress, timestamp) VALUES (?, ?, ?)",
				"consent-long-address", "Flat 1, " + "Long Street, ".repeat(70), 1_600_000_000L);
		payment("r10-two-addresses", "consent-two-addresses");
		this.jdbc.update("INSERT INTO TransactionDeliveryAddress (consentId, deliveryAddress, timestamp) VALUES (?, ?, ?)",
				"consent-two-addresses", "1 First Road", 1_600_000_000L);
		this.jdbc.update("INSERT INTO TransactionDeliveryAddress (consentId, deliveryAddress, timestamp) VALUES (?, ?, ?)",
				"consent-two-addresses", "2 Second Road", 1_600_000_100L);
		this.jdbc.update("INSERT INTO API_INVOCATION_RAW_DATA (ID, CONSENT_ID, TIMESTAMP, REQUEST_EXQ_START_TIME,"
				+ " BACKEND_REQ_START_TIME, BACKEND_REQ_END_TIME) VALUES (?, ?, ?, ?, ?, ?)", "r11-latency-backwards", "c-11",
				1_600_000_000L, 1_600_000_000_900L, 1_600_000_000_500L, 1_600_000_000_100L);
	}

	private void account(String id, String consentId, String userId, long timestamp) {
		this.jdbc.update("INSERT INTO ACCOUNTS_RAW_DATA (ID, CONSENT_ID, USER_ID, TPP_ID, CLIENT_ID, ACCOUNT_ID, TIMESTAMP)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?)", id, consentId, userId, "tpp", "client", "acc", timestamp);
	}

	private void payment(String id, String consentId) {
		this.jdbc.update("INSERT INTO PAYMENTS_RAW_DATA (ID, CONSENT_ID, USER_ID, TPP_ID, CLIENT_ID, TIMESTAMP) VALUES"
				+ " (?, ?, ?, ?, ?, ?)", id, consentId, "u", "tpp", "client", 1_600_000_000L);
	}

	@AfterEach
	void drop() {
		this.database.close();
	}

	private Map<String, Object> ob3(String table, String keyColumn, String key) {
		List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT * FROM " + table + "__OB3 WHERE " + keyColumn
				+ " = ?", key);
		assertThat(rows).as(table + " row of " + key).hasSize(1);
		Map<String, Object> row = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		row.putAll(rows.get(0));
		return row;
	}

	private String summary = "";

	/** The summary's count of a notice (the in-database copy counts notices per table rather than listing rows). */
	private long noticeCount(String rule) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*" + java.util.regex.Pattern.quote(rule)
				+ "\\s+([\\d,]+)").matcher(this.summary);
		return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
	}

	/**
	 * A row the OB 3.0 table refuses (here a CHECK constraint a DBA added) is quarantined alone with the database's
	 * message, in the in-database mode (the range falls back to the chunk mode) as in the chunk mode; the run goes on.
	 */
	@org.junit.jupiter.api.Test
	void aRowTheTargetRefusesIsQuarantinedAloneAndTheRunGoesOn() {
		TestDatabase.Result first = this.database.run(this.home, "run", "reporting");
		assertThat(first.exitCode()).as(first.toString()).isZero();
		long accounts = this.jdbc.queryForObject("SELECT COUNT(*) FROM ACCOUNTS_RAW_DATA", Long.class);
		this.jdbc.execute("DELETE FROM ACCOUNTS_RAW_DATA__OB3");
		this.jdbc.execute("ALTER TABLE ACCOUNTS_RAW_DATA__OB3 ADD CONSTRAINT NO_REFUSE_ME CHECK (USER_ID <> 'refuse-me')");
		account("r12-refused", "c-12", "refuse-me", 1_600_000_000_012L);
		TestDatabase.Result run = this.database.run(this.home, "run", "reporting");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("every row accounted for").contains("target-refused");
		assertThat(this.database.jobRepositoryQuery("SELECT SOURCE_KEY FROM OBMIGRATE_QUARANTINE WHERE RULE_ID = '"
				+ io.obmigrate.core.CoreRule.TARGET_REFUSED.slug() + "'")).containsExactly("r12-refused@1600000000012");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM ACCOUNTS_RAW_DATA__OB3", Long.class))
			.isEqualTo(accounts);
	}

	@TestFactory
	Stream<DynamicTest> everyHostileStatisticEndsAsDocumented() {
		TestDatabase.Result run = this.database.run(this.home, "run", "reporting");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("every row accounted for");
		this.summary = run.out();
		assertThat(this.database.jobRepositoryQuery("SELECT SOURCE_KEY FROM OBMIGRATE_QUARANTINE")).as("nothing lost")
			.isEmpty();
		return Stream.of(
				dynamicTest("r01: SQL-looking text is copied verbatim", () -> {
					Map<String, Object> row = ob3("ACCOUNTS_RAW_DATA", "MESSAGE_ID", "r01-sql-text");
					assertThat(row.get("CONSENT_ID")).isEqualTo(SQL_TEXT);
					assertThat(row.get("USER_ID")).isEqualTo(SQL_TEXT);
				}),
				dynamicTest("r02: SQL in the key is copied verbatim",
						() -> ob3("ACCOUNTS_RAW_DATA", "MESSAGE_ID", "r02-x'; DELETE FROM ACCOUNTS_RAW_DATA; --")),
				dynamicTest("r03: control characters, accents, CJK and an emoji are copied verbatim",
						() -> assertThat(ob3("ACCOUNTS_RAW_DATA", "MESSAGE_ID", "r03-control-unicode").get("USER_ID"))
							.isEqualTo(CONTROL_TEXT)),
				dynamicTest("r04: NULL in every nullable column stays NULL", () -> {
					Map<String, Object> row = ob3("ACCOUNTS_RAW_DATA", "MESSAGE_ID", "r04-all-null");
					assertThat(Arrays.asList(row.get("CONSENT_ID"), row.get("USER_ID"), row.get("ACCOUNT_ID"))).containsOnlyNulls();
				}),
				dynamicTest("r05-r07: timestamps 0, -1 and the largest BIGINT are kept", () -> {
					assertThat(((Number) ob3("ACCOUNTS_RAW_DATA", "MESSAGE_ID", "r05-timestamp-zero").get("TIMESTAMP")).longValue()).isZero();
					assertThat(((Number) ob3("ACCOUNTS_RAW_DATA", "MESSAGE_ID", "r06-timestamp-negative").get("TIMESTAMP")).longValue()).isEqualTo(-1);
					assertThat(((Number) ob3("ACCOUNTS_RAW_DATA", "MESSAGE_ID", "r07-timestamp-max").get("TIMESTAMP")).longValue())
						.isEqualTo(Long.MAX_VALUE);
				}),
				dynamicTest("r08: a payment without an invocation keeps its own ID as MESSAGE_ID (noted)", () -> {
					ob3("PAYMENTS_RAW_DATA", "MESSAGE_ID", "r08-orphan-payment");
					assertThat(noticeCount(ReportingRule.NO_INVOCATION_MESSAGE_ID_KEPT.slug())).as(this.summary).isPositive();
				}),
				dynamicTest("r09: a 900-character delivery address widens the column and is kept whole (noted)", () -> {
					assertThat((String) ob3("PAYMENTS_RAW_DATA", "MESSAGE_ID", "r09-long-address").get("DELIVERY_ADDRESS"))
						.isEqualTo("Flat 1, " + "Long Street, ".repeat(70));
					assertThat(noticeCount(ReportingRule.COLUMN_WIDENED.slug())).as(this.summary).isPositive();
				}),
				dynamicTest("r10: of two delivery addresses one is chosen by rule (noted)", () -> {
					assertThat(ob3("PAYMENTS_RAW_DATA", "MESSAGE_ID", "r10-two-addresses").get("DELIVERY_ADDRESS"))
						.isIn("1 First Road", "2 Second Road");
					assertThat(noticeCount(ReportingRule.DELIVERY_ADDRESS_CHOSEN.slug())).as(this.summary).isPositive();
				}),
				dynamicTest("r11: latency inputs that run backwards still give an invocation and a latency row", () -> {
					ob3("API_INVOCATION_RAW_DATA", "MESSAGE_ID", "r11-latency-backwards");
					ob3("API_LATENCY_RAW_DATA", "MESSAGE_ID", "r11-latency-backwards");
				}));
	}

}

package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.CoreRule;
import io.obmigrate.core.Dialect;
import io.obmigrate.core.RuleCode;
import io.obmigrate.support.EdgeCaseFixture;
import io.obmigrate.support.TestDatabase;

/**
 * The consent part of the bad-input corpus ({@link EdgeCaseFixture#loadBadInput}): one run over every hostile row,
 * then one test per case asserting the outcome {@code docs/consent.md} documents for it. None may fail the run, and
 * every consent is counted: migrated, quarantined with its rule, or (an orphan child row) not a consent at all.
 */
abstract class ConsentBadInputTests {

	@TempDir
	Path home;

	TestDatabase database;

	Dialect dialect;

	JdbcTemplate jdbc;

	abstract TestDatabase createDatabase();

	@BeforeEach
	void loadCorpus() {
		this.database = createDatabase().with("obmigrate.source-time-zone", EdgeCaseFixture.ZONE.getId());
		this.dialect = EdgeCaseFixture.loadBadInput(this.database.dataSource());
		this.jdbc = new JdbcTemplate(this.database.dataSource());
	}

	@AfterEach
	void dropDatabase() {
		this.database.close();
	}

	/** What happens to one corpus consent. */
	sealed interface Outcome permits Migrated, Quarantined, NotAConsent {
	}

	/** Written to OB 3.0; {@code notice} is the rule it is noted under, or null. */
	record Migrated(RuleCode notice) implements Outcome {
	}

	record Quarantined(RuleCode rule) implements Outcome {
	}

	/** A child row without its consent: read by no step, written nowhere. */
	record NotAConsent() implements Outcome {
	}

	record Case(String key, String description, Function<Dialect, Outcome> outcome) {
	}

	static Case migrated(String key, String description) {
		return new Case(key, description, d -> new Migrated(null));
	}

	static Case noted(String key, String description, RuleCode notice) {
		return new Case(key, description, d -> new Migrated(notice));
	}

	static Case quarantined(String key, String description, RuleCode rule) {
		return new Case(key, description, d -> new Quarantined(rule));
	}

	static final List<Case> CASES = List.of(
			quarantined("q01-deep-embedded", "a field holding JSON nested 999 deep, expanded past the JSON writers' limit",
					ConsentRule.RECEIPT_TOO_DEEP),
			new Case("q02-nested-40", "a field holding JSON nested 40 deep: MariaDB's JSON check refuses the receipt",
					d -> d == Dialect.MYSQL ? new Quarantined(CoreRule.TARGET_REFUSED) : new Migrated(null)),
			quarantined("q03-body-null", "body null", ConsentRule.RECEIPT_NOT_OBJECT),
			quarantined("q04-body-empty-array", "body []", ConsentRule.RECEIPT_NOT_OBJECT),
			quarantined("q05-body-string", "body a JSON string", ConsentRule.RECEIPT_NOT_OBJECT),
			quarantined("q06-body-number", "body a JSON number", ConsentRule.RECEIPT_NOT_OBJECT),
			noted("q07-body-array", "body a non-empty array", ConsentRule.RECEIPT_IS_ARRAY),
			new Case("q08-body-not-json", "body not JSON (where the source column holds it)",
					d -> d == Dialect.MYSQL ? null : new Migrated(ConsentRule.RECEIPT_COPIED_UNCHANGED)),
			migrated("q09-huge-body", "a 1 MB body"),
			migrated("q10-sql-client", "SQL in the client ID"),
			migrated("q11-x'; DELETE FROM OB_CONSENT; --", "SQL in the consent ID"),
			migrated("q12-control-chars", "control characters in the body"),
			migrated("q13-nul-escape", "an escaped NUL character in the body"),
			new Case("q14-raw-nul-client", "a raw NUL character in the client ID (where the database holds one)",
					d -> d == Dialect.POSTGRESQL ? null : new Migrated(null)),
			quarantined("q15-empty-client", "an empty client ID", ConsentRule.MISSING_CLIENT_ID),
			quarantined("q16-blank-status", "an empty status", ConsentRule.UNKNOWN_STATUS),
			quarantined("q17-sql-status", "SQL in the status", ConsentRule.UNKNOWN_STATUS),
			migrated("q18-emoji-user", "a user ID with an emoji and an accent"),
			migrated("q19-duplicate-binding", "the same binding in the binding table and in UK_CONSENT_REV"),
			new Case("q20-orphan-rev-no-consent", "a moved binding (UK_CONSENT_REV) whose consent does not exist", d -> new NotAConsent()),
			migrated("q21-epoch-start", "created one second after 1970-01-01"),
			migrated("q22-expiry-far-future", "expiry in the year 999,999,999"),
			noted("q23-expiry-number", "expiry a number", ConsentRule.EXPIRY_UNPARSEABLE),
			noted("q24-expiry-object", "expiry an object", ConsentRule.EXPIRY_UNPARSEABLE),
			migrated("q25-duplicate-keys", "a key given twice in the body (the last one is kept, as JSON readers do)"),
			migrated("q26-sql-key", "SQL as a body key"),
			migrated("q27-padded-status", "a status with spaces around it"),
			migrated("q28-sql-metadata", "SQL, quotes and backslashes in a metadata key and value"));

	@TestFactory
	Stream<DynamicTest> everyHostileConsentEndsAsDocumented() {
		TestDatabase.Result result = this.database.run(this.home, "run", "consent");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).as(result.toString()).contains("(every row accounted for)");
		Set<String> targets = new HashSet<>(this.jdbc.queryForList("SELECT CONSENT_ID FROM OB_CONSENT", String.class));
		Set<String> quarantined = new HashSet<>(this.database
			.jobRepositoryQuery("SELECT SOURCE_KEY || '|' || RULE_ID FROM OBMIGRATE_QUARANTINE"));
		Set<String> quarantinedKeys = new HashSet<>(
				this.database.jobRepositoryQuery("SELECT SOURCE_KEY FROM OBMIGRATE_QUARANTINE"));
		Set<String> notices = new HashSet<>(
				this.database.jobRepositoryQuery("SELECT SOURCE_KEY || '|' || RULE_ID FROM OBMIGRATE_NOTICE"));
		Stream<DynamicTest> cases = CASES.stream()
			.filter(c -> c.outcome().apply(this.dialect) != null)
			.map(c -> dynamicTest(c.key() + ": " + c.description(), () -> {
				Outcome outcome = c.outcome().apply(this.dialect);
				if (outcome instanceof Migrated m) {
					assertThat(targets).as("migrated").contains(c.key());
					assertThat(quarantinedKeys).as("not quarantined").doesNotContain(c.key());
					if (m.notice() != null) {
						assertThat(notices).contains(c.key() + "|" + m.notice().slug());
					}
				}
				else if (outcome instanceof Quarantined q) {
					assertThat(targets).as("not migrated").doesNotContain(c.key());
					assertThat(quarantined).as("quarantined").contains(c.key() + "|" + q.rule().slug());
					assertThat(result.out()).contains(q.rule().slug());
				}
				else {
					assertThat(targets).doesNotContain(c.key());
					assertThat(quarantinedKeys).doesNotContain(c.key());
				}
			}));
		Stream<DynamicTest> values = Stream.of(
				dynamicTest("values are written verbatim", () -> {
					assertThat(this.jdbc.queryForObject("SELECT CLIENT_ID FROM OB_CONSENT WHERE CONSENT_ID = 'q10-sql-client'",
							String.class)).isEqualTo("tpp'); DROP TABLE OB_CONSENT; --");
					assertThat(this.jdbc.queryForList("SELECT USER_ID FROM OB_CONSENT_AUTH_RESOURCE WHERE CONSENT_ID = ?",
							String.class, "q18-emoji-user")).containsExactly("\uD83D\uDE00 ëlise@carbon.super");
					assertThat(this.jdbc.queryForList("SELECT ATT_VALUE FROM OB_CONSENT_ATTRIBUTE WHERE CONSENT_ID = ? AND"
							+ " ATT_KEY = ?", String.class, "q28-sql-metadata", "note'); DROP TABLE OB_CONSENT_ATTRIBUTE; --"))
						.containsExactly("\\'; \\\\ /* */ --");
					assertThat(this.jdbc.queryForObject("SELECT RECEIPT FROM OB_CONSENT WHERE CONSENT_ID = 'q13-nul-escape'",
							String.class)).contains("\\u0000");
				}),
				dynamicTest("a duplicated binding row gives one account mapping", () -> {
					assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM OB_CONSENT_MAPPING m JOIN OB_CONSENT_AUTH_RESOURCE a"
							+ " ON a.AUTH_ID = m.AUTH_ID WHERE a.CONSENT_ID = 'q19-duplicate-binding'", Long.class)).isOne();
				}),
				dynamicTest("a restart after the quarantines changes nothing and fails nothing", () -> {
					TestDatabase.Result again = this.database.run(this.home, "run", "consent");
					assertThat(again.exitCode()).as(again.toString()).isZero();
				}));
		return Stream.concat(cases, values);
	}

}

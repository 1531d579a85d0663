package io.obmigrate.dcr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.RuleCode;
import io.obmigrate.support.DcrFixture;
import io.obmigrate.support.TestDatabase;

/**
 * The DCR part of the bad-input corpus ({@link DcrFixture#loadBadInput}): one run, then one test per case asserting
 * the outcome {@code docs/dcr.md} documents for it. None may fail the run, and every registration is counted.
 */
abstract class DcrBadInputTests {

	@TempDir
	Path home;

	TestDatabase database;

	Dialect dialect;

	JdbcTemplate jdbc;

	abstract TestDatabase createDatabase();

	@BeforeEach
	void loadCorpus() throws Exception {
		Path script = this.home.resolve("common-auth-script.js");
		Files.writeString(script, DcrFixture.OB_SCRIPT);
		this.database = DcrJobTests.configure(createDatabase(), script);
		this.dialect = DcrFixture.loadBadInput(this.database.dataSource());
		this.jdbc = new JdbcTemplate(this.database.dataSource());
	}

	@AfterEach
	void drop() {
		this.database.close();
	}

	/** A registration and its outcome: a rule it is quarantined or filtered under, or null when its SP is migrated. */
	record Case(String key, String description, RuleCode rule, String migratedSpName) {
	}

	static List<Case> cases(Dialect dialect) {
		List<Case> cases = new java.util.ArrayList<>(List.of(
				new Case("b01-request-null", "request null", DcrRule.UNPARSEABLE_REQUEST, null),
				new Case("b02-request-array", "request []", DcrRule.UNPARSEABLE_REQUEST, null),
				new Case("b03-request-number", "request a number", DcrRule.UNPARSEABLE_REQUEST, null),
				new Case("b06-sql-software-id", "SQL, quotes and a backslash in the software ID and client name", null,
						"Evil';DROP TABLE SPAPP;--\\"),
				new Case("b07-control-chars", "control characters in the client name", null, "Ctrl"),
				new Case("b08-unicode", "accents, CJK and an emoji in the software ID", null,
						"Caf\u00e9\u6570\u636e\uD83D\uDE00"),
				new Case("b09-huge-value", "a 20 KB software statement (over SP_METADATA.VALUE)",
						DcrRule.SP_VALUE_TOO_LONG, null),
				new Case("b10-orphan", "a registration whose service provider does not exist",
						DcrRule.NO_SERVICE_PROVIDER, null),
				new Case("b11-nested-value", "an attribute nested 200 deep, 30 on MariaDB (stored as compact JSON)", null, "Nested"),
				new Case("b12-sql-status", "SQL in the status", DcrRule.STATUS_NOT_MIGRATED, null)));
		if (dialect != Dialect.MYSQL) {
			cases.add(new Case("b04-request-not-json", "request not JSON", DcrRule.UNPARSEABLE_REQUEST, null));
			cases.add(new Case("b05-request-too-deep", "request nested 1,500 deep", DcrRule.UNPARSEABLE_REQUEST, null));
		}
		return cases;
	}

	@TestFactory
	Stream<DynamicTest> everyHostileRegistrationEndsAsDocumented() {
		TestDatabase.Result result = this.database.run(this.home, "run", "dcr");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).as(result.toString()).contains("(every row accounted for)");
		Set<String> quarantined = new HashSet<>(this.database
			.jobRepositoryQuery("SELECT SOURCE_KEY || '|' || RULE_ID FROM OBMIGRATE_QUARANTINE"));
		Set<String> noted = new HashSet<>(
				this.database.jobRepositoryQuery("SELECT SOURCE_KEY || '|' || RULE_ID FROM OBMIGRATE_NOTICE"));
		Set<String> spNames = new HashSet<>(this.jdbc.queryForList("SELECT APP_NAME FROM SP_APP", String.class));
		return cases(this.dialect).stream().map(c -> dynamicTest(c.key() + ": " + c.description(), () -> {
			if (c.rule() == null) {
				assertThat(spNames).as("SP renamed to its software ID, verbatim").contains(c.migratedSpName());
				assertThat(quarantined).noneMatch(q -> q.startsWith(c.key() + "|"));
			}
			else if (c.rule().outcome() == RuleCode.Outcome.QUARANTINED) {
				assertThat(quarantined).contains(c.key() + "|" + c.rule().slug());
			}
			else {
				assertThat(noted).contains(c.key() + "|" + c.rule().slug());
			}
		}));
	}

}

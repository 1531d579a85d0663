package io.obmigrate.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.support.DatabaseSnapshot;
import io.obmigrate.support.DcrFixture;
import io.obmigrate.support.TargetSnapshot;
import io.obmigrate.support.TestDatabase;

/**
 * {@code rollback consent|dcr|reporting} puts each target back to what it held before the migration, every column of
 * every row, and touches nothing obmigrate did not write; outside the staging patterns it needs
 * {@code --confirm-production} and the database's name.
 */
abstract class RollbackTests {

	@TempDir
	Path home;

	TestDatabase database;

	JdbcTemplate jdbc;

	abstract TestDatabase createDatabase();

	@BeforeEach
	void setUp() {
		this.database = createDatabase();
		this.jdbc = new JdbcTemplate(this.database.dataSource());
	}

	@AfterEach
	void tearDown() {
		this.database.close();
	}

	TestDatabase.Result run(String... args) {
		return this.database.run(this.home, args);
	}

	void staging() {
		this.database.with("obmigrate.rehearsal.allowed-targets", Pattern.quote(this.database.url()));
	}

	@Test
	void rollbackConsentLeavesTheConsentTablesAsBeforeTheMigration() {
		assertThat(run("generate", "--consents", "700", "--seed", "31").exitCode()).isZero();
		assertThat(run("check", "--fix").exitCode()).as("creates the OB 3.0 tables").isIn(0, 4);
		// a native OB 3.0 consent, written before the migration: never touched
		this.jdbc.update("INSERT INTO OB_CONSENT (CONSENT_ID, RECEIPT, CREATED_TIME, UPDATED_TIME, CLIENT_ID,"
				+ " CONSENT_TYPE, CURRENT_STATUS, CONSENT_FREQUENCY, VALIDITY_TIME, RECURRING_INDICATOR) VALUES"
				+ " ('native-1', '{}', 1700000000, 1700000000, 'tpp', 'accounts', 'authorized', 0, 0, ?)", false);
		this.jdbc.update("INSERT INTO OB_CONSENT_STATUS_AUDIT (STATUS_AUDIT_ID, CONSENT_ID, CURRENT_STATUS,"
				+ " ACTION_TIME, REASON, ACTION_BY, PREVIOUS_STATUS) VALUES ('native-audit', 'native-1', 'authorized',"
				+ " 1700000000, 'created', 'psu', NULL)");
		this.jdbc.update("INSERT INTO OB_CONSENT_ATTRIBUTE (CONSENT_ID, ATT_KEY, ATT_VALUE) VALUES ('native-1', 'k',"
				+ " 'v')");
		Map<String, List<String>> before = TargetSnapshot.of(this.database.dataSource());

		assertThat(run("run", "consent").exitCode()).isZero();
		assertThat(TargetSnapshot.count(this.database.dataSource(), "OB_CONSENT")).isGreaterThan(600);

		TestDatabase.Result refused = run("rollback", "consent");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
		assertThat(refused.err()).contains("not a staging copy").contains("obmigrate.rehearsal.allowed-targets");
		TestDatabase.Result wrongName = run("rollback", "consent", "--confirm-production", "--database-name", "prod");
		assertThat(wrongName.exitCode()).as(wrongName.toString()).isEqualTo(2);
		assertThat(wrongName.err()).contains("Nothing was done");
		assertThat(TargetSnapshot.count(this.database.dataSource(), "OB_CONSENT")).isGreaterThan(600);

		TestDatabase.Result dry = run("rollback", "consent", "--dry-run");
		assertThat(dry.exitCode()).as(dry.toString()).isZero();
		assertThat(dry.out()).contains("consents obmigrate migrated").contains("DRY RUN");

		staging();
		TestDatabase.Result rolledBack = run("rollback", "consent");
		assertThat(rolledBack.exitCode()).as(rolledBack.toString()).isZero();
		assertThat(rolledBack.out()).contains("Rolled back consent").contains("OB_CONSENT_MAPPING");
		assertThat(TargetSnapshot.of(this.database.dataSource())).isEqualTo(before);
		assertThat(this.database.jobRepositoryQuery("SELECT ROW_COUNTS FROM OBMIGRATE_JOURNAL WHERE OPERATION ="
				+ " 'rollback-consent'")).singleElement().asString().contains("OB_CONSENT=");

		// a catch-up after a rollback would miss everything: refused; a full run migrates everything again
		TestDatabase.Result catchUp = run("run", "consent", "--since-last-run");
		assertThat(catchUp.exitCode()).as(catchUp.toString()).isEqualTo(2);
		assertThat(catchUp.err()).contains("since `rollback consent`");
		assertThat(run("run", "consent").exitCode()).isZero();
		assertThat(run("run", "verify", "--jobs", "consent").exitCode()).isZero();
		assertThat(run("rollback", "consent").exitCode()).isZero();
		assertThat(TargetSnapshot.of(this.database.dataSource())).isEqualTo(before);
		assertThat(run("rollback", "consent").out()).contains("Nothing to roll back");
	}

	@Test
	void rollbackDcrRestoresEveryServiceProviderFromItsBeforeImages() throws Exception {
		Path script = this.home.resolve("common-auth-script.js");
		Files.writeString(script, DcrFixture.OB_SCRIPT);
		this.database.withIdentity()
			.with("obmigrate.dcr.chunk-size", "4")
			.with("obmigrate.dcr.adaptive-script-file", script.toString());
		DcrFixture.load(this.database.dataSource(), true);
		Map<String, List<String>> before = DatabaseSnapshot.of(this.database.dataSource());
		assertThat(run("run", "dcr").exitCode()).isZero();
		assertThat(DatabaseSnapshot.of(this.database.dataSource())).as("the DCR job changed service providers")
			.isNotEqualTo(before);
		staging();
		TestDatabase.Result rolledBack = run("rollback", "dcr");
		assertThat(rolledBack.exitCode()).as(rolledBack.toString()).isZero();
		assertThat(DatabaseSnapshot.of(this.database.dataSource())).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM OBMIGRATE_SP_JOURNAL", Long.class)).isZero();
		// again: the same end
		assertThat(run("run", "dcr").exitCode()).isZero();
		assertThat(run("rollback", "dcr").exitCode()).isZero();
		assertThat(DatabaseSnapshot.of(this.database.dataSource())).isEqualTo(before);
	}

	@Test
	void rollbackReportingDropsTheCopiesBeforeACutOverAndSwapsBackAfterOne() {
		this.database.withReporting();
		assertThat(run("generate", "--reporting-rows", "1200", "--seed", "7").exitCode()).isZero();
		Map<String, List<String>> before = DatabaseSnapshot.of(this.database.dataSource());
		assertThat(run("run", "reporting").exitCode()).isZero();
		staging();
		TestDatabase.Result dropped = run("rollback", "reporting");
		assertThat(dropped.exitCode()).as(dropped.toString()).isZero();
		assertThat(dropped.err()).contains("dropped ACCOUNTS_RAW_DATA__OB3");
		assertThat(DatabaseSnapshot.of(this.database.dataSource())).isEqualTo(before);

		assertThat(run("run", "reporting").exitCode()).isZero();
		TestDatabase.Result cutover = run("reporting-cutover");
		assertThat(cutover.exitCode()).as(cutover.toString()).isZero();
		TestDatabase.Result swapped = run("rollback", "reporting");
		assertThat(swapped.exitCode()).as(swapped.toString()).isZero();
		assertThat(swapped.err()).contains("swapped ACCOUNTS_RAW_DATA back");
		TestDatabase.Result droppedToo = run("rollback", "reporting");
		assertThat(droppedToo.exitCode()).as(droppedToo.toString()).isZero();
		assertThat(DatabaseSnapshot.of(this.database.dataSource())).isEqualTo(before);
	}

}

package io.obmigrate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.support.TestDatabase;

/**
 * verify on a real database: after each job it passes with every table validated; hand-made corruptions are found,
 * named by job, table, key and column, and end the run with exit 5; {@code --failed-only} after the repair passes.
 */
abstract class VerifyJobTests {

	@TempDir
	Path home;

	TestDatabase database;

	JdbcTemplate jdbc;

	abstract TestDatabase createDatabase();

	@BeforeEach
	void setUp() {
		this.database = createDatabase().withIdentity().withReporting();
		this.jdbc = new JdbcTemplate(this.database.dataSource());
	}

	@AfterEach
	void tearDown() {
		this.database.close();
	}

	TestDatabase.Result run(String... args) {
		return this.database.run(this.home, args);
	}

	@Test
	void consentVerifiesThenFindsThreeCorruptionsThenPassesAfterRepair() {
		assertThat(run("generate", "--consents", "300", "--seed", "11").exitCode()).isZero();
		assertThat(run("run", "consent", "--create-schema").exitCode()).isZero();

		TestDatabase.Result clean = run("run", "verify", "--jobs", "consent");
		assertThat(clean.exitCode()).as(clean.toString()).isZero();
		assertThat(clean.out()).contains("no difference");
		for (String table : new String[] { "OB_CONSENT", "OB_CONSENT_AUTH_RESOURCE", "OB_CONSENT_MAPPING",
				"OB_CONSENT_STATUS_AUDIT", "OB_CONSENT_ATTRIBUTE", "OB_CONSENT_FILE" }) {
			assertThat(clean.out()).containsPattern("consent +" + table + " +validated");
		}

		String statusChanged = consentWith("SELECT CONSENT_ID FROM OB_CONSENT ORDER BY CONSENT_ID", 0);
		String originalStatus = this.jdbc.queryForObject("SELECT CURRENT_STATUS FROM OB_CONSENT WHERE CONSENT_ID = ?",
				String.class, statusChanged);
		this.jdbc.update("UPDATE OB_CONSENT SET CURRENT_STATUS = 'tampered' WHERE CONSENT_ID = ?", statusChanged);

		String mappingConsent = consentWith("SELECT r.CONSENT_ID FROM OB_CONSENT_MAPPING m JOIN OB_CONSENT_AUTH_RESOURCE r"
				+ " ON r.AUTH_ID = m.AUTH_ID WHERE r.CONSENT_ID <> '" + statusChanged + "' ORDER BY m.MAPPING_ID", 0);
		var mapping = this.jdbc.queryForList("SELECT m.* FROM OB_CONSENT_MAPPING m JOIN OB_CONSENT_AUTH_RESOURCE r"
				+ " ON r.AUTH_ID = m.AUTH_ID WHERE r.CONSENT_ID = ? ORDER BY m.MAPPING_ID", mappingConsent).get(0);
		this.jdbc.update("DELETE FROM OB_CONSENT_MAPPING WHERE MAPPING_ID = ?", mapping.get("MAPPING_ID"));

		String attributeConsent = consentWith("SELECT CONSENT_ID FROM OB_CONSENT_ATTRIBUTE WHERE CONSENT_ID NOT IN ('"
				+ statusChanged + "', '" + mappingConsent + "') ORDER BY CONSENT_ID, ATT_KEY", 0);
		var attribute = this.jdbc.queryForList("SELECT ATT_KEY, ATT_VALUE FROM OB_CONSENT_ATTRIBUTE WHERE CONSENT_ID = ?"
				+ " ORDER BY ATT_KEY", attributeConsent).get(0);
		this.jdbc.update("UPDATE OB_CONSENT_ATTRIBUTE SET ATT_VALUE = 'changed-by-hand' WHERE CONSENT_ID = ? AND"
				+ " ATT_KEY = ?", attributeConsent, attribute.get("ATT_KEY"));

		TestDatabase.Result corrupted = run("run", "verify", "--jobs", "consent");
		assertThat(corrupted.exitCode()).as(corrupted.toString()).isEqualTo(5);
		assertThat(corrupted.out()).containsPattern("consent +OB_CONSENT +mismatched")
			.containsPattern("consent +OB_CONSENT_MAPPING +mismatched")
			.containsPattern("consent +OB_CONSENT_ATTRIBUTE +mismatched")
			.containsPattern("consent +OB_CONSENT_AUTH_RESOURCE +validated")
			.contains("OB_CONSENT key " + statusChanged + " (" + statusChanged + ") CURRENT_STATUS: expected '"
					+ originalStatus + "', found 'tampered'")
			.contains("OB_CONSENT_MAPPING key " + mapping.get("MAPPING_ID") + " (" + mappingConsent + ") (row)")
			.contains("(" + attributeConsent + ") ATT_VALUE: expected '" + attribute.get("ATT_VALUE")
					+ "', found 'changed-by-hand'");
		assertThat(this.database.jobRepositoryQuery("SELECT DISTINCT SUBJECT FROM OBMIGRATE_VERIFY_FAILURE"
				+ " WHERE KIND = 'MISMATCH' ORDER BY SUBJECT"))
			.containsExactlyInAnyOrder(statusChanged, mappingConsent, attributeConsent);

		// the repair: restore the three rows
		this.jdbc.update("UPDATE OB_CONSENT SET CURRENT_STATUS = ? WHERE CONSENT_ID = ?", originalStatus, statusChanged);
		this.jdbc.update("INSERT INTO OB_CONSENT_MAPPING (MAPPING_ID, AUTH_ID, ACCOUNT_ID, PERMISSION, MAPPING_STATUS)"
				+ " VALUES (?, ?, ?, ?, ?)", mapping.get("MAPPING_ID"), mapping.get("AUTH_ID"), mapping.get("ACCOUNT_ID"),
				mapping.get("PERMISSION"), mapping.get("MAPPING_STATUS"));
		this.jdbc.update("UPDATE OB_CONSENT_ATTRIBUTE SET ATT_VALUE = ? WHERE CONSENT_ID = ? AND ATT_KEY = ?",
				attribute.get("ATT_VALUE"), attributeConsent, attribute.get("ATT_KEY"));
		TestDatabase.Result repaired = run("run", "verify", "--failed-only");
		assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
		assertThat(repaired.out()).contains("Re-checked only the keys").containsPattern("consent +OB_CONSENT +validated +3 ");
	}

	@Test
	void reportingVerifiesThenNamesADeletedAndAChangedRowThenPassesAfterRepair() {
		TestDatabase.Result generated = run("generate", "--reporting-rows", "1500", "--malformed-rate", "0.2", "--seed",
				"3");
		assertThat(generated.exitCode()).as(generated.toString()).isZero();
		TestDatabase.Result migrated = run("run", "reporting");
		assertThat(migrated.exitCode()).as(migrated.toString()).isZero();

		TestDatabase.Result clean = run("run", "verify", "--jobs", "reporting");
		assertThat(clean.exitCode()).as(clean.toString()).isZero();
		for (String table : new String[] { "ACCOUNTS_RAW_DATA__OB3", "PAYMENTS_RAW_DATA__OB3",
				"API_INVOCATION_RAW_DATA__OB3", "API_LATENCY_RAW_DATA__OB3" }) {
			assertThat(clean.out()).containsPattern("reporting +" + table + " +validated");
		}

		var rows = this.jdbc.queryForList("SELECT * FROM ACCOUNTS_RAW_DATA__OB3 ORDER BY ID");
		var deleted = rows.get(3);
		var changed = rows.get(7);
		this.jdbc.update("DELETE FROM ACCOUNTS_RAW_DATA__OB3 WHERE ID = ?", deleted.get("ID"));
		this.jdbc.update("UPDATE ACCOUNTS_RAW_DATA__OB3 SET CONSENT_ID = 'changed-by-hand' WHERE ID = ?",
				changed.get("ID"));

		TestDatabase.Result corrupted = run("run", "verify", "--jobs", "reporting");
		assertThat(corrupted.exitCode()).as(corrupted.toString()).isEqualTo(5);
		assertThat(corrupted.out()).containsPattern("reporting +ACCOUNTS_RAW_DATA__OB3 +mismatched")
			.containsPattern("reporting +PAYMENTS_RAW_DATA__OB3 +validated")
			.contains("ACCOUNTS_RAW_DATA__OB3 key " + deleted.get("ID") + " (")
			.contains("ACCOUNTS_RAW_DATA__OB3 key " + changed.get("ID") + " (")
			.contains("CONSENT_ID: expected '" + changed.get("CONSENT_ID") + "', found 'changed-by-hand'");

		StringBuilder columns = new StringBuilder();
		StringBuilder marks = new StringBuilder();
		java.util.List<Object> values = new java.util.ArrayList<>();
		deleted.forEach((column, value) -> {
			columns.append(columns.isEmpty() ? "" : ", ").append(column);
			marks.append(marks.isEmpty() ? "?" : ", ?");
			values.add(value);
		});
		this.jdbc.update("INSERT INTO ACCOUNTS_RAW_DATA__OB3 (" + columns + ") VALUES (" + marks + ")", values.toArray());
		this.jdbc.update("UPDATE ACCOUNTS_RAW_DATA__OB3 SET CONSENT_ID = ? WHERE ID = ?", changed.get("CONSENT_ID"),
				changed.get("ID"));
		TestDatabase.Result repaired = run("run", "verify", "--failed-only");
		assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
		assertThat(repaired.out()).containsPattern("reporting +ACCOUNTS_RAW_DATA__OB3 +validated +2 ");
	}

	@Test
	void aStrayTargetConsentIsReportedApartAndDoesNotFail() {
		assertThat(run("generate", "--consents", "50", "--seed", "5").exitCode()).isZero();
		assertThat(run("run", "consent", "--create-schema").exitCode()).isZero();
		this.jdbc.update("INSERT INTO OB_CONSENT (CONSENT_ID, RECEIPT, CREATED_TIME, UPDATED_TIME, CLIENT_ID, CONSENT_TYPE,"
				+ " CURRENT_STATUS, CONSENT_FREQUENCY, VALIDITY_TIME, RECURRING_INDICATOR) VALUES ('zz-native-1', '{}',"
				+ " 1, 1, 'client', 'accounts', 'authorised', 0, 0, ?)", Boolean.TRUE);
		TestDatabase.Result result = run("run", "verify");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("1 target rows without a source").contains("zz-native-1")
			.contains("a consent obmigrate did not write");
	}

	@Test
	void aMappingRowTheRulesDoNotGiveIsFoundWithOrWithoutAnIndexToNameIt() {
		assertThat(run("generate", "--consents", "120", "--seed", "6").exitCode()).isZero();
		assertThat(run("run", "consent", "--create-schema").exitCode()).isZero();
		String authId = this.jdbc.queryForList("SELECT AUTH_ID FROM OB_CONSENT_MAPPING ORDER BY MAPPING_ID", String.class)
			.get(0);
		this.jdbc.update("INSERT INTO OB_CONSENT_MAPPING (MAPPING_ID, AUTH_ID, ACCOUNT_ID, PERMISSION, MAPPING_STATUS)"
				+ " VALUES ('extra-mapping-1', ?, 'acc-extra', 'primary', 'active')", authId);
		TestDatabase.Result result = run("run", "verify", "--jobs", "consent");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
		assertThat(result.out()).containsPattern("consent +OB_CONSENT_MAPPING +mismatched")
			.containsPattern("consent +OB_CONSENT +validated");
		// named where OB_CONSENT_MAPPING has an index on AUTH_ID (MariaDB, H2); counted where it has none (PostgreSQL's
		// OB 3.0 DDL)
		assertThat(result.out()).containsAnyOf("OB_CONSENT_MAPPING key extra-mapping-1 (",
				"1 rows beyond are not named: without an index on OB_CONSENT_MAPPING(AUTH_ID)");
	}

	@Test
	void nothingCompletedIsAUsageError() {
		TestDatabase.Result result = run("run", "verify");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("Nothing to verify").contains("no completed consent run");
	}

	private String consentWith(String sql, int index) {
		return this.jdbc.queryForList(sql, String.class).get(index);
	}

}

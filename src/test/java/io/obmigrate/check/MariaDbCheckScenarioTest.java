package io.obmigrate.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import io.obmigrate.cli.ExitCodes;
import io.obmigrate.support.TestDatabase;

class MariaDbCheckScenarioTest extends CheckScenarioTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mariadb();
	}

	/** latin1-target: WSO2's OB 3.0 MySQL setup may create latin1 databases. */
	@Test
	void latin1TargetIsABlockerOnlyWhenSourceTextDoesNotFit() throws Exception {
		try (Connection connection = this.database.dataSource().getConnection()) {
			ScriptUtils.executeSqlScript(connection, new ClassPathResource("sql/mysql/ob3-consent.sql"));
		}
		this.jdbc.execute("ALTER TABLE OB_CONSENT_STATUS_AUDIT MODIFY REASON VARCHAR(255) CHARACTER SET latin1");
		this.jdbc.execute("ALTER TABLE SP_METADATA MODIFY VALUE VARCHAR(4096) NOT NULL");
		this.jdbc.update("UPDATE OB_DCR_DETAILS SET SOFTWARE_ID = 'TPPSoftware2' WHERE ID = 'r2'");
		this.jdbc.update("UPDATE SP_APP SET APP_NAME = 'Renamed' WHERE APP_NAME = 'admin_TPP_Software_PRODUCTION'");
		this.jdbc.update("INSERT INTO UK_ACCOUNT_INITIATION (ID, REQUEST, STATUS, CLIENT_ID, SPEC_VERSION) VALUES"
				+ " ('c1', '{\"Data\":{}}', 'Authorised', 'client-1', '3.1')");
		this.jdbc.update("INSERT INTO UK_ACCOUNT_CONSENT_REV_HISTORY (CONSENT_ID, REVOCATION_USER, REVOCATION_REASON)"
				+ " VALUES ('c1', 'psu', 'Revoked by the PSU in Zürich')");
		TestDatabase.Result latinOnly = this.database.run(this.home, "check");
		assertThat(latinOnly.exitCode()).as(latinOnly.toString()).isZero();
		assertThat(latinOnly.out()).contains("WARN     ob-target [latin1-target] Target columns in a non-Unicode character set")
			.contains("OB_CONSENT_STATUS_AUDIT.REASON (latin1)");

		this.jdbc.update("UPDATE UK_ACCOUNT_CONSENT_REV_HISTORY SET REVOCATION_REASON = 'Отозвано клиентом'");
		TestDatabase.Result cyrillic = this.database.run(this.home, "check", "--emit-sql",
				this.home.resolve("s.sql").toString());
		assertThat(cyrillic.exitCode()).as(cyrillic.toString()).isEqualTo(ExitCodes.PREFLIGHT_BLOCKERS);
		assertThat(cyrillic.out()).contains("BLOCKER  ob-target [latin1-target] Target columns in a non-Unicode character set")
			.contains("UK_ACCOUNT_CONSENT_REV_HISTORY.REVOCATION_REASON=1");
		assertThat(java.nio.file.Files.readString(this.home.resolve("s.sql")))
			.contains("ALTER TABLE `OB_CONSENT_STATUS_AUDIT` CONVERT TO CHARACTER SET utf8mb4");
	}

}

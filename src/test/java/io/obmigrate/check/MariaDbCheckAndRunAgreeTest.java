package io.obmigrate.check;

import org.junit.jupiter.api.Test;

import io.obmigrate.support.TestDatabase;

class MariaDbCheckAndRunAgreeTest extends CheckAndRunAgreeTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mariadb();
	}

	/** latin1-target: a target column that cannot hold the source's text blocks check and the consent job alike. */
	@Test
	void latin1TargetThatCannotHoldTheSourceTextRefusesTheConsentJob() throws Exception {
		this.jdbc.execute("ALTER TABLE OB_CONSENT_STATUS_AUDIT MODIFY REASON VARCHAR(255) CHARACTER SET latin1");
		this.jdbc.update("INSERT INTO UK_ACCOUNT_CONSENT_REV_HISTORY (CONSENT_ID, REVOCATION_USER, REVOCATION_REASON)"
				+ " VALUES ('c1', 'psu', 'Отозвано клиентом')");
		assertAgree("consent", "latin1-target");
	}

}

package io.obmigrate.consent;

import io.obmigrate.support.TestDatabase;

class MariaDbConsentBadInputTest extends ConsentBadInputTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mariadb();
	}

}

package io.obmigrate.consent;

import io.obmigrate.support.TestDatabase;

class PostgresConsentBadInputTest extends ConsentBadInputTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}

package io.obmigrate.dcr;

import io.obmigrate.support.TestDatabase;

class PostgresDcrBadInputTest extends DcrBadInputTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}

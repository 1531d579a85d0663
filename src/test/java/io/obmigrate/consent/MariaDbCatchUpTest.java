package io.obmigrate.consent;

import io.obmigrate.support.TestDatabase;

class MariaDbCatchUpTest extends CatchUpTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mariadb();
	}

}

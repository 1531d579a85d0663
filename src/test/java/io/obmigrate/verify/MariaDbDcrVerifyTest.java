package io.obmigrate.verify;

import io.obmigrate.support.TestDatabase;

class MariaDbDcrVerifyTest extends DcrVerifyTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mariadb();
	}

}

package io.obmigrate.verify;

import io.obmigrate.support.TestDatabase;

class MariaDbVerifyJobTest extends VerifyJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mariadb();
	}

}

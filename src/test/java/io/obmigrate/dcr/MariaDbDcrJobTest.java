package io.obmigrate.dcr;

import io.obmigrate.support.TestDatabase;

class MariaDbDcrJobTest extends DcrJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mariadb();
	}

}

package io.obmigrate.dcr;

import io.obmigrate.support.TestDatabase;

class MariaDbDcrBadInputTest extends DcrBadInputTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mariadb();
	}

}

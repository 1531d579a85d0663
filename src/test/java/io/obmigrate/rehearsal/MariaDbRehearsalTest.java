package io.obmigrate.rehearsal;

import io.obmigrate.support.TestDatabase;

class MariaDbRehearsalTest extends RehearsalTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mariadb();
	}

}

package io.obmigrate.rehearsal;

import io.obmigrate.support.TestDatabase;

class MariaDbRollbackTest extends RollbackTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mariadb();
	}

}

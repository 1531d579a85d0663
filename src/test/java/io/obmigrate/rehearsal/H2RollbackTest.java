package io.obmigrate.rehearsal;

import io.obmigrate.support.TestDatabase;

class H2RollbackTest extends RollbackTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}

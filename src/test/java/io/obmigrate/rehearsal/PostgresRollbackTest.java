package io.obmigrate.rehearsal;

import io.obmigrate.support.TestDatabase;

class PostgresRollbackTest extends RollbackTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}

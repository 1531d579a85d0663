package io.obmigrate.rehearsal;

import io.obmigrate.support.TestDatabase;

class PostgresRehearsalTest extends RehearsalTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}

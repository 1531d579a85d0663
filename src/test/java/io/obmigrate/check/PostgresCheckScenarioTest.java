package io.obmigrate.check;

import io.obmigrate.support.TestDatabase;

class PostgresCheckScenarioTest extends CheckScenarioTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}

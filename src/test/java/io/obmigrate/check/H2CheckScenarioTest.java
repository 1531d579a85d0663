package io.obmigrate.check;

import io.obmigrate.support.TestDatabase;

class H2CheckScenarioTest extends CheckScenarioTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}

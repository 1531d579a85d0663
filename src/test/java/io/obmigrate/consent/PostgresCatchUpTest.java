package io.obmigrate.consent;

import io.obmigrate.support.TestDatabase;

class PostgresCatchUpTest extends CatchUpTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}

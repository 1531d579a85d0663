package io.obmigrate.consent;

import io.obmigrate.support.TestDatabase;

class H2CatchUpTest extends CatchUpTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}

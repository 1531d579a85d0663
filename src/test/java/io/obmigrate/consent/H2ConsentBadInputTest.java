package io.obmigrate.consent;

import io.obmigrate.support.TestDatabase;

class H2ConsentBadInputTest extends ConsentBadInputTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}

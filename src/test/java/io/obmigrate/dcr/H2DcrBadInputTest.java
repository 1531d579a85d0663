package io.obmigrate.dcr;

import io.obmigrate.support.TestDatabase;

class H2DcrBadInputTest extends DcrBadInputTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}

package io.obmigrate.verify;

import io.obmigrate.support.TestDatabase;

class H2DcrVerifyTest extends DcrVerifyTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}

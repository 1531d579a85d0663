package io.obmigrate.check;

import io.obmigrate.support.TestDatabase;

class H2CheckAndRunAgreeTest extends CheckAndRunAgreeTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}

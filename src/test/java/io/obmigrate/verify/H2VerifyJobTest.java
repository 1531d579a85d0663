package io.obmigrate.verify;

import io.obmigrate.support.TestDatabase;

class H2VerifyJobTest extends VerifyJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}

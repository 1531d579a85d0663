package io.obmigrate.verify;

import io.obmigrate.support.TestDatabase;

class PostgresDcrVerifyTest extends DcrVerifyTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}

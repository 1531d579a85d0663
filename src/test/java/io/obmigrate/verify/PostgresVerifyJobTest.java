package io.obmigrate.verify;

import io.obmigrate.support.TestDatabase;

class PostgresVerifyJobTest extends VerifyJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}

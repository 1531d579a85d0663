package io.obmigrate.check;

import io.obmigrate.support.TestDatabase;

class PostgresCheckAndRunAgreeTest extends CheckAndRunAgreeTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}

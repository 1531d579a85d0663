package io.obmigrate.dcr;

import io.obmigrate.support.TestDatabase;

class PostgresDcrJobTest extends DcrJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}

package io.obmigrate.dcr;

import io.obmigrate.support.TestDatabase;

class H2OracleModeDcrJobTest extends DcrJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2("Oracle");
	}

}

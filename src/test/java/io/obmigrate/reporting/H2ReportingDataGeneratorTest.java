package io.obmigrate.reporting;

import io.obmigrate.support.TestDatabase;

class H2ReportingDataGeneratorTest extends ReportingDataGeneratorTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}

package io.obmigrate.reporting;

import io.obmigrate.support.TestDatabase;

class H2ReportingBadInputTest extends ReportingBadInputTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}

package io.obmigrate.reporting;

import io.obmigrate.support.TestDatabase;

class H2ReportingJobTest extends ReportingJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}

package io.obmigrate.reporting;

import io.obmigrate.support.TestDatabase;

class MariaDbReportingDataGeneratorTest extends ReportingDataGeneratorTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mariadb();
	}

}

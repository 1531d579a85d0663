package io.obmigrate.reporting;

import io.obmigrate.support.TestDatabase;

class MariaDbReportingBadInputTest extends ReportingBadInputTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mariadb();
	}

}

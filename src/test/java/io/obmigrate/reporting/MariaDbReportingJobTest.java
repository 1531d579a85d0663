package io.obmigrate.reporting;

import io.obmigrate.support.TestDatabase;

class MariaDbReportingJobTest extends ReportingJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mariadb();
	}

}

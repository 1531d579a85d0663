package io.obmigrate.reporting;

import io.obmigrate.support.TestDatabase;

class PostgresReportingJobTest extends ReportingJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}

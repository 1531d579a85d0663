package io.obmigrate.reporting;

import io.obmigrate.support.TestDatabase;

class PostgresReportingBadInputTest extends ReportingBadInputTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}

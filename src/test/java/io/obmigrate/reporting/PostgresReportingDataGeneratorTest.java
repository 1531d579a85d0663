package io.obmigrate.reporting;

import io.obmigrate.support.TestDatabase;

class PostgresReportingDataGeneratorTest extends ReportingDataGeneratorTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}

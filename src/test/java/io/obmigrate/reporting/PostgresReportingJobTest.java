package io.obmigrate.reporting;

import java.util.List;

import io.obmigrate.support.TestDatabase;

class PostgresReportingJobTest extends ReportingJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}


	@Override
	List<String> passThroughTypes() {
		return List.of("smallint", "numeric(12,2)", "varchar(40)", "timestamp");
	}

}

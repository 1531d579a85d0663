package io.obmigrate.reporting;

import java.util.List;

import io.obmigrate.support.TestDatabase;

class MariaDbReportingJobTest extends ReportingJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mariadb();
	}


	@Override
	List<String> passThroughTypes() {
		return List.of("tinyint(1)", "decimal(12,2)", "varchar(40)", "datetime");
	}

}

package io.obmigrate.reporting;

import io.obmigrate.support.TestDatabase;

/**
 * The reporting job with the Oracle dialect (sql/oracle DDL, FETCH FIRST paging, NUMBER columns, chunk mode, ALTER
 * TABLE … RENAME TO cut-over) on H2 in Oracle mode.
 */
class H2OracleModeReportingJobTest extends ReportingJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2("Oracle");
	}

	@Override
	boolean hasInDatabaseMode() {
		return false;
	}

}

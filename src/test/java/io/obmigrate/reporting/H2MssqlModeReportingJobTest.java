package io.obmigrate.reporting;

import io.obmigrate.support.TestDatabase;

/**
 * The reporting job with the SQL Server dialect (sql/mssql DDL, OFFSET … FETCH paging, BIT columns, chunk mode) on H2
 * in MSSQLServer mode. The cut-over's {@code EXEC sp_rename} does not exist in H2: that test runs only on a real SQL
 * Server ({@link MssqlReportingJobTest}).
 */
class H2MssqlModeReportingJobTest extends ReportingJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2("MSSQLServer");
	}

	@Override
	boolean runsRenames() {
		return false;
	}

	@Override
	boolean hasInDatabaseMode() {
		return false;
	}

}

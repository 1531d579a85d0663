package io.obmigrate.reporting;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

import io.obmigrate.support.TestDatabase;

/** The reporting job and its sp_rename cut-over on a real SQL Server (Testcontainers); skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class MssqlReportingJobTest extends ReportingJobTests {

	@Container
	static final MSSQLServerContainer SQL_SERVER = new MSSQLServerContainer("mcr.microsoft.com/mssql/server:2022-latest")
		.acceptLicense();

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.sqlServer(SQL_SERVER.getJdbcUrl(), SQL_SERVER.getUsername(), SQL_SERVER.getPassword());
	}

	@Override
	boolean hasInDatabaseMode() {
		return false;
	}

}

package io.obmigrate.consent;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

import io.obmigrate.support.TestDatabase;

/** The consent job on a real SQL Server (Testcontainers); skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class MssqlEdgeCaseJobTest extends EdgeCaseJobTests {

	@Container
	static final MSSQLServerContainer SQL_SERVER = new MSSQLServerContainer("mcr.microsoft.com/mssql/server:2022-latest")
		.acceptLicense();

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.sqlServer(SQL_SERVER.getJdbcUrl(), SQL_SERVER.getUsername(), SQL_SERVER.getPassword());
	}

}

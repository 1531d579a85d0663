package io.obmigrate.reporting;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

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
		String name = "obm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection connection = DriverManager.getConnection(SQL_SERVER.getJdbcUrl(), SQL_SERVER.getUsername(),
				SQL_SERVER.getPassword()); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return TestDatabase.external("mssql", SQL_SERVER.getJdbcUrl() + ";databaseName=" + name,
				SQL_SERVER.getUsername(), SQL_SERVER.getPassword());
	}

	@Override
	boolean hasInDatabaseMode() {
		return false;
	}

}

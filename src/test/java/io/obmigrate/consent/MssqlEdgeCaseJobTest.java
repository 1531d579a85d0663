package io.obmigrate.consent;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

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
		String name = "obm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute("CREATE DATABASE " + name);
		return TestDatabase.external("mssql", SQL_SERVER.getJdbcUrl() + ";databaseName=" + name,
				SQL_SERVER.getUsername(), SQL_SERVER.getPassword());
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(SQL_SERVER.getJdbcUrl(), SQL_SERVER.getUsername(),
				SQL_SERVER.getPassword()); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

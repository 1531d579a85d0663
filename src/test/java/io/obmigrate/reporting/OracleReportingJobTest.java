package io.obmigrate.reporting;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.oracle.OracleContainer;

import io.obmigrate.support.TestDatabase;

/** The reporting job and its RENAME cut-over on a real Oracle Database Free (Testcontainers); skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class OracleReportingJobTest extends ReportingJobTests {

	@Container
	static final OracleContainer ORACLE = new OracleContainer("gvenzl/oracle-free:23-slim-faststart");

	@Override
	TestDatabase createDatabase() {
		String user = "OBM_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
		try (Connection connection = DriverManager.getConnection(ORACLE.getJdbcUrl(), "system", ORACLE.getPassword());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE USER " + user + " IDENTIFIED BY obm_test QUOTA UNLIMITED ON USERS");
			statement.execute("GRANT CREATE SESSION, CREATE TABLE, CREATE SEQUENCE TO " + user);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return TestDatabase.external("oracle", ORACLE.getJdbcUrl(), user, "obm_test");
	}

	@Override
	boolean hasInDatabaseMode() {
		return false;
	}

}

package io.obmigrate.reporting;

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
		return TestDatabase.oracle(ORACLE.getJdbcUrl(), ORACLE.getPassword());
	}

	@Override
	boolean hasInDatabaseMode() {
		return false;
	}

}

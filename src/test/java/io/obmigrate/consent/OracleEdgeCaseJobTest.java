package io.obmigrate.consent;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.oracle.OracleContainer;

import io.obmigrate.support.TestDatabase;

/** The consent job on a real Oracle Database Free (Testcontainers); skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class OracleEdgeCaseJobTest extends EdgeCaseJobTests {

	@Container
	static final OracleContainer ORACLE = new OracleContainer("gvenzl/oracle-free:23-slim-faststart");

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.oracle(ORACLE.getJdbcUrl(), ORACLE.getPassword());
	}

}

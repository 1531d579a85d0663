package io.obmigrate.consent;

import io.obmigrate.support.TestDatabase;

/** The consent job on the local MariaDB through mysql-connector-j with rewriteBatchedStatements (the MySQL dialect). */
class MariaDbEdgeCaseJobTest extends EdgeCaseJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.mariadb();
	}

}

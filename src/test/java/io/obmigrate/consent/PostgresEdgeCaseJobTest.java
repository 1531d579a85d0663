package io.obmigrate.consent;

import io.obmigrate.support.TestDatabase;

/** The consent job on the local PostgreSQL. */
class PostgresEdgeCaseJobTest extends EdgeCaseJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}

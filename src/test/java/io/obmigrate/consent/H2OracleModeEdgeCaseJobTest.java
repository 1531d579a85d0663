package io.obmigrate.consent;

import io.obmigrate.support.TestDatabase;

/** The Oracle dialect's DDL and SQL (FETCH FIRST paging, sql/oracle) on H2 in Oracle mode. */
class H2OracleModeEdgeCaseJobTest extends EdgeCaseJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2("Oracle");
	}

}

package io.obmigrate.consent;

import io.obmigrate.support.TestDatabase;

/** The MSSQL dialect's DDL and SQL (OFFSET ... FETCH paging, sql/mssql) on H2 in MSSQLServer mode. */
class H2MssqlModeEdgeCaseJobTest extends EdgeCaseJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2("MSSQLServer");
	}

}

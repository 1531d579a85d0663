package io.obmigrate.consent;

import io.obmigrate.support.TestDatabase;

/** The consent job on H2 (the demo's database). */
class H2EdgeCaseJobTest extends EdgeCaseJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}

package io.obmigrate.upgrade;

import io.obmigrate.support.TestDatabase;

class PostgresUpgradePlanEndToEndTest extends UpgradePlanEndToEndTests {

	@Override
	TestDatabase database() {
		return TestDatabase.postgres();
	}

}

package io.obmigrate.upgrade;

import io.obmigrate.support.TestDatabase;

class MariaDbUpgradePlanEndToEndTest extends UpgradePlanEndToEndTests {

	@Override
	TestDatabase database() {
		return TestDatabase.mariadb();
	}

}

package io.obmigrate.check;

class MariaDbEmitSqlHostileValuesTest extends EmitSqlHostileValuesTests.MariaDb {

}

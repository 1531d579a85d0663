package io.obmigrate.check;

class PostgresEmitSqlHostileValuesTest extends EmitSqlHostileValuesTests.Postgres {

}

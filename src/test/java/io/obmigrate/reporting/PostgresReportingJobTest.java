package io.obmigrate.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.obmigrate.support.TestDatabase;

class PostgresReportingJobTest extends ReportingJobTests {

	@Override
	TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}


	@Override
	List<String> passThroughTypes() {
		return List.of("smallint", "numeric(12,2)", "varchar(40)", "timestamp");
	}

	/**
	 * A table PostgreSQL has no statistics for (a restored copy before ANALYZE) makes every key range a full scan:
	 * check and the run's gates warn, naming the tables; the generator analyzes what it loads.
	 */
	@Test
	void tablesWithoutStatisticsAreNamedBeforeTheRun() {
		TestDatabase.Result analyzed = this.database.run(this.home, "check");
		assertThat(analyzed.out()).as(analyzed.toString()).doesNotContain("[table-without-statistics]");
		// a copy loaded without ANALYZE, as pg_restore leaves it
		this.jdbc.execute("CREATE TABLE authorisation_copy (LIKE authorisation_raw_data INCLUDING ALL)");
		this.jdbc.execute("INSERT INTO authorisation_copy SELECT * FROM authorisation_raw_data");
		this.jdbc.execute("DROP TABLE authorisation_raw_data");
		this.jdbc.execute("ALTER TABLE authorisation_copy RENAME TO authorisation_raw_data");
		TestDatabase.Result check = this.database.run(this.home, "check");
		assertThat(check.out()).as(check.toString()).containsPattern("\\[table-without-statistics\\].*PostgreSQL has no"
				+ " planner statistics for \\[authorisation_raw_data\\]");
		TestDatabase.Result run = this.database.run(this.home, "run", "reporting");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out() + run.err()).contains("table-without-statistics");
		this.jdbc.execute("ANALYZE authorisation_raw_data");
		assertThat(this.database.run(this.home, "check").out()).doesNotContain("[table-without-statistics]");
	}

}

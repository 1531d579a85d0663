package io.obmigrate.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.support.TestDatabase;

/** `generate --reporting-rows`: the OB 2.0 stats tables with realistic rows and the atlas G.3 cases planted. */
abstract class ReportingDataGeneratorTests {

	@TempDir
	Path home;

	abstract TestDatabase createDatabase();

	@Test
	void generatesEveryTableAndTheG3Cases() {
		try (TestDatabase database = createDatabase()) {
			database.withReporting();
			TestDatabase.Result result = database.run(this.home, "generate", "--reporting-rows", "3000",
					"--malformed-rate", "0.2", "--seed", "7");
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("API_INVOCATION_RAW_DATA", "latency-inputs",
					"accounts-without-invocation", "two-addresses-one-long", "same-id-two-timestamps",
					"timestamp-range");
			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			long invocations = jdbc.queryForObject("SELECT COUNT(*) FROM API_INVOCATION_RAW_DATA", Long.class);
			long accounts = jdbc.queryForObject("SELECT COUNT(DISTINCT ID) FROM ACCOUNTS_RAW_DATA", Long.class);
			long funds = jdbc.queryForObject("SELECT COUNT(*) FROM FUNDS_CONFIRMATION_RAW_DATA", Long.class);
			long payments = jdbc.queryForObject("SELECT COUNT(*) FROM PAYMENTS_RAW_DATA", Long.class);
			assertThat(accounts + funds + payments).isEqualTo(3000);
			assertThat(invocations).isLessThan(3000).isGreaterThan(2800);
			// 39: an ID at two timestamps; 38: a consent with two addresses, one over 254 characters
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACCOUNTS_RAW_DATA", Long.class)).isGreaterThan(accounts);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT consentId FROM TransactionDeliveryAddress"
					+ " GROUP BY consentId HAVING COUNT(*) > 1) T", Long.class)).isPositive();
			// 36: zero and NULL request start times; 42: before 2000 and after 2038
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM API_INVOCATION_RAW_DATA WHERE REQUEST_EXQ_START_TIME = 0"
					+ " OR REQUEST_EXQ_START_TIME IS NULL", Long.class)).isPositive();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM API_INVOCATION_RAW_DATA WHERE TIMESTAMP > 2147483647",
					Long.class)).isPositive();
			assertThat(database.run(this.home, "generate", "--reporting-rows", "10", "--seed", "7").exitCode())
				.as("the same seed twice is refused").isEqualTo(2);
		}
	}

}

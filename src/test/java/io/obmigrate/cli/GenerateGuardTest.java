package io.obmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.support.TestDatabase;

/**
 * {@code generate} writes synthetic rows, so it refuses a database whose tables already hold rows (it may be a bank's
 * real one) unless told {@code --into-existing}: consents, DCR registrations into Identity Server tables, reporting.
 */
class GenerateGuardTest {

	@TempDir
	Path home;

	@Test
	void refusesTablesThatAlreadyHoldRowsUnlessIntoExisting() {
		try (TestDatabase database = TestDatabase.mariadb().withIdentity().withReporting()) {
			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			assertThat(database.run(this.home, "generate", "--consents", "200", "--dcr-registrations", "20",
					"--reporting-rows", "100").exitCode()).isZero();
			long consents = jdbc.queryForObject("SELECT COUNT(*) FROM UK_ACCOUNT_INITIATION", Long.class);

			TestDatabase.Result refused = database.run(this.home, "generate", "--consents", "100");
			assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.USAGE);
			assertThat(refused.err()).contains("UK_ACCOUNT_INITIATION (" + String.format("%,d", consents) + " rows)")
				.contains("nothing was written").contains("--into-existing");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UK_ACCOUNT_INITIATION", Long.class)).isEqualTo(consents);

			TestDatabase.Result identity = database.run(this.home, "generate", "--dcr-registrations", "5");
			assertThat(identity.exitCode()).as(identity.toString()).isEqualTo(ExitCodes.USAGE);
			assertThat(identity.err()).contains("OB_DCR_DETAILS").contains("SP_APP");

			TestDatabase.Result reporting = database.run(this.home, "generate", "--reporting-rows", "5");
			assertThat(reporting.exitCode()).as(reporting.toString()).isEqualTo(ExitCodes.USAGE);
			assertThat(reporting.err()).contains("API_INVOCATION_RAW_DATA");

			TestDatabase.Result added = database.run(this.home, "generate", "--consents", "100", "--into-existing",
					"--seed", "2");
			assertThat(added.exitCode()).as(added.toString()).isZero();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM UK_ACCOUNT_INITIATION", Long.class))
				.isGreaterThan(consents);
		}
	}

}

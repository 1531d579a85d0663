package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Which consents obmigrate wrote, told by their creation audit: under the ID of the consent's own type (its region),
 * or an ID an earlier version gave it.
 */
class ConsentRemovalTest {

	private SingleConnectionDataSource dataSource;

	private JdbcTemplate target;

	@BeforeEach
	void createAuditTable() {
		this.dataSource = new SingleConnectionDataSource("jdbc:h2:mem:consent-removal-" + System.nanoTime(), "sa", "",
				true);
		this.target = new JdbcTemplate(this.dataSource);
		this.target.execute("CREATE TABLE OB_CONSENT_STATUS_AUDIT (STATUS_AUDIT_ID VARCHAR(255) PRIMARY KEY,"
				+ " CONSENT_ID VARCHAR(255) NOT NULL)");
	}

	@AfterEach
	void close() {
		this.dataSource.destroy();
	}

	@Test
	void aConsentWasWrittenByObmigrateWhenItsCreationAuditHasItsOwnTypesIdOrAnEarlierOne() {
		audit(AuditEvent.CREATED.auditId(ConsentType.ACCOUNTS, "c-accounts", null), "c-accounts");
		audit(AuditEvent.CREATED_AWAITING_UPLOAD.auditId(ConsentType.PAYMENTS, "c-file", null), "c-file");
		audit(AuditEvent.CREATED.earlierAuditIds("c-before-regions").get(0), "c-before-regions");
		audit(AuditEvent.CREATED.earlierAuditIds("c-version-5").get(1), "c-version-5");
		audit("4f1d2c3b-0000-4000-8000-000000000000", "c-native");
		List<String> ids = List.of("c-accounts", "c-file", "c-before-regions", "c-version-5", "c-native");

		assertThat(ConsentRemoval.migrated(this.target, ids)).as("types unknown: each type's ID is looked for")
			.containsExactly("c-accounts", "c-before-regions", "c-file", "c-version-5");
		Map<String, ConsentType> types = Map.of("c-accounts", ConsentType.ACCOUNTS, "c-file", ConsentType.PAYMENTS,
				"c-before-regions", ConsentType.FUNDS_CONFIRMATIONS, "c-version-5", ConsentType.PAYMENTS);
		assertThat(ConsentRemoval.migrated(this.target, ids, types::get))
			.containsExactly("c-accounts", "c-before-regions", "c-file", "c-version-5");
		// read as another type, a consent's own creation audit is not there: it is another type's consent
		assertThat(ConsentRemoval.migrated(this.target, ids, id -> ConsentType.FUNDS_CONFIRMATIONS))
			.containsExactly("c-before-regions", "c-version-5");
	}

	private void audit(String auditId, String consentId) {
		this.target.update("INSERT INTO OB_CONSENT_STATUS_AUDIT VALUES (?, ?)", auditId, consentId);
	}

}

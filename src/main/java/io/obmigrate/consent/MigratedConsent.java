package io.obmigrate.consent;

import java.util.List;

import io.obmigrate.core.RowReport;

/** The OB 3.0 rows of one consent, written together or not at all, and the notices raised. */
public record MigratedConsent(Consent consent, List<AuthorisationResource> authorisationResources,
		List<AccountMapping> mappings, List<StatusAudit> statusAudits, List<Attribute> attributes, ConsentFile file,
		List<RowReport> notices) implements ConsentOutcome {

	public record Consent(String consentId, String receipt, long createdTime, long updatedTime, String clientId,
			String consentType, String currentStatus, int consentFrequency, long validityTime,
			boolean recurringIndicator) {
	}

	public record AuthorisationResource(String authId, String consentId, String authType, String userId,
			String authStatus, long updatedTime) {
	}

	public record AccountMapping(String mappingId, String authId, String accountId, String permission,
			String mappingStatus) {
	}

	public record StatusAudit(String statusAuditId, String consentId, String currentStatus, long actionTime,
			String reason, String actionBy, String previousStatus) {
	}

	public record Attribute(String consentId, String key, String value) {
	}

	public record ConsentFile(String consentId, byte[] content) {
	}

}

package io.obmigrate.consent;

import java.util.List;

/**
 * Everything OB 2.0 holds about one consent, gathered by the reader for a whole chunk at once: the initiation row and
 * its child rows from every table the mapping rules read, plus what the OB 3.0 target already holds.
 */
public record ConsentSource(Initiation initiation, List<Binding> bindings, List<Binding> retiredBindings,
		RevocationHistory revocationHistory, PaymentFile paymentFile, List<Metadata> metadata,
		boolean multiAuthorisationRecorded, List<String> multiAuthorisers, TargetPresence targetPresence) {

	/** An OB 2.0 initiation row with its times already in epoch seconds. */
	public record Initiation(ConsentType type, String id, String request, long createdTime, String status,
			String clientId, long statusUpdatedTime, String specVersion, String idempotentKey) {
	}

	/**
	 * A binding of a PSU to an account ({@code UK_*_CONSENT_BINDING}, or {@code UK_CONSENT_REV} once retired); for
	 * payments the account is the debtor account.
	 */
	public record Binding(String userId, String accountId, long time, String collectionMethod) {
	}

	public record RevocationHistory(String revocationUser, String revocationReason) {
	}

	public record PaymentFile(byte[] content, String idempotentKey, long uploadedTime) {
	}

	public record Metadata(String consentType, String key, String value) {
	}

	/** Whether the consent ID already exists in {@code OB_CONSENT}, and if so whether obmigrate wrote it. */
	public enum TargetPresence {

		ABSENT, MIGRATED, NATIVE

	}

}

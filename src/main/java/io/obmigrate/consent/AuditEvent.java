package io.obmigrate.consent;

import io.obmigrate.core.DeterministicId;

/**
 * The events the migration writes an {@code OB_CONSENT_STATUS_AUDIT} row for. Each has a fixed code that goes into the
 * row's deterministic ID, so a re-run writes the same IDs; never change a code. The creation events also tell a consent
 * obmigrate wrote from a native OB 3.0 one: only obmigrate gives the creation audit this ID.
 */
enum AuditEvent {

	/** Created, awaiting authorisation (every consent but file payments). */
	CREATED("A0"),
	/** A file payment created, awaiting its file. */
	CREATED_AWAITING_UPLOAD("A1"),
	/** A file payment's file uploaded: awaiting authorisation. */
	FILE_UPLOADED("A2"),
	/** Authorised, or rejected, by the PSU. */
	BOUND("B"),
	/** Re-authorised by a PSU (one row per re-authorising user). */
	REAUTHORISED("R"),
	/** A payment consumed. */
	CONSUMED("C"),
	/** Revoked. */
	REVOKED("D");

	private final String code;

	AuditEvent(String code) {
		this.code = code;
	}

	/** The ID of this event's audit row of a consent; {@code userKey} only for per-user events, else null. */
	String auditId(String consentId, String userKey) {
		return userKey == null ? DeterministicId.near(consentId, "audit", this.code)
				: DeterministicId.near(consentId, "audit", this.code, userKey);
	}

	/**
	 * The ID obmigrate gave this event's audit row before its IDs began with their consent's ID (the same name as a
	 * version 5 UUID): consents written then are still told from native ones by it.
	 */
	String earlierAuditId(String consentId) {
		return DeterministicId.of(consentId, "audit", this.code);
	}

	/** The creation audits: the one a consent written by obmigrate has, whatever its type. */
	static final AuditEvent[] CREATION = { CREATED, CREATED_AWAITING_UPLOAD };

}

package io.obmigrate.consent;

import java.util.List;

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

	/**
	 * The ID of this event's audit row of a consent of this type; {@code userKey} only for per-user events, else null.
	 * It begins with the type's region, then the consent's ID ({@link ConsentType#idRegion}).
	 */
	String auditId(ConsentType type, String consentId, String userKey) {
		return userKey == null ? DeterministicId.near(type.idRegion(), consentId, "audit", this.code)
				: DeterministicId.near(type.idRegion(), consentId, "audit", this.code, userKey);
	}

	/**
	 * The IDs earlier obmigrate versions gave this event's audit row (same name): beginning with the consent's ID but
	 * without the type's region (until 2026-12-03), and before that the version 5 UUID. Consents written then are still
	 * told from native ones by them.
	 */
	List<String> earlierAuditIds(String consentId) {
		return List.of(DeterministicId.near(consentId, "audit", this.code),
				DeterministicId.of(consentId, "audit", this.code));
	}

	/** The creation audits: the one a consent written by obmigrate has, whatever its type. */
	static final AuditEvent[] CREATION = { CREATED, CREATED_AWAITING_UPLOAD };

}

package io.obmigrate.consent;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.obmigrate.core.ConfigurationProblem;

/**
 * Every literal the consent job writes (I), in one place. {@code wso2-r2} replicates WSO2's released
 * migration; {@code uk-toolkit-native} writes what a natively created UK Toolkit consent holds (British spellings,
 * tenant-qualified PSU IDs, primary/secondary payment authorisers).
 */
public record VocabularyProfile(String name, Map<ConsentState, String> consentStatuses, String authCreated,
		String authAuthorised, String authRejected, String authReauthorised, String authRevoked,
		String authTypeAuthorisation, String authTypeMultiAuthorisation, String authTypeReauthorisation,
		String mappingActive, String mappingInactive, String permissionDefault, String permissionPrimary,
		String permissionSecondary, boolean primarySecondarySplit, boolean recurringForAccounts,
		boolean appendTenantDomain) {

	/** The state of a consent, independent of how a profile spells it. */
	public enum ConsentState {

		AWAITING_AUTHORISATION, AWAITING_UPLOAD, AUTHORISED, REJECTED, REVOKED, CONSUMED,
		/** A status configured by the operator ({@code obmigrate.consent.extra-statuses}); no authorisation rows. */
		OTHER

	}

	/** OB 2.0 statuses (compared case-insensitively) and the state each stands for. */
	private static final Map<String, ConsentState> OB2_STATUSES = Map.of("awaitingauthorisation",
			ConsentState.AWAITING_AUTHORISATION, "awaitingupload", ConsentState.AWAITING_UPLOAD, "authorised",
			ConsentState.AUTHORISED, "rejected", ConsentState.REJECTED, "revoked", ConsentState.REVOKED, "consumed",
			ConsentState.CONSUMED);

	public static final String CREATE_REASON = "Create consent";

	public static final String UPLOAD_REASON = "Upload consent file";

	public static final String BIND_REASON = "Bind user accounts to consent";

	public static final String REAUTHORISE_REASON = "Reauthorize consent";

	public static final String SUBMISSION_REASON = "Receive submission request for the consent";

	public static final String REVOKE_REASON = "Revoke the consent";

	public static final String ATTR_SPEC_VERSION = "SPEC_VERSION";

	public static final String ATTR_IDEMPOTENCY_KEY = "IdempotencyKey";

	public static final String ATTR_FILE_UPLOAD_IDEMPOTENCY_KEY = "FileUploadIdempotencyKey";

	public static final String ATTR_PAYMENT_TYPE = "PaymentType";

	public static final String ATTR_EXPIRATION = "ExpirationDateTime";

	public static VocabularyProfile wso2R2() {
		return new VocabularyProfile("wso2-r2", statuses("awaitingAuthorization", "awaitingUpload", "authorized",
				"rejected", "revoked", "consumed"), "created", "authorized", "rejected", "re-authorised", "revoked",
				"authorization", "multiAuthorization", "ReAuthorization", "active", "inactive", "n/a", "n/a", "n/a",
				false, true, false);
	}

	public static VocabularyProfile ukToolkitNative() {
		return new VocabularyProfile("uk-toolkit-native", statuses("awaitingAuthorisation", "awaitingUpload",
				"authorised", "rejected", "revoked", "consumed"), "created", "authorised", "rejected", "re-authorised",
				"revoked", "authorization", "multiAuthorization", "ReAuthorization", "active", "inactive", "n/a",
				"primary", "secondary", true, false, true);
	}

	public static VocabularyProfile named(String name) {
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "wso2-r2" -> wso2R2();
			case "uk-toolkit-native" -> ukToolkitNative();
			default -> throw new ConfigurationProblem("Unknown vocabulary profile '" + name
					+ "'. Set obmigrate.consent.profile to wso2-r2 (WSO2's released migration) or uk-toolkit-native"
					+ " (what native UK Toolkit consents hold).");
		};
	}

	/** The state of an OB 2.0 status, or null when the status is unknown and not configured. */
	public static ConsentState stateOf(String ob2Status, Map<String, String> extraStatuses) {
		if (ob2Status == null) {
			return null;
		}
		ConsentState known = OB2_STATUSES.get(ob2Status.strip().toLowerCase(Locale.ROOT));
		if (known != null) {
			return known;
		}
		return extraStatus(ob2Status, extraStatuses) != null ? ConsentState.OTHER : null;
	}

	static String extraStatus(String ob2Status, Map<String, String> extraStatuses) {
		for (Map.Entry<String, String> entry : extraStatuses.entrySet()) {
			if (entry.getKey().equalsIgnoreCase(ob2Status.strip())) {
				return entry.getValue();
			}
		}
		return null;
	}

	public String status(ConsentState state) {
		return this.consentStatuses.get(state);
	}

	/** Consent and authorisation status literals that only the other profiles write: their presence means a clash. */
	public Set<String> foreignStatusLiterals() {
		Set<String> foreign = new java.util.HashSet<>();
		for (VocabularyProfile other : new VocabularyProfile[] { wso2R2(), ukToolkitNative() }) {
			foreign.addAll(other.consentStatuses.values());
			foreign.add(other.authAuthorised);
		}
		foreign.removeAll(this.consentStatuses.values());
		foreign.remove(this.authAuthorised);
		foreign.remove(this.authCreated);
		foreign.remove(this.authRejected);
		foreign.remove(this.authRevoked);
		foreign.remove(this.authReauthorised);
		return foreign;
	}

	private static Map<ConsentState, String> statuses(String awaitingAuthorisation, String awaitingUpload,
			String authorised, String rejected, String revoked, String consumed) {
		Map<ConsentState, String> map = new LinkedHashMap<>();
		map.put(ConsentState.AWAITING_AUTHORISATION, awaitingAuthorisation);
		map.put(ConsentState.AWAITING_UPLOAD, awaitingUpload);
		map.put(ConsentState.AUTHORISED, authorised);
		map.put(ConsentState.REJECTED, rejected);
		map.put(ConsentState.REVOKED, revoked);
		map.put(ConsentState.CONSUMED, consumed);
		return Map.copyOf(map);
	}

}

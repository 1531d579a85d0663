package io.obmigrate.consent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.obmigrate.consent.ConsentSource.Binding;
import io.obmigrate.consent.ConsentSource.Initiation;
import io.obmigrate.consent.MigratedConsent.AccountMapping;
import io.obmigrate.consent.MigratedConsent.Attribute;
import io.obmigrate.consent.MigratedConsent.AuthorisationResource;
import io.obmigrate.consent.MigratedConsent.ConsentFile;
import io.obmigrate.consent.MigratedConsent.StatusAudit;
import io.obmigrate.consent.VocabularyProfile.ConsentState;
import io.obmigrate.core.DeterministicId;
import io.obmigrate.core.RowReport;

/**
 * The consent mapping (WSO2's rules, with obmigrate's safer ones wherever WSO2 loses data): one OB 2.0 consent with its child rows in, the
 * OB 3.0 rows out (or the reason it cannot be migrated). Pure: no Spring, no JDBC, no clock; the same input always
 * gives the same rows and IDs.
 */
public final class ConsentMapping {

	static final String NOT_SELECTED = "NOT_SELECTED";

	static final String REAUTHORISATION_METHOD = "Re-authorization";

	static final String FILE_PAYMENT = "file-payment-consents";

	/** Bindings in a deterministic order: time, then user, then account. */
	private static final Comparator<Binding> BINDING_ORDER = Comparator.comparingLong(Binding::time)
		.thenComparing(Binding::userId)
		.thenComparing(Binding::accountId);

	private final ConsentRules rules;

	private final VocabularyProfile profile;

	public ConsentMapping(ConsentRules rules) {
		this.rules = rules;
		this.profile = rules.profile();
	}

	public ConsentOutcome map(ConsentSource source) {
		return new Run(source).map();
	}

	/** The mapping of one consent; holds the notices it raises. */
	private final class Run {

		private final ConsentSource source;

		private final Initiation initiation;

		private final String consentId;

		private final String table;

		private final List<RowReport> notices = new ArrayList<>();

		Run(ConsentSource source) {
			this.source = source;
			this.initiation = source.initiation();
			this.consentId = this.initiation.id();
			this.table = this.initiation.type().initiationTable();
		}

		ConsentOutcome map() {
			switch (this.source.targetPresence()) {
				case MIGRATED:
					return new ConsentOutcome.Filtered(this.consentId, "already in OB_CONSENT, written by obmigrate");
				case NATIVE:
					return quarantine(ConsentRule.TARGET_CONFLICT, "OB_CONSENT already holds consent " + this.consentId
							+ " and obmigrate did not write it as a consent of this type (a native OB 3.0 consent, or"
							+ " another OB 2.0 type's, with the same ID?). obmigrate"
							+ " never overwrites it: compare the two, remove or re-key one, then run again.");
				default:
					break;
			}
			ConsentState state = VocabularyProfile.stateOf(this.initiation.status(), rules.extraStatuses());
			if (state == null) {
				return quarantine(ConsentRule.UNKNOWN_STATUS, "Status '" + this.initiation.status()
						+ "' has no OB 3.0 mapping in profile " + profile.name()
						+ ". Add obmigrate.consent.extra-statuses." + this.initiation.status()
						+ "=<OB 3.0 status> (for example 'expired') and restart, or correct the source row.");
			}
			if (isBlank(this.initiation.clientId())) {
				return quarantine(ConsentRule.MISSING_CLIENT_ID, "CLIENT_ID is empty; OB_CONSENT.CLIENT_ID is mandatory."
						+ " Restore the TPP's client ID in the source row and restart.");
			}
			if (this.initiation.request() == null) {
				return quarantine(ConsentRule.MISSING_REQUEST, "REQUEST is empty; OB_CONSENT.RECEIPT is mandatory.");
			}
			String statusLiteral = state == ConsentState.OTHER
					? VocabularyProfile.extraStatus(this.initiation.status(), rules.extraStatuses())
					: profile.status(state);

			ConsentBody body = ConsentBody.read(this.initiation.request(), rules.rewriteRule());
			if (body.isArrayOfContent()) {
				notice(ConsentRule.RECEIPT_IS_ARRAY, "REQUEST is a JSON array, not an object; its elements are"
						+ " rewritten and it is kept as an array, which OB 3.0's consent APIs do not read as a consent");
			}
			else if (body.isJson() && !body.isObject()) {
				return quarantine(ConsentRule.RECEIPT_NOT_OBJECT, "REQUEST is JSON " + jsonKind(this.initiation.request())
						+ ", not a consent object; OB 3.0 reads the receipt as an object. Restore the consent body in"
						+ " the source row and restart.");
			}
			String receipt;
			try {
				receipt = body.receipt(rules.rewriteRule());
			}
			catch (ConsentBody.ReceiptTooDeep ex) {
				return quarantine(ConsentRule.RECEIPT_TOO_DEEP, "The rewritten receipt cannot be written as JSON: "
						+ ex.getMessage() + ". A field of REQUEST holds JSON text nested that deep; repair it in the"
						+ " source row and restart.");
			}
			if (!body.isJson()) {
				if (rules.limits().receiptIsJson()) {
					return quarantine(ConsentRule.RECEIPT_NOT_JSON, "REQUEST is not valid JSON and the target RECEIPT"
							+ " column accepts only JSON. Repair the body in the source row and restart.");
				}
				notice(ConsentRule.RECEIPT_COPIED_UNCHANGED, "REQUEST is not JSON; copied unchanged into RECEIPT");
			}
			long validity = validity(body);
			if (this.initiation.statusUpdatedTime() > rules.runStartedAt()) {
				notice(ConsentRule.UPDATED_AFTER_RUN_START,
						"STATUS_UPDATED_TIMESTAMP is after the run started: OB 2.0 may still be live");
			}

			boolean filePayment = isFilePayment();
			Authorisations authorisations = authorisations(state);
			List<StatusAudit> audits = audits(state, filePayment, authorisations);
			Map<String, String> attributes = attributes(validity);
			ConsentFile file = file(state, filePayment);

			boolean recurring = this.initiation.type() != ConsentType.PAYMENTS && profile.recurringForAccounts();
			MigratedConsent.Consent consent = new MigratedConsent.Consent(this.consentId, receipt,
					this.initiation.createdTime(), this.initiation.statusUpdatedTime(), this.initiation.clientId(),
					this.initiation.type().targetType(), statusLiteral, 0, validity, recurring);
			List<Attribute> attributeRows = new ArrayList<>();
			attributes.forEach((key, value) -> attributeRows.add(new Attribute(this.consentId, key, value)));

			String tooLong = firstValueTooLong(consent, authorisations, audits, attributeRows);
			if (tooLong != null) {
				return quarantine(ConsentRule.VALUE_TOO_LONG, tooLong);
			}
			if (file != null) {
				long size = file.content().length;
				long max = rules.limits().max(TargetColumn.CONSENT_FILE);
				if (size > max) {
					return quarantine(ConsentRule.FILE_TOO_LARGE, "The payment file is " + size
							+ " bytes and OB_CONSENT_FILE.CONSENT_FILE holds at most " + max + ". Widen the column"
							+ " (MySQL: ALTER TABLE OB_CONSENT_FILE MODIFY CONSENT_FILE MEDIUMBLOB NOT NULL) and restart;"
							+ " obmigrate never truncates a file.");
				}
			}
			return new MigratedConsent(consent, authorisations.resources, authorisations.mappings, audits,
					attributeRows, file, List.copyOf(new LinkedHashSet<>(this.notices)));
		}

		private long validity(ConsentBody body) {
			if (this.initiation.type() == ConsentType.PAYMENTS) {
				return 0;
			}
			ConsentBody.Expiry expiry = body.expiry();
			switch (expiry.kind()) {
				case ASSUMED_UTC -> notice(ConsentRule.EXPIRY_WITHOUT_OFFSET,
						"ExpirationDateTime '" + expiry.raw() + "' has no offset; UTC assumed");
				case UNPARSEABLE -> notice(ConsentRule.EXPIRY_UNPARSEABLE,
						"ExpirationDateTime '" + expiry.raw() + "' is not a date-time; VALIDITY_TIME set to 0");
				default -> {
				}
			}
			return expiry.epochSeconds();
		}

		private boolean isFilePayment() {
			if (this.initiation.type() != ConsentType.PAYMENTS) {
				return false;
			}
			for (ConsentSource.Metadata m : this.source.metadata()) {
				if (m.key().equalsIgnoreCase("paymentType") && FILE_PAYMENT.equalsIgnoreCase(m.value())) {
					return true;
				}
			}
			return false;
		}

		// ---- authorisation resources and mappings ----

		private final class Authorisations {

			final List<AuthorisationResource> resources = new ArrayList<>();

			final List<AccountMapping> mappings = new ArrayList<>();

			/** Users of the current authorisation, in binding order, with their display IDs. */
			final List<String> currentUsers = new ArrayList<>();

			/** Bindings the status audit takes its "first binding" from. */
			List<Binding> auditBindings = List.of();

			boolean reauthorisation;

		}

		private Authorisations authorisations(ConsentState state) {
			Authorisations result = new Authorisations();
			ConsentType type = this.initiation.type();
			switch (state) {
				case AWAITING_AUTHORISATION, AWAITING_UPLOAD -> {
					String authId = authId("created", null);
					result.resources.add(new AuthorisationResource(authId, this.consentId,
							profile.authTypeAuthorisation(), null, profile.authCreated(),
							this.initiation.statusUpdatedTime()));
					return result;
				}
				case OTHER -> {
					return result;
				}
				default -> {
				}
			}
			List<Binding> current = sorted(this.source.bindings());
			List<Binding> retired = sorted(this.source.retiredBindings());
			if (state == ConsentState.AUTHORISED && type == ConsentType.ACCOUNTS && rules.accountUpdateByPsu()
					&& isReauthorisation(current, retired)) {
				reauthorisation(result, current, retired);
				return result;
			}
			if (state == ConsentState.AUTHORISED && type != ConsentType.PAYMENTS && hasTimestampSpread(current)
					&& retired.isEmpty()) {
				// a spread of binding times alone is not a re-authorisation.
				notice(ConsentRule.BINDING_TIME_SPREAD, "bindings differ in time but there is no re-authorisation marker;"
						+ " migrated as one authorisation");
			}
			List<Binding> bindings = current;
			if (state == ConsentState.REVOKED && type.usesConsentRev()) {
				// union of the binding table and UK_CONSENT_REV, de-duplicated on (user, account).
				bindings = union(current, retired);
				if (bindings.isEmpty()) {
					notice(ConsentRule.REVOKED_WITHOUT_BINDINGS,
							"revoked consent has no binding in the binding table nor in UK_CONSENT_REV");
				}
			}
			result.auditBindings = bindings;
			Map<String, List<Binding>> byUser = groupByUser(bindings);
			boolean payments = type == ConsentType.PAYMENTS;
			boolean multi = payments && (byUser.size() > 1 || this.source.multiAuthorisationRecorded());
			String authStatus = switch (state) {
				case REJECTED -> profile.authRejected();
				default -> profile.authAuthorised();
			};
			String mappingStatus = (state == ConsentState.AUTHORISED || state == ConsentState.CONSUMED)
					? profile.mappingActive() : profile.mappingInactive();
			int ordinal = 0;
			for (Map.Entry<String, List<Binding>> user : byUser.entrySet()) {
				boolean primary = ordinal++ == 0;
				String userId = displayUserId(user.getValue());
				String authType = !multi ? profile.authTypeAuthorisation()
						: (profile.primarySecondarySplit() && primary) ? profile.authTypeAuthorisation()
								: profile.authTypeMultiAuthorisation();
				String permission = !payments ? profile.permissionDefault()
						: primary ? profile.permissionPrimary() : profile.permissionSecondary();
				String authId = authId("bound", user.getKey());
				long earliest = user.getValue().get(0).time();
				result.resources.add(new AuthorisationResource(authId, this.consentId, authType, userId, authStatus,
						earliest));
				result.currentUsers.add(userId);
				addMappings(result, authId, user.getKey(), user.getValue(), permission, mappingStatus);
			}
			if (payments) {
				pendingAuthorisers(byUser.keySet());
			}
			return result;
		}

		private void reauthorisation(Authorisations result, List<Binding> current, List<Binding> retired) {
			result.reauthorisation = true;
			result.auditBindings = union(retired, current);
			for (Map.Entry<String, List<Binding>> user : groupByUser(current).entrySet()) {
				String authId = authId("reauthorised", user.getKey());
				String userId = displayUserId(user.getValue());
				long latest = user.getValue().get(user.getValue().size() - 1).time();
				result.resources.add(new AuthorisationResource(authId, this.consentId,
						profile.authTypeReauthorisation(), userId, profile.authReauthorised(), latest));
				result.currentUsers.add(userId);
				addMappings(result, authId, user.getKey(), user.getValue(), profile.permissionDefault(),
						profile.mappingActive());
			}
			for (Map.Entry<String, List<Binding>> user : groupByUser(retired).entrySet()) {
				String authId = authId("retired", user.getKey());
				result.resources.add(new AuthorisationResource(authId, this.consentId, profile.authTypeAuthorisation(),
						displayUserId(user.getValue()), profile.authRevoked(), user.getValue().get(0).time()));
				addMappings(result, authId, user.getKey(), user.getValue(), profile.permissionDefault(),
						profile.mappingInactive());
			}
		}

		private void addMappings(Authorisations result, String authId, String userKey, List<Binding> bindings,
				String permission, String mappingStatus) {
			Set<String> accounts = new LinkedHashSet<>();
			boolean payments = this.initiation.type() == ConsentType.PAYMENTS;
			for (Binding binding : bindings) {
				String account = binding.accountId();
				if (NOT_SELECTED.equals(account)) {
					if (payments) {
						// a payment's unselected debtor account is written as n/a.
						notice(ConsentRule.DEBTOR_NOT_SELECTED, "debtor account NOT_SELECTED written as n/a");
						account = "n/a";
					}
					else {
						notice(ConsentRule.ACCOUNT_NOT_SELECTED, "binding with account NOT_SELECTED not migrated");
						continue;
					}
				}
				if (accounts.add(account)) {
					result.mappings.add(new AccountMapping(DeterministicId.near(authId, "mapping", account), authId,
							account, permission, mappingStatus));
				}
			}
		}

		private boolean isReauthorisation(List<Binding> current, List<Binding> retired) {
			// only the collection method or retired bindings count.
			return !retired.isEmpty() || current.stream()
				.anyMatch(b -> REAUTHORISATION_METHOD.equalsIgnoreCase(b.collectionMethod()));
		}

		private boolean hasTimestampSpread(List<Binding> bindings) {
			for (int i = 1; i < bindings.size(); i++) {
				if (bindings.get(i).time() != bindings.get(0).time()) {
					return true;
				}
			}
			return false;
		}

		private void pendingAuthorisers(Set<String> boundUsers) {
			for (String authoriser : this.source.multiAuthorisers()) {
				if (!boundUsers.contains(userKey(authoriser))) {
					notice(ConsentRule.PENDING_AUTHORISER, "authoriser '" + authoriser
							+ "' in OB_MULTI_AUTHORIZATION_USER has no binding; no authorisation row is written");
				}
			}
		}

		// ---- status audit ----

		private List<StatusAudit> audits(ConsentState state, boolean filePayment, Authorisations auth) {
			List<StatusAudit> audits = new ArrayList<>();
			long created = this.initiation.createdTime();
			long updated = this.initiation.statusUpdatedTime();
			String awaitingAuthorisation = profile.status(ConsentState.AWAITING_AUTHORISATION);
			String awaitingUpload = profile.status(ConsentState.AWAITING_UPLOAD);
			String authorised = profile.status(ConsentState.AUTHORISED);
			if (filePayment) {
				audits.add(audit(AuditEvent.CREATED_AWAITING_UPLOAD, null, awaitingUpload, created, VocabularyProfile.CREATE_REASON, null, null));
				if (state != ConsentState.AWAITING_UPLOAD) {
					long uploaded = this.source.paymentFile() != null ? this.source.paymentFile().uploadedTime()
							: updated;
					audits.add(audit(AuditEvent.FILE_UPLOADED, null, awaitingAuthorisation, uploaded, VocabularyProfile.UPLOAD_REASON, null,
							awaitingUpload));
				}
			}
			else {
				audits.add(audit(AuditEvent.CREATED, null, awaitingAuthorisation, created, VocabularyProfile.CREATE_REASON, null,
						null));
			}
			if (state == ConsentState.AWAITING_AUTHORISATION || state == ConsentState.AWAITING_UPLOAD
					|| state == ConsentState.OTHER) {
				return audits;
			}
			Binding first = auth.auditBindings.isEmpty() ? null : auth.auditBindings.get(0);
			String firstUser = first == null ? null : displayUserId(List.of(first));
			audits.add(audit(AuditEvent.BOUND, null, state == ConsentState.REJECTED ? profile.status(ConsentState.REJECTED)
					: authorised, first == null ? updated : first.time(), VocabularyProfile.BIND_REASON, firstUser,
					awaitingAuthorisation));
			if (auth.reauthorisation) {
				for (AuthorisationResource resource : auth.resources) {
					if (resource.authType().equals(profile.authTypeReauthorisation())) {
						audits.add(audit(AuditEvent.REAUTHORISED, resource.userId(), authorised, resource.updatedTime(),
								VocabularyProfile.REAUTHORISE_REASON, resource.userId(), authorised));
					}
				}
			}
			ConsentType type = this.initiation.type();
			if (state == ConsentState.REVOKED && type != ConsentType.PAYMENTS) {
				audits.add(revocationAudit(updated, firstUser, authorised));
			}
			if (state == ConsentState.CONSUMED && type == ConsentType.PAYMENTS) {
				if (firstUser == null) {
					notice(ConsentRule.CONSUMED_WITHOUT_BINDING, "consumed payment has no binding; audit actor left empty");
				}
				audits.add(audit(AuditEvent.CONSUMED, null, profile.status(ConsentState.CONSUMED), updated,
						VocabularyProfile.SUBMISSION_REASON, firstUser, authorised));
			}
			return audits;
		}

		private StatusAudit revocationAudit(long updated, String firstUser, String authorised) {
			ConsentSource.RevocationHistory history = this.source.revocationHistory();
			String reason;
			String actor;
			if (history == null) {
				notice(ConsentRule.REVOKED_WITHOUT_HISTORY, "no revocation history row; default reason written");
				reason = VocabularyProfile.REVOKE_REASON;
				actor = rules.r2RevocationAudit() ? firstUser : null;
			}
			else if (rules.r2RevocationAudit()) {
				String original = history.revocationReason();
				reason = original == null || original.startsWith("Revoked by") ? VocabularyProfile.REVOKE_REASON
						: original;
				actor = firstUser;
			}
			else {
				// the revoking user and the bank's own words.
				reason = isBlank(history.revocationReason()) ? VocabularyProfile.REVOKE_REASON
						: history.revocationReason();
				actor = isBlank(history.revocationUser()) ? null : history.revocationUser();
			}
			String fitted = rules.limits().truncate(TargetColumn.AUDIT_REASON, reason);
			if (!fitted.equals(reason)) {
				notice(ConsentRule.REASON_TRUNCATED, "revocation reason cut to the REASON column size; full text: " + reason);
			}
			return audit(AuditEvent.REVOKED, null, profile.status(ConsentState.REVOKED), updated, fitted, actor, authorised);
		}

		/**
		 * The ID of one of the consent's authorisations: in its type's region, then next to the consent
		 * ({@link ConsentType#idRegion}); {@code user} null for the one created before any PSU.
		 */
		private String authId(String role, String user) {
			int region = this.initiation.type().idRegion();
			return user == null ? DeterministicId.near(region, this.consentId, "auth", role)
					: DeterministicId.near(region, this.consentId, "auth", role, user);
		}

		private StatusAudit audit(AuditEvent event, String user, String status, long time, String reason, String actor,
				String previous) {
			String id = event.auditId(this.initiation.type(), this.consentId, user == null ? null : userKey(user));
			return new StatusAudit(id, this.consentId, status, time, reason, actor, previous);
		}

		// ---- attributes and file ----

		private Map<String, String> attributes(long validity) {
			Map<String, String> attributes = new LinkedHashMap<>();
			if (!isBlank(this.initiation.specVersion())) {
				attributes.put(VocabularyProfile.ATTR_SPEC_VERSION, this.initiation.specVersion());
			}
			if (this.initiation.type() == ConsentType.PAYMENTS && !isBlank(this.initiation.idempotentKey())) {
				attributes.put(VocabularyProfile.ATTR_IDEMPOTENCY_KEY, this.initiation.idempotentKey());
			}
			ConsentSource.PaymentFile file = this.source.paymentFile();
			if (file != null && !isBlank(file.idempotentKey())) {
				attributes.put(VocabularyProfile.ATTR_FILE_UPLOAD_IDEMPOTENCY_KEY, file.idempotentKey());
			}
			if (rules.writeExpirationAttribute() && validity > 0) {
				attributes.put(VocabularyProfile.ATTR_EXPIRATION, Long.toString(validity));
			}
			Set<String> fromConsent = Set.copyOf(attributes.keySet());
			List<ConsentSource.Metadata> metadata = new ArrayList<>(this.source.metadata());
			// 'paymentType' first, so its value wins over a legacy 'PaymentType'.
			metadata.sort(Comparator.comparing((ConsentSource.Metadata m) -> !m.key().equals("paymentType"))
				.thenComparing(ConsentSource.Metadata::key)
				.thenComparing(ConsentSource.Metadata::consentType));
			for (ConsentSource.Metadata row : metadata) {
				String key = row.key().equals("paymentType") ? VocabularyProfile.ATTR_PAYMENT_TYPE : row.key();
				if (row.value() == null) {
					notice(ConsentRule.NULL_ATTRIBUTE, "metadata " + row.key() + " has no value; not written");
					continue;
				}
				if (attributes.containsKey(key)) {
					notice(fromConsent.contains(key) ? ConsentRule.METADATA_SHADOWED : ConsentRule.DUPLICATE_METADATA_KEY,
							"metadata " + row.key() + "='" + row.value() + "' (" + row.consentType() + ") not written: "
									+ key + " is already '" + attributes.get(key) + "'");
					continue;
				}
				attributes.put(key, row.value());
			}
			return attributes;
		}

		private ConsentFile file(ConsentState state, boolean filePayment) {
			ConsentSource.PaymentFile file = this.source.paymentFile();
			if (!filePayment) {
				if (file != null) {
					notice(ConsentRule.FILE_WITHOUT_FILE_PAYMENT_TYPE, "a UK_TRANSACTION_FILE row exists but the consent"
							+ " has no paymentType=file-payment-consents metadata; the file is not copied");
				}
				return null;
			}
			if (state == ConsentState.AWAITING_UPLOAD) {
				return null;
			}
			if (file == null) {
				notice(ConsentRule.FILE_MISSING, "file payment past awaitingUpload has no UK_TRANSACTION_FILE row");
				return null;
			}
			return new ConsentFile(this.consentId, file.content());
		}

		// ---- users ----

		private String userKey(String userId) {
			String trimmed = strip(userId);
			return rules.userIdCaseInsensitive() ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
		}

		/** The user's ID as written: the first spelling in binding order, tenant-qualified when configured. */
		private String displayUserId(List<Binding> bindings) {
			String userId = strip(bindings.get(0).userId());
			if (rules.appendTenantDomain()) {
				String suffix = "@" + rules.tenantDomain();
				if (!userId.endsWith(suffix)) {
					userId = userId + suffix;
				}
			}
			return userId;
		}

		private Map<String, List<Binding>> groupByUser(List<Binding> bindings) {
			Map<String, List<Binding>> byUser = new LinkedHashMap<>();
			Map<String, String> spellings = new LinkedHashMap<>();
			for (Binding binding : bindings) {
				String key = userKey(binding.userId());
				byUser.computeIfAbsent(key, k -> new ArrayList<>()).add(binding);
				String first = spellings.putIfAbsent(key, binding.userId());
				if (first != null && !first.equals(binding.userId())) {
					notice(ConsentRule.USER_SPELLINGS_MERGED,
							"user IDs '" + first + "' and '" + binding.userId() + "' treated as one PSU");
				}
			}
			return byUser;
		}

		private List<Binding> sorted(List<Binding> bindings) {
			if (bindings.size() < 2) {
				return bindings; // read only, as every sorted list
			}
			List<Binding> sorted = new ArrayList<>(bindings);
			sorted.sort(BINDING_ORDER);
			return sorted;
		}

		private List<Binding> union(List<Binding> first, List<Binding> second) {
			Map<String, Binding> unique = new LinkedHashMap<>();
			for (Binding binding : sorted(concat(first, second))) {
				unique.putIfAbsent(userKey(binding.userId()) + '\u001f' + binding.accountId(), binding);
			}
			return new ArrayList<>(unique.values());
		}

		private List<Binding> concat(List<Binding> first, List<Binding> second) {
			List<Binding> all = new ArrayList<>(first);
			all.addAll(second);
			return all;
		}

		// ---- validation ----

		private String firstValueTooLong(MigratedConsent.Consent consent, Authorisations auth,
				List<StatusAudit> audits, List<Attribute> attributes) {
			String problem = tooLong(TargetColumn.CONSENT_ID, consent.consentId());
			problem = problem != null ? problem : tooLong(TargetColumn.CLIENT_ID, consent.clientId());
			problem = problem != null ? problem : tooLong(TargetColumn.CURRENT_STATUS, consent.currentStatus());
			for (AuthorisationResource resource : auth.resources) {
				problem = problem != null ? problem : tooLong(TargetColumn.AUTH_USER_ID, resource.userId());
			}
			for (AccountMapping mapping : auth.mappings) {
				problem = problem != null ? problem : tooLong(TargetColumn.MAPPING_ACCOUNT_ID, mapping.accountId());
			}
			for (StatusAudit audit : audits) {
				problem = problem != null ? problem : tooLong(TargetColumn.AUDIT_ACTION_BY, audit.actionBy());
			}
			for (Attribute attribute : attributes) {
				problem = problem != null ? problem : tooLong(TargetColumn.ATTRIBUTE_KEY, attribute.key());
				problem = problem != null ? problem : tooLong(TargetColumn.ATTRIBUTE_VALUE, attribute.value());
			}
			return problem;
		}

		private String tooLong(TargetColumn column, String value) {
			if (rules.limits().fits(column, value)) {
				return null;
			}
			return "Value of " + rules.limits().lengthOf(value) + " (max " + rules.limits().max(column) + ") for "
					+ column + " does not fit: '" + abbreviate(value)
					+ "'. Widen the target column (its live size is read at every run) or shorten the source value,"
					+ " then restart.";
		}

		private static String jsonKind(String request) {
			String text = request.strip();
			if (text.equals("null")) {
				return "null";
			}
			if (text.startsWith("[")) {
				return "holding an empty array";
			}
			return "holding a single value (" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + ")";
		}

		private ConsentOutcome quarantine(ConsentRule rule, String message) {
			return new ConsentOutcome.Quarantined(RowReport.quarantined(this.table, this.consentId, rule, message));
		}

		private void notice(ConsentRule rule, String message) {
			this.notices.add(RowReport.notice(this.table, this.consentId, rule, message));
		}

	}

	static boolean isBlank(String value) {
		if (value == null) {
			return true;
		}
		if (!value.isEmpty() && visible(value.charAt(0))) {
			return false; // nearly every value: not blank, without a scan
		}
		return value.isBlank();
	}

	/** {@link String#strip()}, without its scans for a value that begins and ends with a visible ASCII character. */
	static String strip(String value) {
		int n = value.length();
		return n > 0 && visible(value.charAt(0)) && visible(value.charAt(n - 1)) ? value : value.strip();
	}

	/** Visible ASCII: never white space. */
	private static boolean visible(char c) {
		return c > ' ' && c < 0x7f;
	}

	private static String abbreviate(String value) {
		return value.length() <= 80 ? value : value.substring(0, 77) + "...";
	}

}

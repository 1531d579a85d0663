package io.obmigrate.consent;

import static io.obmigrate.consent.ConsentSources.CREATED;
import static io.obmigrate.consent.ConsentSources.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.obmigrate.consent.ConsentSource.TargetPresence;
import io.obmigrate.consent.MigratedConsent.AuthorisationResource;
import io.obmigrate.consent.MigratedConsent.StatusAudit;
import io.obmigrate.core.RowReport;

/** One test per rule of atlas D.3 and the safer rules of D.6, named after the rule. */
class ConsentMappingTest {

	private static final ConsentRules DEFAULTS = ConsentRules.defaults();

	private static MigratedConsent migrate(ConsentSources source) {
		return migrate(source, DEFAULTS);
	}

	private static MigratedConsent migrate(ConsentSources source, ConsentRules rules) {
		ConsentOutcome outcome = new ConsentMapping(rules).map(source.build());
		assertThat(outcome).isInstanceOf(MigratedConsent.class);
		return (MigratedConsent) outcome;
	}

	private static RowReport quarantined(ConsentSources source, ConsentRules rules) {
		ConsentOutcome outcome = new ConsentMapping(rules).map(source.build());
		assertThat(outcome).isInstanceOf(ConsentOutcome.Quarantined.class);
		return ((ConsentOutcome.Quarantined) outcome).report();
	}

	private static ConsentRules rules(java.util.function.Consumer<ConsentProperties> change) {
		ConsentProperties options = new ConsentProperties();
		change.accept(options);
		return ConsentRules.from(options, TargetLimits.defaults(1023), Long.MAX_VALUE);
	}

	private static List<String> noticeRules(MigratedConsent consent) {
		return consent.notices().stream().map(RowReport::rule).toList();
	}

	private static StatusAudit audit(MigratedConsent consent, String reason) {
		return consent.statusAudits().stream().filter(a -> a.reason().equals(reason)).findFirst().orElseThrow();
	}

	// ---- D.2 statuses and vocabulary profiles ----

	@Test
	void statusesAreTranslatedCaseInsensitivelyWithR2Spelling() {
		assertThat(migrate(ConsentSources.accounts("authorised").binding("u1", "a1", CREATED)).consent().currentStatus())
			.isEqualTo("authorized");
		assertThat(migrate(ConsentSources.accounts("AwaitingAuthorisation")).consent().currentStatus())
			.isEqualTo("awaitingAuthorization");
		assertThat(migrate(ConsentSources.payment("Consumed")).consent().currentStatus()).isEqualTo("consumed");
	}

	@Test
	void ukToolkitNativeProfileWritesBritishSpellings() {
		MigratedConsent consent = migrate(ConsentSources.accounts("Authorised").binding("u1", "a1", CREATED),
				rules(o -> o.setProfile("uk-toolkit-native")));
		assertThat(consent.consent().currentStatus()).isEqualTo("authorised");
		assertThat(consent.authorisationResources().get(0).authStatus()).isEqualTo("authorised");
		assertThat(consent.authorisationResources().get(0).userId()).isEqualTo("u1@carbon.super");
		assertThat(consent.consent().recurringIndicator()).isFalse();
	}

	@Test
	void unknownStatusIsQuarantinedNeverPassedThrough() {
		RowReport report = quarantined(ConsentSources.accounts("Expired"), DEFAULTS);
		assertThat(report.rule()).isEqualTo(ConsentRule.UNKNOWN_STATUS.slug());
		assertThat(report.message()).contains("obmigrate.consent.extra-statuses.Expired");
	}

	@Test
	void configuredExtraStatusIsWrittenWithoutAuthorisation() {
		MigratedConsent consent = migrate(ConsentSources.accounts("Expired").binding("u1", "a1", CREATED),
				rules(o -> o.setExtraStatuses(Map.of("Expired", "expired"))));
		assertThat(consent.consent().currentStatus()).isEqualTo("expired");
		assertThat(consent.authorisationResources()).isEmpty();
		assertThat(consent.statusAudits()).extracting(StatusAudit::reason).containsExactly("Create consent");
	}

	// ---- D.3.1 consent row ----

	@Test
	void consentRowKeepsIdsAndTimesInSeconds() {
		MigratedConsent consent = migrate(ConsentSources.accounts("Authorised").binding("u1", "a1", CREATED + 5));
		assertThat(consent.consent().consentId()).isEqualTo("acc-1");
		assertThat(consent.consent().createdTime()).isEqualTo(CREATED);
		assertThat(consent.consent().updatedTime()).isEqualTo(UPDATED);
		assertThat(consent.consent().consentType()).isEqualTo("accounts");
		assertThat(consent.consent().consentFrequency()).isZero();
		assertThat(consent.consent().recurringIndicator()).isTrue();
	}

	@Test
	void paymentsAreNotRecurringAndHaveNoValidity() {
		MigratedConsent consent = migrate(ConsentSources.payment("AwaitingAuthorisation"));
		assertThat(consent.consent().recurringIndicator()).isFalse();
		assertThat(consent.consent().validityTime()).isZero();
	}

	@Test
	void expiryWithoutOffsetIsAssumedUtcAndReported() {
		MigratedConsent consent = migrate(ConsentSources.accounts("AwaitingAuthorisation")
			.request("{\"accountData\":{\"expirationDateTime\":\"2025-01-01T00:00:00\"}}"));
		assertThat(consent.consent().validityTime()).isEqualTo(1_735_689_600L);
		assertThat(noticeRules(consent)).contains(ConsentRule.EXPIRY_WITHOUT_OFFSET.slug());
	}

	@Test
	void missingClientIdIsQuarantined() {
		assertThat(quarantined(ConsentSources.accounts("Authorised").clientId(" "), DEFAULTS).rule())
			.isEqualTo(ConsentRule.MISSING_CLIENT_ID.slug());
	}

	@Test
	void bodyThatIsNotJsonIsQuarantinedWhenTheReceiptColumnIsJson() {
		TargetLimits mysql = new TargetLimits(TargetLimits.defaults(1023).columns(), false, true);
		ConsentRules rules = ConsentRules.from(new ConsentProperties(), mysql, Long.MAX_VALUE);
		assertThat(quarantined(ConsentSources.accounts("Authorised").request("lost"), rules).rule())
			.isEqualTo(ConsentRule.RECEIPT_NOT_JSON.slug());
		MigratedConsent copied = migrate(ConsentSources.accounts("AwaitingAuthorisation").request("lost"));
		assertThat(copied.consent().receipt()).isEqualTo("lost");
		assertThat(noticeRules(copied)).contains(ConsentRule.RECEIPT_COPIED_UNCHANGED.slug());
	}

	// ---- D.3.2 authorisation resources ----

	@Test
	void awaitingConsentGetsOneCreatedAuthorisationWithoutUser() {
		List<AuthorisationResource> resources = migrate(ConsentSources.accounts("AwaitingAuthorisation"))
			.authorisationResources();
		assertThat(resources).singleElement().satisfies(r -> {
			assertThat(r.userId()).isNull();
			assertThat(r.authStatus()).isEqualTo("created");
			assertThat(r.authType()).isEqualTo("authorization");
			assertThat(r.updatedTime()).isEqualTo(UPDATED);
		});
	}

	@Test
	void authorisedConsentGetsOneAuthorisationPerUserAtTheEarliestBindingTime() {
		MigratedConsent consent = migrate(ConsentSources.accounts("Authorised")
			.binding("u1", "a2", CREATED + 20)
			.binding("u1", "a1", CREATED + 10)
			.binding("u2", "a3", CREATED + 30));
		assertThat(consent.authorisationResources()).extracting(AuthorisationResource::userId).containsExactly("u1", "u2");
		assertThat(consent.authorisationResources().get(0).updatedTime()).isEqualTo(CREATED + 10);
		assertThat(consent.mappings()).hasSize(3).allSatisfy(m -> {
			assertThat(m.mappingStatus()).isEqualTo("active");
			assertThat(m.permission()).isEqualTo("n/a");
		});
	}

	@Test
	void consumedPaymentAuthorisationIsAuthorizedWithActiveMapping() {
		MigratedConsent consent = migrate(ConsentSources.payment("Consumed").binding("u1", "debtor-1", CREATED));
		assertThat(consent.authorisationResources().get(0).authStatus()).isEqualTo("authorized");
		assertThat(consent.mappings().get(0).mappingStatus()).isEqualTo("active");
	}

	@Test
	void rejectedConsentAuthorisationIsRejectedWithInactiveMapping() {
		MigratedConsent consent = migrate(ConsentSources.accounts("Rejected").binding("u1", "a1", CREATED));
		assertThat(consent.authorisationResources().get(0).authStatus()).isEqualTo("rejected");
		assertThat(consent.mappings().get(0).mappingStatus()).isEqualTo("inactive");
	}

	@Test
	void paymentWithTwoUsersIsMultiAuthorised() {
		MigratedConsent consent = migrate(ConsentSources.payment("Authorised")
			.binding("u1", "d1", CREATED)
			.binding("u2", "d2", CREATED + 60)
			.multiAuthorisation("u1", "u3"));
		assertThat(consent.authorisationResources()).extracting(AuthorisationResource::authType)
			.containsOnly("multiAuthorization");
		assertThat(noticeRules(consent)).contains(ConsentRule.PENDING_AUTHORISER.slug());
	}

	@Test
	void paymentWithOneUserButAMultiAuthorisationRowIsMultiAuthorised() {
		MigratedConsent consent = migrate(
				ConsentSources.payment("Authorised").binding("u1", "d1", CREATED).multiAuthorisation());
		assertThat(consent.authorisationResources().get(0).authType()).isEqualTo("multiAuthorization");
	}

	@Test
	void nativeProfileSplitsPrimaryAndSecondaryAuthorisers() {
		MigratedConsent consent = migrate(ConsentSources.payment("Authorised")
			.binding("u2", "d2", CREATED + 60)
			.binding("u1", "d1", CREATED), rules(o -> o.setProfile("uk-toolkit-native")));
		assertThat(consent.authorisationResources()).extracting(AuthorisationResource::authType)
			.containsExactly("authorization", "multiAuthorization");
		assertThat(consent.mappings()).extracting(MigratedConsent.AccountMapping::permission)
			.containsExactly("primary", "secondary");
	}

	@Test
	void reauthorisationByCollectionMethodGivesReauthorisedAndRevokedAuthorisations() {
		MigratedConsent consent = migrate(ConsentSources.accounts("Authorised")
			.binding("u1", "x", CREATED + 86_400, "Re-authorization")
			.binding("u1", "y", CREATED + 86_400, "Re-authorization")
			.retired("u1", "w", CREATED));
		assertThat(consent.authorisationResources()).extracting(AuthorisationResource::authType, AuthorisationResource::authStatus)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("ReAuthorization", "re-authorised"),
					org.assertj.core.groups.Tuple.tuple("authorization", "revoked"));
		assertThat(consent.mappings()).extracting(MigratedConsent.AccountMapping::accountId,
				MigratedConsent.AccountMapping::mappingStatus)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("x", "active"),
					org.assertj.core.groups.Tuple.tuple("y", "active"), org.assertj.core.groups.Tuple.tuple("w", "inactive"));
		StatusAudit reauthorised = audit(consent, "Reauthorize consent");
		assertThat(reauthorised.actionBy()).isEqualTo("u1");
		assertThat(reauthorised.actionTime()).isEqualTo(CREATED + 86_400);
		assertThat(audit(consent, "Bind user accounts to consent").actionTime()).isEqualTo(CREATED);
	}

	@Test
	void oneSecondSpreadIsNotAReauthorisation() {
		MigratedConsent consent = migrate(ConsentSources.accounts("Authorised")
			.binding("u1", "a1", CREATED)
			.binding("u1", "a2", CREATED + 1));
		assertThat(consent.authorisationResources()).singleElement()
			.satisfies(r -> assertThat(r.authType()).isEqualTo("authorization"));
		assertThat(noticeRules(consent)).contains(ConsentRule.BINDING_TIME_SPREAD.slug());
	}

	@Test
	void userIdsDifferingOnlyInCaseAreOnePsu() {
		MigratedConsent consent = migrate(ConsentSources.accounts("Authorised")
			.binding("Alice", "a1", CREATED)
			.binding("alice", "a2", CREATED + 5)
			.binding("admin@wso2.com", "a3", CREATED + 9));
		assertThat(consent.authorisationResources()).extracting(AuthorisationResource::userId)
			.containsExactly("Alice", "admin@wso2.com");
		assertThat(consent.mappings()).hasSize(3);
		assertThat(noticeRules(consent)).contains(ConsentRule.USER_SPELLINGS_MERGED.slug());
	}

	@Test
	void tenantDomainIsAppendedOnlyWhenMissing() {
		MigratedConsent consent = migrate(ConsentSources.accounts("Authorised")
			.binding("alice@carbon.super", "a1", CREATED)
			.binding("admin@wso2.com", "a2", CREATED + 1)
			.binding("PRIMARY/bob", "a3", CREATED + 2), rules(o -> o.setAppendTenantDomain(true)));
		assertThat(consent.authorisationResources()).extracting(AuthorisationResource::userId)
			.containsExactly("alice@carbon.super", "admin@wso2.com@carbon.super", "PRIMARY/bob@carbon.super");
	}

	// ---- D.3.3 mappings ----

	@Test
	void notSelectedAccountIsSkippedForAccountsAndNaForPayments() {
		MigratedConsent account = migrate(ConsentSources.accounts("Authorised")
			.binding("u1", "NOT_SELECTED", CREATED)
			.binding("u1", "a1", CREATED));
		assertThat(account.mappings()).extracting(MigratedConsent.AccountMapping::accountId).containsExactly("a1");
		assertThat(noticeRules(account)).contains(ConsentRule.ACCOUNT_NOT_SELECTED.slug());
		MigratedConsent payment = migrate(ConsentSources.payment("Authorised").binding("u1", "NOT_SELECTED", CREATED));
		assertThat(payment.mappings()).extracting(MigratedConsent.AccountMapping::accountId).containsExactly("n/a");
	}

	// ---- D.6 #3, #4 revoked consents: union of bindings and UK_CONSENT_REV ----

	@Test
	void revokedAccountConsentUnitesBindingsAndRetiredBindings() {
		MigratedConsent consent = migrate(ConsentSources.accounts("Revoked")
			.binding("u1", "a1", CREATED + 10)
			.retired("u1", "a1", CREATED + 10)
			.retired("u1", "a2", CREATED + 5)
			.history("u1", "Revoked by PSU"));
		assertThat(consent.authorisationResources()).singleElement().satisfies(r -> {
			assertThat(r.authStatus()).isEqualTo("authorized");
			assertThat(r.updatedTime()).isEqualTo(CREATED + 5);
		});
		assertThat(consent.mappings()).extracting(MigratedConsent.AccountMapping::accountId).containsExactly("a2", "a1");
		assertThat(consent.mappings()).allSatisfy(m -> assertThat(m.mappingStatus()).isEqualTo("inactive"));
	}

	@Test
	void revokedFundsConfirmationWithBindingsOnlyInConsentRevKeepsThem() {
		MigratedConsent consent = migrate(ConsentSources.fundsConfirmation("Revoked").retired("u1", "a1", CREATED));
		assertThat(consent.mappings()).singleElement().satisfies(m -> assertThat(m.accountId()).isEqualTo("a1"));
	}

	// ---- D.3.4 status audit ----

	@Test
	void revokedConsentWithoutHistoryGetsDefaultReason() {
		MigratedConsent consent = migrate(ConsentSources.accounts("Revoked").retired("u1", "a1", CREATED));
		StatusAudit revoke = audit(consent, "Revoke the consent");
		assertThat(revoke.actionBy()).isNull();
		assertThat(revoke.currentStatus()).isEqualTo("revoked");
		assertThat(revoke.previousStatus()).isEqualTo("authorized");
		assertThat(revoke.actionTime()).isEqualTo(UPDATED);
		assertThat(noticeRules(consent)).contains(ConsentRule.REVOKED_WITHOUT_HISTORY.slug());
	}

	@Test
	void revocationAuditNamesTheRevokingUserAndKeepsTheBanksReason() {
		MigratedConsent consent = migrate(ConsentSources.accounts("Revoked")
			.retired("u1", "a1", CREATED)
			.history("agent-7", "Revoked by customer care after fraud report"));
		StatusAudit revoke = audit(consent, "Revoked by customer care after fraud report");
		assertThat(revoke.actionBy()).isEqualTo("agent-7");
	}

	@Test
	void r2RevocationAuditReplacesRevokedByReasonsAndUsesTheBindingUser() {
		MigratedConsent consent = migrate(ConsentSources.accounts("Revoked")
			.retired("u1", "a1", CREATED)
			.history("agent-7", "Revoked by PSU"), rules(o -> o.setR2RevocationAudit(true)));
		assertThat(audit(consent, "Revoke the consent").actionBy()).isEqualTo("u1");
	}

	@Test
	void longRevocationReasonIsTruncatedToTheColumnAndReported() {
		String reason = "Ünïcødé 中文 ".repeat(200);
		MigratedConsent consent = migrate(ConsentSources.accounts("Revoked").retired("u1", "a1", CREATED).history("u1", reason));
		StatusAudit revoke = consent.statusAudits().stream().filter(a -> a.currentStatus().equals("revoked")).findFirst().orElseThrow();
		assertThat(revoke.reason().codePointCount(0, revoke.reason().length())).isEqualTo(255);
		assertThat(reason).startsWith(revoke.reason());
		assertThat(noticeRules(consent)).contains(ConsentRule.REASON_TRUNCATED.slug());
	}

	@Test
	void bindAuditUsesTheFirstBindingInTimeOrder() {
		MigratedConsent consent = migrate(ConsentSources.accounts("Authorised")
			.binding("zed", "a2", CREATED + 50)
			.binding("amy", "a1", CREATED + 20));
		StatusAudit bind = audit(consent, "Bind user accounts to consent");
		assertThat(bind.actionBy()).isEqualTo("amy");
		assertThat(bind.actionTime()).isEqualTo(CREATED + 20);
		assertThat(bind.previousStatus()).isEqualTo("awaitingAuthorization");
	}

	@Test
	void rejectedWithoutBindingsGetsRejectedAuditAtUpdateTime() {
		MigratedConsent consent = migrate(ConsentSources.accounts("Rejected"));
		assertThat(consent.authorisationResources()).isEmpty();
		StatusAudit bind = audit(consent, "Bind user accounts to consent");
		assertThat(bind.currentStatus()).isEqualTo("rejected");
		assertThat(bind.actionTime()).isEqualTo(UPDATED);
		assertThat(bind.actionBy()).isNull();
	}

	@Test
	void consumedPaymentWithoutBindingHasSubmissionAuditWithoutActor() {
		MigratedConsent consent = migrate(ConsentSources.payment("Consumed"));
		StatusAudit submission = audit(consent, "Receive submission request for the consent");
		assertThat(submission.actionBy()).isNull();
		assertThat(submission.currentStatus()).isEqualTo("consumed");
		assertThat(noticeRules(consent)).contains(ConsentRule.CONSUMED_WITHOUT_BINDING.slug());
	}

	@Test
	void filePaymentGetsUploadAuditsTimedByTheFile() {
		MigratedConsent consent = migrate(ConsentSources.payment("AwaitingAuthorisation")
			.filePayment()
			.file("a,b\n".getBytes(StandardCharsets.UTF_8), "file-key", CREATED + 300));
		assertThat(consent.statusAudits()).extracting(StatusAudit::currentStatus, StatusAudit::reason)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("awaitingUpload", "Create consent"),
					org.assertj.core.groups.Tuple.tuple("awaitingAuthorization", "Upload consent file"));
		assertThat(audit(consent, "Upload consent file").actionTime()).isEqualTo(CREATED + 300);
		assertThat(consent.file().content()).isEqualTo("a,b\n".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void filePaymentAwaitingUploadHasOnlyTheCreateAuditAndNoFile() {
		MigratedConsent consent = migrate(ConsentSources.payment("AwaitingUpload").filePayment());
		assertThat(consent.statusAudits()).singleElement().satisfies(a -> assertThat(a.currentStatus()).isEqualTo("awaitingUpload"));
		assertThat(consent.file()).isNull();
	}

	@Test
	void fileWithoutFilePaymentMetadataIsNotCopied() {
		MigratedConsent consent = migrate(ConsentSources.payment("Consumed")
			.binding("u1", "d1", CREATED)
			.file(new byte[] { 1 }, "file-key", CREATED));
		assertThat(consent.file()).isNull();
		assertThat(noticeRules(consent)).contains(ConsentRule.FILE_WITHOUT_FILE_PAYMENT_TYPE.slug());
		assertThat(consent.attributes()).extracting(MigratedConsent.Attribute::key).contains("FileUploadIdempotencyKey");
	}

	@Test
	void fileLargerThanTheTargetColumnIsQuarantined() {
		Map<TargetColumn, TargetLimits.Limit> columns = new java.util.HashMap<>(TargetLimits.defaults(1023).columns());
		columns.put(TargetColumn.CONSENT_FILE, new TargetLimits.Limit(65_535, true));
		ConsentRules mysqlBlob = ConsentRules.from(new ConsentProperties(),
				new TargetLimits(columns, false, true), Long.MAX_VALUE);
		RowReport report = quarantined(ConsentSources.payment("Consumed").filePayment().file(new byte[70 * 1024], "k", CREATED),
				mysqlBlob);
		assertThat(report.rule()).isEqualTo(ConsentRule.FILE_TOO_LARGE.slug());
	}

	// ---- D.3.5 attributes ----

	@Test
	void paymentAttributesCarrySpecVersionIdempotencyKeysAndPaymentType() {
		MigratedConsent consent = migrate(ConsentSources.payment("AwaitingAuthorisation")
			.specVersion("UK200")
			.idempotentKey("k".repeat(64)));
		assertThat(consent.attributes()).extracting(MigratedConsent.Attribute::key, MigratedConsent.Attribute::value)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("SPEC_VERSION", "UK200"),
					org.assertj.core.groups.Tuple.tuple("IdempotencyKey", "k".repeat(64)),
					org.assertj.core.groups.Tuple.tuple("PaymentType", "domestic-payment-consents"));
	}

	@Test
	void paymentTypeWinsOverLegacyPaymentTypeKey() {
		MigratedConsent consent = migrate(ConsentSources.payment("AwaitingAuthorisation")
			.noMetadata()
			.metadata("PaymentType", "legacy-value")
			.metadata("paymentType", "domestic-payment-consents"));
		assertThat(consent.attributes()).filteredOn(a -> a.key().equals("PaymentType"))
			.singleElement()
			.satisfies(a -> assertThat(a.value()).isEqualTo("domestic-payment-consents"));
		assertThat(noticeRules(consent)).contains(ConsentRule.DUPLICATE_METADATA_KEY.slug());
	}

	@Test
	void attributeLongerThanTheLiveColumnIsQuarantined() {
		ConsentRules narrow = ConsentRules.from(new ConsentProperties(), TargetLimits.defaults(255),
				Long.MAX_VALUE);
		assertThat(quarantined(ConsentSources.payment("AwaitingAuthorisation").metadata("note", "x".repeat(256)), narrow)
			.rule()).isEqualTo(ConsentRule.VALUE_TOO_LONG.slug());
		MigratedConsent fits = migrate(ConsentSources.payment("AwaitingAuthorisation").metadata("note", "x".repeat(255)),
				narrow);
		assertThat(fits.attributes()).extracting(MigratedConsent.Attribute::key).contains("note");
	}

	@Test
	void expirationAttributeIsWrittenOnlyWhenEnabled() {
		ConsentSources source = ConsentSources.accounts("AwaitingAuthorisation")
			.request("{\"accountData\":{\"expirationDateTime\":\"2025-01-01T00:00:00Z\"}}");
		assertThat(migrate(source).attributes()).extracting(MigratedConsent.Attribute::key)
			.doesNotContain("ExpirationDateTime");
		assertThat(migrate(source, rules(o -> o.setWriteExpirationAttribute(true))).attributes())
			.extracting(MigratedConsent.Attribute::value)
			.contains("1735689600");
	}

	// ---- D.6 #13 idempotence ----

	@Test
	void consentAlreadyMigratedIsFiltered() {
		assertThat(new ConsentMapping(DEFAULTS).map(ConsentSources.accounts("Authorised").presence(TargetPresence.MIGRATED).build()))
			.isInstanceOf(ConsentOutcome.Filtered.class);
	}

	@Test
	void nativeConsentWithTheSameIdIsQuarantinedNeverOverwritten() {
		assertThat(quarantined(ConsentSources.accounts("Authorised").presence(TargetPresence.NATIVE), DEFAULTS).rule())
			.isEqualTo(ConsentRule.TARGET_CONFLICT.slug());
	}

	@Test
	void targetIdsAreDeterministic() {
		ConsentSources source = ConsentSources.payment("Consumed").binding("u1", "d1", CREATED);
		MigratedConsent first = migrate(source);
		MigratedConsent second = migrate(source);
		assertThat(second.authorisationResources()).isEqualTo(first.authorisationResources());
		assertThat(second.mappings()).isEqualTo(first.mappings());
		assertThat(second.statusAudits()).isEqualTo(first.statusAudits());
	}

	@Test
	void consentUpdatedAfterTheRunStartedIsReported() {
		ConsentRules started = ConsentRules.from(new ConsentProperties(), TargetLimits.defaults(1023),
				UPDATED - 1);
		assertThat(noticeRules(migrate(ConsentSources.accounts("AwaitingAuthorisation"), started)))
			.contains(ConsentRule.UPDATED_AFTER_RUN_START.slug());
	}

	@Test
	void userIdsAreStrippedAndValuesFoundBlankAsTheJdkDoes() {
		// the shortcut for values that begin (and end) with a visible ASCII character must not change a result
		List<String> values = List.of("", " ", "a", "ab", " a", "a ", "\ta\t", "\u2003a", "a\u2003", "\u00a0a",
				"a\u00a0", "\u001fa", "a\u001f", "\u007fa", "a\u007f", "é", "é a é", " é ", "\u3000", "user@x.com ",
				"\n", "~x~", "!");
		for (String value : values) {
			assertThat(ConsentMapping.strip(value)).as("strip of [%s]", value).isEqualTo(value.strip());
			assertThat(ConsentMapping.isBlank(value)).as("blank [%s]", value).isEqualTo(value.isBlank());
		}
		assertThat(ConsentMapping.isBlank(null)).isTrue();
	}

}

package io.obmigrate.consent;

import java.util.Map;


/**
 * The settings the consent mapping applies: the vocabulary profile, the switches between WSO2's behaviour and the safer rules,
 * the live target limits and the run's high-water mark. Immutable; one per step.
 */
public record ConsentRules(VocabularyProfile profile, Map<String, String> extraStatuses, boolean accountUpdateByPsu,
		boolean r2RevocationAudit, ConsentBody.RewriteRule rewriteRule, boolean writeExpirationAttribute,
		boolean appendTenantDomain, String tenantDomain, boolean userIdCaseInsensitive, TargetLimits limits,
		long runStartedAt) {

	public static ConsentRules from(ConsentProperties options, TargetLimits limits, long runStartedAt) {
		VocabularyProfile profile = VocabularyProfile.named(options.getProfile());
		boolean appendTenant = options.getAppendTenantDomain() != null ? options.getAppendTenantDomain()
				: profile.appendTenantDomain();
		ConsentBody.RewriteRule rewrite = options.isR2ReceiptRewrite() ? ConsentBody.RewriteRule.r2()
				: ConsentBody.RewriteRule.safer(options.getReceiptKeepKeysUnder());
		return new ConsentRules(profile, Map.copyOf(options.getExtraStatuses()), options.isAccountUpdateByPsu(),
				options.isR2RevocationAudit(), rewrite, options.isWriteExpirationAttribute(), appendTenant,
				options.getTenantDomain(), options.isUserIdCaseInsensitive(), limits, runStartedAt);
	}

	/** The rules with every default of a fresh configuration and the accelerator's column sizes. */
	public static ConsentRules defaults() {
		return from(new ConsentProperties(), TargetLimits.defaults(1023), Long.MAX_VALUE);
	}

}

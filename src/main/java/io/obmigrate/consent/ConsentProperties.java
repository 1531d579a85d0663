package io.obmigrate.consent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.QuarantineLimit;

/**
 * Settings of the consent job ({@code obmigrate.consent.*}). A value out of range is refused when obmigrate starts,
 * naming the setting (exit 2).
 */
@ConfigurationProperties("obmigrate.consent")
public class ConsentProperties {

	/** Consents per chunk: one transaction and one query per child table. */
	private int chunkSize = 1000;

	/**
	 * Threads that write consents at the same time, each with its connections (1 to 64); the three types' ID ranges
	 * (four per thread and type, each with its own checkpoint) share them, a range taking the next free one. More
	 * threads than cores pay while the database waits for its disk (4 on a 2-core machine hosting the database: 15.5 s
	 * instead of 19-22 s for 100,000 consents on MariaDB as installed). On PostgreSQL the run's last step also checks
	 * keys and builds indexes of that many tables at once.
	 */
	private int partitions = 4;

	/**
	 * Vocabulary of every literal written: wso2-r2 (WSO2's released migration: authorized, awaitingAuthorization) or
	 * uk-toolkit-native (authorised, awaitingAuthorisation, tenant-qualified user IDs, primary and secondary payment
	 * authorisers, accounts not recurring). Refused (vocabulary-clash) when the target holds consents spelt the other
	 * way.
	 */
	private String profile = "wso2-r2";

	/**
	 * Extra OB 2.0 statuses and the OB 3.0 status to write for each (extra-statuses.Expired=expired); consents with a
	 * status known to neither the profile nor this map are quarantined (unknown-status).
	 */
	private Map<String, String> extraStatuses = new LinkedHashMap<>();

	/** WSO2's account_update_by_psu_enabled: migrate PSU re-authorisations as ReAuthorization. */
	private boolean accountUpdateByPsu = true;

	/** Reproduce WSO2's revoke audit: actor = the binding user, "Revoked by..." reasons replaced by the default one. */
	private boolean r2RevocationAudit = false;

	/** Reproduce WSO2's receipt rewrite: no recursion into arrays, no keys kept as they are. */
	private boolean r2ReceiptRewrite = false;

	/** Receipt subtrees whose keys are never renamed. */
	private List<String> receiptKeepKeysUnder = new ArrayList<>(List.of("SupplementaryData"));

	/** Also write the attribute ExpirationDateTime (epoch seconds) for accounts and funds confirmations with an expiry. */
	private boolean writeExpirationAttribute = false;

	/** Append @<tenant-domain> to PSU IDs without it; unset: as the profile does. */
	private Boolean appendTenantDomain;

	/** The tenant domain appended to PSU IDs when append-tenant-domain is on. */
	private String tenantDomain = "carbon.super";

	/**
	 * Alice and alice on one consent are one PSU (user-spellings-merged); the first spelling, by binding time, is
	 * written.
	 */
	private boolean userIdCaseInsensitive = true;

	/** Fail the job when more consents are quarantined (--max-quarantined wins); unset: no limit. */
	private Long maxQuarantined;

	/**
	 * run consent --since-last-run reads the consents changed since the previous completed run started, less this
	 * margin (minutes, or with a unit: 90s, 1h), so a clock difference between the OB 2.0 servers, their database and
	 * obmigrate loses no change.
	 */
	@org.springframework.boot.convert.DurationUnit(java.time.temporal.ChronoUnit.MINUTES)
	private java.time.Duration catchUpMargin = java.time.Duration.ofMinutes(5);

	public java.time.Duration getCatchUpMargin() {
		return this.catchUpMargin;
	}

	public void setCatchUpMargin(java.time.Duration catchUpMargin) {
		this.catchUpMargin = io.obmigrate.core.HighWaterMark.margin(catchUpMargin, "obmigrate.consent.catch-up-margin");
	}

	public int getChunkSize() {
		return this.chunkSize;
	}

	public void setChunkSize(int chunkSize) {
		if (chunkSize < 1) {
			throw new ConfigurationProblem("obmigrate.consent.chunk-size must be at least 1 (got " + chunkSize
					+ "); 500 to 2000 suits most databases.");
		}
		this.chunkSize = chunkSize;
	}

	public int getPartitions() {
		return this.partitions;
	}

	public void setPartitions(int partitions) {
		if (partitions < 1 || partitions > 64) {
			throw new ConfigurationProblem("obmigrate.consent.partitions must be between 1 and 64 (got " + partitions
					+ "); the number of cores is a good start.");
		}
		this.partitions = partitions;
	}

	public String getProfile() {
		return this.profile;
	}

	public void setProfile(String profile) {
		VocabularyProfile.named(profile);
		this.profile = profile;
	}

	public Map<String, String> getExtraStatuses() {
		return this.extraStatuses;
	}

	public void setExtraStatuses(Map<String, String> extraStatuses) {
		this.extraStatuses = extraStatuses;
	}

	public boolean isAccountUpdateByPsu() {
		return this.accountUpdateByPsu;
	}

	public void setAccountUpdateByPsu(boolean accountUpdateByPsu) {
		this.accountUpdateByPsu = accountUpdateByPsu;
	}

	public boolean isR2RevocationAudit() {
		return this.r2RevocationAudit;
	}

	public void setR2RevocationAudit(boolean r2RevocationAudit) {
		this.r2RevocationAudit = r2RevocationAudit;
	}

	public boolean isR2ReceiptRewrite() {
		return this.r2ReceiptRewrite;
	}

	public void setR2ReceiptRewrite(boolean r2ReceiptRewrite) {
		this.r2ReceiptRewrite = r2ReceiptRewrite;
	}

	public List<String> getReceiptKeepKeysUnder() {
		return this.receiptKeepKeysUnder;
	}

	public void setReceiptKeepKeysUnder(List<String> receiptKeepKeysUnder) {
		this.receiptKeepKeysUnder = receiptKeepKeysUnder;
	}

	public boolean isWriteExpirationAttribute() {
		return this.writeExpirationAttribute;
	}

	public void setWriteExpirationAttribute(boolean writeExpirationAttribute) {
		this.writeExpirationAttribute = writeExpirationAttribute;
	}

	public Boolean getAppendTenantDomain() {
		return this.appendTenantDomain;
	}

	public void setAppendTenantDomain(Boolean appendTenantDomain) {
		this.appendTenantDomain = appendTenantDomain;
	}

	public String getTenantDomain() {
		return this.tenantDomain;
	}

	public void setTenantDomain(String tenantDomain) {
		this.tenantDomain = tenantDomain;
	}

	public boolean isUserIdCaseInsensitive() {
		return this.userIdCaseInsensitive;
	}

	public void setUserIdCaseInsensitive(boolean userIdCaseInsensitive) {
		this.userIdCaseInsensitive = userIdCaseInsensitive;
	}

	public Long getMaxQuarantined() {
		return this.maxQuarantined;
	}

	public void setMaxQuarantined(Long maxQuarantined) {
		this.maxQuarantined = QuarantineLimit.validated("obmigrate.consent.max-quarantined", maxQuarantined);
	}

}

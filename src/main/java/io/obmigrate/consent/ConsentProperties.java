package io.obmigrate.consent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.QuarantineLimit;

/**
 * Settings of the consent job ({@code obmigrate.consent.*}). A value out of range is refused when obmigrate starts,
 * naming the setting (exit 2).
 */
@ConfigurationProperties("obmigrate.consent")
public class ConsentProperties {

	/**
	 * Consents per chunk: one transaction and one query per child table. A crash re-does at most one chunk per thread.
	 */
	// 2,000, not 1,000: each chunk also costs a commit in the target, a checkpoint in the job repository and a query
	// per child table; on the 2-core machine 100k and 300k consents ran 7-11% sooner, 1 M as soon (docs/benchmarks.md)
	private int chunkSize = 2000;

	/**
	 * Threads that write consents at the same time, each with its connections (1 to 64); the ID ranges (six per thread,
	 * each holding its consents of all three types, with a checkpoint per type) share them, a range taking the next
	 * free one. Unset: 4, or, when the OB database runs on this machine (an embedded database, or a server at a
	 * loopback address), as many as the machine has cores (at least 2, at most 4), since the database's work needs
	 * those cores too. More threads than cores pay while a database elsewhere reads its disk; on a 2-core machine that
	 * also runs the database they cost CPU on both sides without finishing sooner (100,000 consents on MariaDB as
	 * installed: the JVM 11.4-13.4 s of CPU with 2 threads against 13.4-14.7 s with 4, the database 9.7-10.4 s against
	 * 11.4-12.9 s, 14.0-15.8 s in all against 14.5-16.4 s). On PostgreSQL the run's last step also checks keys and
	 * builds indexes of that many tables at once.
	 */
	private Integer partitions;

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

	public Integer getPartitions() {
		return this.partitions;
	}

	public void setPartitions(Integer partitions) {
		if (partitions != null && (partitions < 1 || partitions > 64)) {
			throw new ConfigurationProblem("obmigrate.consent.partitions must be between 1 and 64 (got " + partitions
					+ "); the number of cores is a good start.");
		}
		this.partitions = partitions;
	}

	/** The threads a run uses: {@code obmigrate.consent.partitions}, or when unset the default for these databases. */
	public int threads(ObmigrateDataSources dataSources) {
		return threads(dataSources.settings(Name.OB).runsOnThisMachine()
				|| dataSources.settings(Name.OB_TARGET).runsOnThisMachine(), Runtime.getRuntime().availableProcessors());
	}

	/** The threads for a database on this machine or elsewhere, with this many cores (see {@link #partitions}). */
	int threads(boolean databaseOnThisMachine, int cores) {
		if (this.partitions != null) {
			return this.partitions;
		}
		return databaseOnThisMachine ? Math.max(2, Math.min(DEFAULT_THREADS, cores)) : DEFAULT_THREADS;
	}

	/** Why a run uses the threads it does, for its summary: "4 threads", "2 threads (the database ...)". */
	public String describeThreads(ObmigrateDataSources dataSources) {
		int threads = threads(dataSources);
		if (this.partitions == null && threads != DEFAULT_THREADS) {
			return threads + " threads (the OB database runs on this " + Runtime.getRuntime().availableProcessors()
					+ "-core machine; obmigrate.consent.partitions sets another number)";
		}
		return threads + " threads";
	}

	private static final int DEFAULT_THREADS = 4;

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

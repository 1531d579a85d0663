package io.obmigrate.core;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every tunable of obmigrate, bound from {@code obmigrate.*} (YAML given with {@code --config}, environment variables
 * such as {@code OBMIGRATE_OB_URL}, or system properties). The README lists each one.
 */
@ConfigurationProperties("obmigrate")
public class ObmigrateProperties {

	/** The OB database: OB 2.0 {@code UK_*} source tables and, unless {@link #obTarget} is set, the OB 3.0 tables. */
	private DataSourceSettings ob = new DataSourceSettings();

	/** Optional separate database for the OB 3.0 consent tables (rehearsals into a fresh database). */
	private DataSourceSettings obTarget = new DataSourceSettings();

	/** The Identity Server database ({@code openbank_apimgtdb}); used by the DCR job. */
	private DataSourceSettings identity = new DataSourceSettings();

	/** The reporting statistics database; used by the reporting job. */
	private DataSourceSettings reporting = new DataSourceSettings();

	/**
	 * Where the reporting job builds the OB 3.0 tables under their final names; unset: in the reporting database
	 * itself, as {@code <TABLE>__OB3} until {@code reporting-cutover}.
	 */
	private DataSourceSettings reportingTarget = new DataSourceSettings();

	/** OB 2.0's summarized reporting database: never changed; when set, its tables are counted in the summary. */
	private DataSourceSettings reportingSummarized = new DataSourceSettings();

	/** The Spring Batch job repository; default an H2 file under {@code ./.obmigrate/}. */
	private DataSourceSettings jobrepo = new DataSourceSettings();

	/** Zone in which OB 2.0 wall-clock times were written. */
	private ZoneId sourceTimeZone = ZoneId.of("UTC");

	/** Folder for the default job repository and the log file. */
	private String home = ".obmigrate";

	private final Consent consent = new Consent();

	private final Dcr dcr = new Dcr();

	private final ReportingJob reportingJob = new ReportingJob();

	public DataSourceSettings getOb() {
		return this.ob;
	}

	public void setOb(DataSourceSettings ob) {
		this.ob = ob;
	}

	public DataSourceSettings getObTarget() {
		return this.obTarget;
	}

	public void setObTarget(DataSourceSettings obTarget) {
		this.obTarget = obTarget;
	}

	public DataSourceSettings getIdentity() {
		return this.identity;
	}

	public void setIdentity(DataSourceSettings identity) {
		this.identity = identity;
	}

	public DataSourceSettings getReporting() {
		return this.reporting;
	}

	public void setReporting(DataSourceSettings reporting) {
		this.reporting = reporting;
	}

	public DataSourceSettings getReportingTarget() {
		return this.reportingTarget;
	}

	public void setReportingTarget(DataSourceSettings reportingTarget) {
		this.reportingTarget = reportingTarget;
	}

	public DataSourceSettings getReportingSummarized() {
		return this.reportingSummarized;
	}

	public void setReportingSummarized(DataSourceSettings reportingSummarized) {
		this.reportingSummarized = reportingSummarized;
	}

	public DataSourceSettings getJobrepo() {
		return this.jobrepo;
	}

	public void setJobrepo(DataSourceSettings jobrepo) {
		this.jobrepo = jobrepo;
	}

	public ZoneId getSourceTimeZone() {
		return this.sourceTimeZone;
	}

	public void setSourceTimeZone(ZoneId sourceTimeZone) {
		this.sourceTimeZone = sourceTimeZone;
	}

	public String getHome() {
		return this.home;
	}

	public void setHome(String home) {
		this.home = home;
	}

	public Consent getConsent() {
		return this.consent;
	}

	public Dcr getDcr() {
		return this.dcr;
	}

	public ReportingJob getReportingJob() {
		return this.reportingJob;
	}

	/** Options of the reporting job ({@code obmigrate.reporting-job.*}; atlas F). */
	public static class ReportingJob {

		/** How the reporting job copies a table's key ranges. */
		public enum CopyMode {

			/** Measure both modes on the first ranges and keep the faster (in-database only where available). */
			AUTO,
			/** Rows through the JVM, JDBC batch inserts: any source and target. */
			CHUNK,
			/** One {@code INSERT … SELECT} per range: source and target in the same database. */
			IN_DATABASE

		}

		/**
		 * Rows per key range: the unit of transaction and checkpoint in both modes (the chunk mode reads a range in pages
		 * of at most 900 rows, one query per side table per page).
		 */
		private int chunkSize = 5000;

		/**
		 * Tables copied side by side (one step each, in lanes); 1 runs them one after the other. Each lane uses one
		 * connection, so with the in-database mode each lane is one database session.
		 */
		private int parallelTables = 2;

		/** auto (measure both modes on the first ranges, keep the faster), chunk, or in-database. */
		private CopyMode mode = CopyMode.AUTO;

		/** Write NULL for a negative (or 0-based) request-mediation latency instead of WSO2's raw difference. */
		private boolean guardNegativeLatency = true;

		/** {@code MESSAGE_ID} = old {@code ID} on every row; false: only when an invocation row has it (R2). */
		private boolean messageIdAlways = true;

		/** Fail the job when more rows are quarantined ({@code --max-quarantined} wins); unset: no limit. */
		private Long maxQuarantined;

		public Long getMaxQuarantined() {
			return this.maxQuarantined;
		}

		public void setMaxQuarantined(Long maxQuarantined) {
			this.maxQuarantined = maxQuarantined;
		}

		public int getChunkSize() {
			return this.chunkSize;
		}

		public void setChunkSize(int chunkSize) {
			this.chunkSize = chunkSize;
		}

		public int getParallelTables() {
			return this.parallelTables;
		}

		public void setParallelTables(int parallelTables) {
			this.parallelTables = parallelTables;
		}

		public CopyMode getMode() {
			return this.mode;
		}

		public void setMode(CopyMode mode) {
			this.mode = mode;
		}

		public boolean isGuardNegativeLatency() {
			return this.guardNegativeLatency;
		}

		public void setGuardNegativeLatency(boolean guardNegativeLatency) {
			this.guardNegativeLatency = guardNegativeLatency;
		}

		public boolean isMessageIdAlways() {
			return this.messageIdAlways;
		}

		public void setMessageIdAlways(boolean messageIdAlways) {
			this.messageIdAlways = messageIdAlways;
		}

	}

	/** Options of the DCR / service-provider job ({@code obmigrate.dcr.*}; atlas E). */
	public static class Dcr {

		/** Registrations per chunk; each registration is applied in its own Identity Server transaction. */
		private int chunkSize = 100;

		/**
		 * {@code OB_DCR_DETAILS.STATUS} values to migrate, compared case-insensitively; rows with any
		 * other status are filtered and counted. Empty: every row, as WSO2 does.
		 */
		private List<String> statuses = new ArrayList<>(List.of("ACTIVE"));

		/** Tenant of the service providers (WSO2 looks them up in the super tenant, -1234). */
		private int tenantId = -1234;

		/** Rename API-Manager-named SPs ({@code owner_app_KEYTYPE}) and their OAuth apps to the software ID. */
		private boolean renameServiceProviders = true;

		/** Remove the device-code grant and add jwt-bearer next to client_credentials. */
		private boolean fixGrantTypes = true;

		/**
		 * Replace the adaptive-authentication script of SPs linked to DCR rows with this file's content (E.3 after the
		 * loop; off unless set, and never for SPs without a DCR row: E.4 #6).
		 */
		private String adaptiveScriptFile;

		/** Fail the job when more registrations are quarantined ({@code --max-quarantined} wins); unset: no limit. */
		private Long maxQuarantined;

		public Long getMaxQuarantined() {
			return this.maxQuarantined;
		}

		public void setMaxQuarantined(Long maxQuarantined) {
			this.maxQuarantined = maxQuarantined;
		}

		public int getChunkSize() {
			return this.chunkSize;
		}

		public void setChunkSize(int chunkSize) {
			this.chunkSize = chunkSize;
		}

		public List<String> getStatuses() {
			return this.statuses;
		}

		public void setStatuses(List<String> statuses) {
			this.statuses = statuses;
		}

		public int getTenantId() {
			return this.tenantId;
		}

		public void setTenantId(int tenantId) {
			this.tenantId = tenantId;
		}

		public boolean isRenameServiceProviders() {
			return this.renameServiceProviders;
		}

		public void setRenameServiceProviders(boolean renameServiceProviders) {
			this.renameServiceProviders = renameServiceProviders;
		}

		public boolean isFixGrantTypes() {
			return this.fixGrantTypes;
		}

		public void setFixGrantTypes(boolean fixGrantTypes) {
			this.fixGrantTypes = fixGrantTypes;
		}

		public String getAdaptiveScriptFile() {
			return this.adaptiveScriptFile;
		}

		public void setAdaptiveScriptFile(String adaptiveScriptFile) {
			this.adaptiveScriptFile = adaptiveScriptFile;
		}

	}

	/** Options of the consent job ({@code obmigrate.consent.*}). */
	public static class Consent {

		/** Consents per chunk (one transaction, one query per child table). */
		private int chunkSize = 1000;

		/** Partitions per consent type, each an ID range run on its own thread, connection and checkpoint. */
		private int partitions = 2;

		/** Vocabulary profile of every literal written: {@code wso2-r2} or {@code uk-toolkit-native}. */
		private String profile = "wso2-r2";

		/** Extra OB 2.0 statuses and the OB 3.0 status to write for each; unknown ones are quarantined. */
		private Map<String, String> extraStatuses = new LinkedHashMap<>();

		/** WSO2's {@code account_update_by_psu_enabled}: migrate PSU re-authorisations as such. */
		private boolean accountUpdateByPsu = true;

		/** Reproduce R2's revoke audit: actor = binding user, "Revoked by..." reasons replaced. */
		private boolean r2RevocationAudit = false;

		/** Reproduce R2's receipt rewrite: no recursion into arrays, no deny-list. */
		private boolean r2ReceiptRewrite = false;

		/** Receipt subtrees whose keys are never renamed. */
		private List<String> receiptKeepKeysUnder = new ArrayList<>(List.of("SupplementaryData"));

		/** Write attribute {@code ExpirationDateTime} for accounts/CoF with an expiry (off until verified). */
		private boolean writeExpirationAttribute = false;

		/** Append {@code @<tenant>} to PSU IDs without it; default follows the profile. */
		private Boolean appendTenantDomain;

		private String tenantDomain = "carbon.super";

		/** Group PSU IDs case-insensitively; the first spelling, by binding time, is written. */
		private boolean userIdCaseInsensitive = true;

		/** Fail the job when more consents than this are quarantined; unset = unlimited (rehearsals). */
		private Long maxQuarantined;

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
			this.maxQuarantined = maxQuarantined;
		}

	}

}

package io.obmigrate.dcr;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.QuarantineLimit;

/**
 * Settings of the dcr job ({@code obmigrate.dcr.*}). A value out of range is refused when obmigrate starts, naming the
 * setting (exit 2).
 */
@ConfigurationProperties("obmigrate.dcr")
public class DcrProperties {

	/** Registrations per chunk; each registration is applied in its own Identity Server transaction. */
	private int chunkSize = 100;

	/**
	 * OB_DCR_DETAILS.STATUS values to migrate, compared case-insensitively, comma-separated; rows with any other status
	 * are filtered and counted (status-not-migrated). Empty: every row, as WSO2 does. check lists the statuses present.
	 */
	private List<String> statuses = new ArrayList<>(List.of("ACTIVE"));

	/** Tenant of the service providers (WSO2 looks them up in the super tenant, -1234). */
	private int tenantId = -1234;

	/** Rename API-Manager-named SPs (owner_app_KEYTYPE) and their OAuth apps to the software ID. */
	private boolean renameServiceProviders = true;

	/** Remove the device-code grant and add jwt-bearer next to client_credentials. */
	private boolean fixGrantTypes = true;

	/**
	 * Replace the adaptive-authentication script of SPs linked to DCR rows with this file's content; off unless set,
	 * and never for SPs without a DCR row.
	 */
	private String adaptiveScriptFile;

	/** Fail the job when more registrations are quarantined (--max-quarantined wins); unset: no limit. */
	private Long maxQuarantined;

	/**
	 * run dcr --since-last-run reads the registrations created or changed since the previous completed run started,
	 * less this margin (minutes, or with a unit: 90s, 1h; clock differences between the OB 2.0 servers, their database and
	 * obmigrate).
	 */
	@org.springframework.boot.convert.DurationUnit(java.time.temporal.ChronoUnit.MINUTES)
	private java.time.Duration catchUpMargin = java.time.Duration.ofMinutes(5);

	public java.time.Duration getCatchUpMargin() {
		return this.catchUpMargin;
	}

	public void setCatchUpMargin(java.time.Duration catchUpMargin) {
		this.catchUpMargin = io.obmigrate.core.HighWaterMark.margin(catchUpMargin, "obmigrate.dcr.catch-up-margin");
	}

	public int getChunkSize() {
		return this.chunkSize;
	}

	public void setChunkSize(int chunkSize) {
		if (chunkSize < 1) {
			throw new ConfigurationProblem("obmigrate.dcr.chunk-size must be at least 1 (got " + chunkSize
					+ "); the default 100 suits most databases.");
		}
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

	public Long getMaxQuarantined() {
		return this.maxQuarantined;
	}

	public void setMaxQuarantined(Long maxQuarantined) {
		this.maxQuarantined = QuarantineLimit.validated("obmigrate.dcr.max-quarantined", maxQuarantined);
	}

}

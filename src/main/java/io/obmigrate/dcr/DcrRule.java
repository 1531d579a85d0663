package io.obmigrate.dcr;

import io.obmigrate.core.RuleCode;

/** Every code the dcr job and its checks print; {@code docs/rules.md} is generated from this list. */
public enum DcrRule implements RuleCode {

	// ---- registrations the dcr job leaves out or quarantines
	STATUS_NOT_MIGRATED("status-not-migrated", Outcome.FILTERED,
			"The registration's OB_DCR_DETAILS.STATUS is not in obmigrate.dcr.statuses (default ACTIVE); its service"
					+ " provider is left as it is.",
			"Add the status to obmigrate.dcr.statuses if such registrations must be migrated."),
	UNPARSEABLE_REQUEST("unparseable-request", Outcome.QUARANTINED,
			"OB_DCR_DETAILS.REQUEST is not the JSON object of a registration request.",
			"Correct REQUEST of the row, or exclude the row by its status; then `restart`."),
	NO_SERVICE_PROVIDER("no-service-provider", Outcome.QUARANTINED,
			"No service provider has the registration's OAuth client ID: the application was deleted.",
			"Exclude its status with obmigrate.dcr.statuses, or re-register the TPP after the upgrade."),
	SEVERAL_SERVICE_PROVIDERS("several-service-providers", Outcome.QUARANTINED,
			"The client ID is linked to more than one service provider; obmigrate will not guess which one.",
			"Remove the stale SP_INBOUND_AUTH rows, then `restart`."),
	NAME_TOO_LONG("name-too-long", Outcome.QUARANTINED,
			"An attribute name, or the software ID the SP would be renamed to, is longer than its Identity Server"
					+ " column.",
			"Widen SP_METADATA.NAME or SP_APP.APP_NAME, then `restart`."),
	SP_VALUE_TOO_LONG("sp-value-too-long", Outcome.QUARANTINED,
			"An attribute value (usually the software statement, a JWT of several KB) is longer than"
					+ " SP_METADATA.VALUE; values are never truncated. `check` lists these registrations before the run.",
			"Widen SP_METADATA.VALUE (`check --fix` or the statement `check` prints), then `restart`. On Oracle"
					+ " beyond 4000 bytes: MAX_STRING_SIZE=EXTENDED, or exclude the registration."),
	RENAME_COLLISION("rename-collision", Outcome.QUARANTINED,
			"The SP cannot take its software ID as name: another SP (often the sandbox or production twin of the same"
					+ " software) has it or will have it.",
			"Rename this SP by hand (for example to <software ID>-sandbox; `check --emit-sql FILE` writes the"
					+ " statements), then `restart`."),
	APPLY_FAILED("apply-failed", Outcome.QUARANTINED,
			"The database refused this registration's change (a value too long, a name taken, or a row changed since it"
					+ " was read); the change was rolled back.",
			"Fix the cause in the message (often the Identity Server still running and changing SPs), then"
					+ " `restart`."),

	// ---- registrations migrated with a noted deviation
	EMPTY_ATTRIBUTE_SKIPPED("empty-attribute-skipped", Outcome.NOTICE,
			"A request attribute is null or an empty list; it is not stored, as OB 3.0 does.", "Nothing."),
	VALUE_READ_AS_LIST_OR_OBJECT("value-read-as-list-or-object", Outcome.NOTICE,
			"An attribute is text containing '#' or '{'; OB 3.0 will read it back as a list or an object.",
			"Check the TPP's registration if that attribute matters to OB 3.0."),
	SP_NAME_KEPT("sp-name-kept", Outcome.NOTICE,
			"The SP name does not follow API Manager's owner_application_KEYTYPE pattern (renamed already, by hand or"
					+ " by an earlier run); its name is kept.",
			"Nothing."),
	NO_OAUTH_APP("no-oauth-app", Outcome.NOTICE,
			"The SP has no OAuth application row; its OAuth app name and grant types are left alone.", "Nothing."),
	SUFFIXED_PROPERTY_KEPT("suffixed-property-kept", Outcome.NOTICE,
			"A property ending in _production or _sandbox exists also without the suffix; the suffixed ones are left.",
			"Nothing."),
	SUFFIX_VARIANT_CHOSEN("suffix-variant-chosen", Outcome.NOTICE,
			"Both _production and _sandbox variants of a property exist; the one of the registration's SOFTWARE_ENV"
					+ " takes the plain name, the other is left.",
			"Nothing."),
	NOTHING_TO_CHANGE("nothing-to-change", Outcome.NOTICE,
			"The service provider already has the OB 3.0 shape (migrated by an earlier run); nothing is written.",
			"Nothing."),
	PLANNED_CHANGE("planned-change", Outcome.NOTICE,
			"A dry run: the change the job would make to this service provider; nothing was written.",
			"Review the list, then run without --dry-run."),

	// ---- findings of check (and the dcr job's gates)
	IDENTITY_TABLES("identity-tables", Outcome.FINDING,
			"The identity database lacks the Identity Server tables or columns the dcr job changes.",
			"Point obmigrate.identity.url at openbank_apimgtdb after the Identity Server migration."),
	IDENTITY_SERVER_RUNNING("identity-server-running", Outcome.FINDING,
			"The dcr job edits SP_APP, SP_METADATA and IDN_OAUTH_CONSUMER_APPS directly; a running Identity Server"
					+ " caches service providers and would overwrite or ignore the changes.",
			"Stop the Identity Server before `run dcr`; start it after the job completes."),
	LONGEST_SP_VALUE("longest-sp-value", Outcome.FINDING,
			"The longest value the dcr job would write, and the live size of SP_METADATA.VALUE.", "Nothing."),
	SP_METADATA_VALUE_SIZE("sp-metadata-value-size", Outcome.FINDING,
			"SP_METADATA.VALUE is narrower than the 4096 characters the upgrade requires (4000 bytes on Oracle):"
					+ " software statements do not fit, today or when TPPs register after the upgrade.",
			"`check --fix` widens it (or run the statement `check --emit-sql` writes)."),
	UNDERSCORE_IN_SOFTWARE_ID("underscore-in-software-id", Outcome.FINDING,
			"A DCR application has '_' in its software ID or issuer name; the upgrade requires such service providers"
					+ " to be renamed before the migration.",
			"Rename each SP and its OAuth app as listed (management console, or the statements `check --emit-sql"
					+ " FILE` writes); obmigrate never renames them itself."),
	UNDERSCORE_IN_SP_OWNER("underscore-in-sp-owner", Outcome.FINDING,
			"An SP's owner part contains '_'. WSO2's own SP migrator would rename it to the wrong segment; obmigrate"
					+ " names SPs from SOFTWARE_ID, so it is right.",
			"Nothing for obmigrate; do not run the vendor's SP migrator on these."),
	DCR_STATUSES("dcr-statuses", Outcome.FINDING, "OB_DCR_DETAILS statuses and how many rows each has.", "Nothing.");

	private final Definition definition;

	DcrRule(String slug, Outcome outcome, String meaning, String fix) {
		this.definition = new Definition(slug, outcome, meaning, fix);
	}

	@Override
	public Definition definition() {
		return this.definition;
	}

	@Override
	public String capability() {
		return DcrJobConfiguration.JOB_NAME;
	}

}

package io.obmigrate.consent;

import io.obmigrate.core.RuleCode;

/** Every code the consent job and its checks print; {@code docs/rules.md} is generated from this list. */
public enum ConsentRule implements RuleCode {

	// ---- rows the consent job quarantines
	TARGET_CONFLICT("target-conflict", Outcome.QUARANTINED,
			"OB_CONSENT already holds a consent with this ID that obmigrate did not write from this consent type (a"
					+ " native OB 3.0 consent, one loaded by another tool, or another OB 2.0 type's consent with the same"
					+ " ID). obmigrate never overwrites it.",
			"Compare the two consents, remove or re-key one of them, then `restart`."),
	UNKNOWN_STATUS("unknown-status", Outcome.QUARANTINED,
			"The OB 2.0 status has no OB 3.0 status in the vocabulary profile; `check` lists these statuses before the"
					+ " run.",
			"Map it: obmigrate.consent.extra-statuses.<status>=<OB 3.0 status> (for example expired), or correct the"
					+ " source row; then `restart`."),
	MISSING_CLIENT_ID("missing-client-id", Outcome.QUARANTINED,
			"CLIENT_ID is empty; OB 3.0 requires the TPP's client ID on every consent.",
			"Restore the client ID in the source row, then `restart`."),
	MISSING_REQUEST("missing-request", Outcome.QUARANTINED,
			"REQUEST is empty; OB 3.0 requires the consent body (the receipt) on every consent.",
			"Restore the body in the source row, then `restart`."),
	RECEIPT_NOT_JSON("receipt-not-json", Outcome.QUARANTINED,
			"REQUEST is not valid JSON and the target RECEIPT column accepts only JSON (MySQL's JSON type).",
			"Repair the body in the source row, then `restart`."),
	RECEIPT_NOT_OBJECT("receipt-not-object", Outcome.QUARANTINED,
			"REQUEST is valid JSON without a consent in it: null, an empty array, a string or a number. OB 3.0 reads"
					+ " the receipt as an object. (A non-empty array is migrated with the notice receipt-is-array.)",
			"Restore the consent body in the source row, then `restart`."),
	RECEIPT_TOO_DEEP("receipt-too-deep", Outcome.QUARANTINED,
			"The receipt would be nested deeper than JSON writers accept (1,000 levels): a field of the body holds"
					+ " a JSON text nested that deep, which the receipt rewrite turns into an object.",
			"Repair the field in the source row, then `restart`."),
	VALUE_TOO_LONG("value-too-long", Outcome.QUARANTINED,
			"A value is longer than its OB 3.0 column (a PSU ID, account ID, client ID or metadata value); obmigrate"
					+ " never cuts an identifier or a metadata value.",
			"Widen the column the message names, then `restart`."),
	FILE_TOO_LARGE("file-too-large", Outcome.QUARANTINED,
			"The payment file is larger than OB_CONSENT_FILE.CONSENT_FILE holds; obmigrate never truncates a file.",
			"Widen the column (MySQL: MEDIUMBLOB or LONGBLOB), then `restart`."),

	// ---- rows migrated with a noted deviation
	RECEIPT_COPIED_UNCHANGED("receipt-copied-unchanged", Outcome.NOTICE,
			"REQUEST is not JSON; it is copied into RECEIPT as it is, without the OB 3.0 key renames.",
			"Nothing, unless the consent is still in use: then repair its body."),
	RECEIPT_IS_ARRAY("receipt-is-array", Outcome.NOTICE,
			"REQUEST is a non-empty JSON array rather than an object. Its elements are rewritten like a body's and the"
					+ " receipt stays an array, so nothing is lost, but OB 3.0's consent APIs read a receipt as an object.",
			"Review these consents with the bank's OB team; rebuild the body as an object if the consent is still used."),
	UPDATED_AFTER_RUN_START("updated-after-run-start", Outcome.NOTICE,
			"The consent's status changed after the run started: OB 2.0 may still be writing, and a later change is"
					+ " not in the target.",
			"Stop OB 2.0 before the migration; `check --updated-after <when you stopped>` proves nothing wrote"
					+ " afterwards."),
	EXPIRY_WITHOUT_OFFSET("expiry-without-offset", Outcome.NOTICE,
			"ExpirationDateTime has no offset; it is read as UTC.", "Nothing, if the TPPs sent UTC times."),
	EXPIRY_UNPARSEABLE("expiry-unparseable", Outcome.NOTICE,
			"ExpirationDateTime is not a date-time; the consent's VALIDITY_TIME is 0 (no expiry).",
			"Correct the body if the consent should expire."),
	BINDING_TIME_SPREAD("binding-time-spread", Outcome.NOTICE,
			"The consent's account bindings differ in time, but there is no re-authorisation marker; a spread of times"
					+ " alone is not a re-authorisation, so it is migrated as one authorisation.",
			"Nothing."),
	REVOKED_WITHOUT_BINDINGS("revoked-without-bindings", Outcome.NOTICE,
			"A revoked consent has no binding, neither current nor retired; it is migrated without an authorisation.",
			"Nothing."),
	DEBTOR_NOT_SELECTED("debtor-not-selected", Outcome.NOTICE,
			"A payment's debtor account is NOT_SELECTED; it is written as n/a, as OB 3.0 does.", "Nothing."),
	ACCOUNT_NOT_SELECTED("account-not-selected", Outcome.NOTICE,
			"An account binding with account NOT_SELECTED is not migrated (it grants nothing).", "Nothing."),
	PENDING_AUTHORISER("pending-authoriser", Outcome.NOTICE,
			"A multi-authorisation authoriser has no binding (never authorised); no authorisation row is written.",
			"Nothing, unless the payment is still pending: then the authoriser authorises it again in OB 3.0."),
	CONSUMED_WITHOUT_BINDING("consumed-without-binding", Outcome.NOTICE,
			"A consumed payment has no binding; its audit row has no actor.", "Nothing."),
	REVOKED_WITHOUT_HISTORY("revoked-without-history", Outcome.NOTICE,
			"A revoked consent has no revocation-history row; the default reason is written.", "Nothing."),
	REASON_TRUNCATED("reason-truncated", Outcome.NOTICE,
			"A revocation reason is longer than OB_CONSENT_STATUS_AUDIT.REASON; it is cut between characters and the"
					+ " full text is kept in the notice.",
			"Widen OB_CONSENT_STATUS_AUDIT.REASON before the run if the full text must be kept."),
	NULL_ATTRIBUTE("null-attribute", Outcome.NOTICE,
			"A metadata row has no value; OB 3.0 attributes cannot be empty, so it is not written.", "Nothing."),
	METADATA_SHADOWED("metadata-shadowed", Outcome.NOTICE,
			"A metadata key collides with an attribute obmigrate writes from the consent itself (for example the spec"
					+ " version); the consent's own value wins.",
			"Nothing."),
	DUPLICATE_METADATA_KEY("duplicate-metadata-key", Outcome.NOTICE,
			"Two metadata rows give one attribute (for example paymentType and PaymentType); the first in order wins,"
					+ " paymentType before any other spelling.",
			"Nothing."),
	FILE_WITHOUT_FILE_PAYMENT_TYPE("file-without-file-payment-type", Outcome.NOTICE,
			"A UK_TRANSACTION_FILE row exists but the consent is not a file payment; the file is not copied.",
			"Nothing."),
	FILE_MISSING("file-missing", Outcome.NOTICE,
			"A file payment past awaitingUpload has no file row; it is migrated without a file.", "Nothing."),
	USER_SPELLINGS_MERGED("user-spellings-merged", Outcome.NOTICE,
			"Two spellings of one PSU ID (differing in case or spaces) are treated as one PSU; the first spelling by"
					+ " binding time is written.",
			"Set obmigrate.consent.user-id-case-insensitive=false if your user store is case-sensitive."),

	// ---- findings of check (and the consent job's gates)
	TARGET_TABLES_MISSING("target-tables-missing", Outcome.FINDING,
			"The OB 3.0 consent tables do not exist in the target database, or only some do.",
			"All missing: `check --fix` or `run consent --create-schema` creates them from sql/<dialect>/"
					+ "ob3-consent.sql. Some missing: create the rest from that file by hand."),
	FOREIGN_KEY_UNINDEXED("foreign-key-unindexed", Outcome.FINDING,
			"A foreign key of the OB 3.0 consent tables has no index (PostgreSQL, SQL Server and Oracle do not create"
					+ " one with the key; the accelerator's scripts do not either): removing a consent (a catch-up"
					+ " re-writing a changed consent, a rollback) checks that child table by a full scan, for every"
					+ " consent. A completed run creates the missing ones at its end (tables obmigrate creates get"
					+ " them then, after the load, which costs less than keeping them up during it); a catch-up or"
					+ " rollback creates them first. Reported when the tables hold consents.",
			"`obmigrate check --fix` creates it (or run the CREATE INDEX statement `check` prints), before the cut-over"
					+ " window."),
	FOREIGN_KEY_MISSING("foreign-key-missing", Outcome.FINDING,
			"A foreign key that the OB 3.0 consent tables' script (sql/<dialect>/ob3-consent.sql) declares is missing"
					+ " from the target. On PostgreSQL obmigrate creates the tables without them and adds them when a run"
					+ " completes: one pass that checks all loaded rows costs less than the check the database makes for"
					+ " every row as it is written. A run that stopped or was abandoned before completing leaves them"
					+ " missing until a run completes; one stopped while it added them may leave a key declared but the"
					+ " rows not yet checked against it (PostgreSQL's NOT VALID), which counts as missing. Reported when"
					+ " the tables hold consents.",
			"Complete the run (`restart consent`), or `obmigrate check --fix` adds them now (or run the ALTER TABLE"
					+ " statements `check` prints). A key the database refuses names a table with rows whose parent row"
					+ " is missing: find them by the key's column and remove or repair them first."),
	CHANGED_SINCE_LAST_RUN("changed-since-last-run", Outcome.FINDING,
			"How many source consents were created or changed (status, new bindings, retired bindings, payment files)"
					+ " since the last completed consent run started: what `run consent --since-last-run` would read.",
			"Before the cut-over, stop OB 2.0 and run `obmigrate run consent --since-last-run`, then `run verify`."),
	TARGET_TABLES("target-tables", Outcome.FINDING,
			"How many consents the OB 3.0 tables already hold: migrated ones (a run skips them) and native OB 3.0 ones.",
			"Nothing."),
	VOCABULARY_CLASH("vocabulary-clash", Outcome.FINDING,
			"The target already holds consents whose statuses only another vocabulary profile writes; one database must"
					+ " not mix two spellings.",
			"Choose the profile the deployment reads (obmigrate.consent.profile)."),
	DATABASE_ENCODING("database-encoding", Outcome.FINDING,
			"The PostgreSQL target database is not UTF8; receipts may hold characters it cannot store.",
			"Use a UTF8 database for OB 3.0."),
	SOURCE_STATUSES("source-statuses", Outcome.FINDING, "The OB 2.0 consent statuses and how many rows each has.",
			"Nothing; `unknown-status` lists the ones without a mapping."),
	LENGTH_UNMEASURED("length-unmeasured", Outcome.FINDING,
			"obmigrate could not measure the longest value of a column on this database.",
			"Check the longest value by hand against the target column."),
	UPDATED_AFTER("updated-after", Outcome.FINDING,
			"OB 2.0 consents changed after the instant given to `check --updated-after`: OB 2.0 is still writing, and"
					+ " changes made after the copy are lost.",
			"Stop OB 2.0 (API Manager and Identity Server), then check again.");

	private final Definition definition;

	ConsentRule(String slug, Outcome outcome, String meaning, String fix) {
		this.definition = new Definition(slug, outcome, meaning, fix);
	}

	@Override
	public Definition definition() {
		return this.definition;
	}

	@Override
	public String capability() {
		return ConsentJobConfiguration.JOB_NAME;
	}

}

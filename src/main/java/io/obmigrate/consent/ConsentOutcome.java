package io.obmigrate.consent;

import io.obmigrate.core.RowReport;

/** What the consent mapping made of one OB 2.0 consent. */
public sealed interface ConsentOutcome permits MigratedConsent, ConsentOutcome.Quarantined, ConsentOutcome.Filtered {

	/** Not migrated: the rule named in the report could not proceed. */
	record Quarantined(RowReport report) implements ConsentOutcome {
	}

	/** Not migrated, on purpose: e.g. already written to the target by an earlier run. */
	record Filtered(String consentId, String reason) implements ConsentOutcome {
	}

}

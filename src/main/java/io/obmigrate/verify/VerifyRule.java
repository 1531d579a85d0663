package io.obmigrate.verify;

import io.obmigrate.core.RuleCode;

/** The verdicts verify gives a table; {@code docs/rules.md} is generated from this list. */
public enum VerifyRule implements RuleCode {

	VERIFY_MISMATCH("verify-mismatch", Outcome.VERIFY,
			"A table holds a row, a column value or a row count other than what the job's rules make of the source:"
					+ " a row missing or unexpected, a value changed, a consent on no quarantine list although the"
					+ " rules quarantine it. Each difference names the job, the table, the key, the column and both"
					+ " values.",
			"Find why (a change by hand or by an application after the run, a source row changed since, a different"
					+ " configuration than the run's), repair the rows or re-run the job for them, then `obmigrate run"
					+ " verify --failed-only` re-checks only the keys that differed."),
	VERIFY_APART("verify-apart", Outcome.VERIFY,
			"A target row has no source row: a consent created natively in OB 3.0, copied by other means, or written"
					+ " by obmigrate from a source consent deleted since. Listed apart; it does not fail the run.",
			"Check that the listed rows are expected in the target (native OB 3.0 data); a row obmigrate wrote from a"
					+ " deleted source consent may be removed."),
	VERIFY_NOT_VALIDATED("verify-not-validated", Outcome.VERIFY,
			"The table was not checked, for the reason shown: its job has no completed run, its database is not"
					+ " configured, a table is missing (the reporting tables after reporting-cutover), or the run"
					+ " stopped before the table was done.",
			"Remove the reason (run the job, configure the database, verify before the cut-over, restart the verify"
					+ " run) and run verify again.");

	private final Definition definition;

	VerifyRule(String slug, Outcome outcome, String meaning, String fix) {
		this.definition = new Definition(slug, outcome, meaning, fix);
	}

	@Override
	public Definition definition() {
		return this.definition;
	}

	@Override
	public String capability() {
		return VerifyJobConfiguration.JOB_NAME;
	}

}

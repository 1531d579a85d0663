package io.obmigrate.reporting;

import io.obmigrate.core.RuleCode;

/** Every code the reporting job and its checks print; {@code docs/rules.md} is generated from this list. */
public enum ReportingRule implements RuleCode {

	VALUE_LONGER_THAN_COLUMN("value-longer-than-column", Outcome.QUARANTINED,
			"A value is longer than its OB 3.0 column and a value is never cut: obmigrate.reporting-job.widen-columns"
					+ " is false (OB 3.0's 254 characters kept), or the value grew in the source after the run sized the"
					+ " column.",
			"Set obmigrate.reporting-job.widen-columns=true (the default), or shorten the value in the source (a"
					+ " delivery address in TransactionDeliveryAddress), then `obmigrate restart reporting`: the column"
					+ " is sized again."),
	COLUMN_WIDENED("column-widened", Outcome.NOTICE,
			"A value is longer than the 254 characters OB 3.0 declares; obmigrate made the column as wide as the"
					+ " longest value the source holds, so nothing is cut or lost. Counted per table; `check` lists the"
					+ " columns and widths.",
			"Nothing. A system that copies these tables elsewhere needs the same width."),
	NO_SIDE_ROW_OWN_VALUES_KEPT("no-side-row-own-values-kept", Outcome.NOTICE,
			"A row has no UK_ADDITIONAL_RAW_DATA row; its own values are kept for the columns the side table would"
					+ " have filled. Counted per table, not listed per row.",
			"Nothing."),
	NO_INVOCATION_MESSAGE_ID_KEPT("no-invocation-message-id-kept", Outcome.NOTICE,
			"A row has no API invocation row with its ID; its MESSAGE_ID is still the old ID. Counted per table.",
			"Nothing."),
	REQUEST_MEDIATION_LATENCY_NULL("request-mediation-latency-null", Outcome.NOTICE,
			"The request-mediation latency came out negative (or from a 0 start); NULL is written instead of a"
					+ " meaningless difference. Counted per table.",
			"Set obmigrate.reporting-job.guard-negative-latency=false to keep the raw difference."),
	DELIVERY_ADDRESS_CHOSEN("delivery-address-chosen", Outcome.NOTICE,
			"A consent has several delivery addresses; the latest is written, ties broken by the greatest in"
					+ " code-point order. Counted per table.",
			"Nothing."),
	PASS_THROUGH_COLUMN("pass-through-column", Outcome.FINDING,
			"A reporting table has a column the migration rules do not name; it is copied into the OB 3.0 table"
					+ " unchanged, value and declared type. `check` lists them per table.",
			"Nothing, unless the column should not reach OB 3.0: then drop it from the OB 2.0 table first."),
	RUN_TIME_ESTIMATE("run-time-estimate", Outcome.FINDING,
			"The rows of each reporting table and how long the reporting job should take, from the rows per second"
					+ " the last completed reporting run in this job repository measured per table.",
			"Nothing. Without a measured run, rehearse on a staging copy with this job repository."),
	TABLE_WITHOUT_STATISTICS("table-without-statistics", Outcome.FINDING,
			"PostgreSQL has no planner statistics for a reporting table (never analyzed: a freshly restored copy, say)."
					+ " Without them it reads the whole table to find each key range, and the run slows with the square"
					+ " of the table's size.",
			"ANALYZE the table (or `vacuumdb --analyze-only` the database) before the run, as after any restore."),
	ALREADY_CUT_OVER("already-cut-over", Outcome.FINDING,
			"The reporting tables are cut over already (the <TABLE>__OB2 tables hold the OB 2.0 data): nothing is left"
					+ " to migrate.",
			"Finish with `obmigrate reporting-cutover` if it was interrupted."),
	PASS_THROUGH_ACROSS_DIALECTS("pass-through-across-dialects", Outcome.FINDING,
			"The OB 2.0 tables have columns obmigrate does not know; they are copied with their source types, which"
					+ " another kind of target database cannot take.",
			"Use a target database of the same kind, or create the OB 3.0 tables there yourself with those columns.");

	private final Definition definition;

	ReportingRule(String slug, Outcome outcome, String meaning, String fix) {
		this.definition = new Definition(slug, outcome, meaning, fix);
	}

	@Override
	public Definition definition() {
		return this.definition;
	}

	@Override
	public String capability() {
		return ReportingJobConfiguration.JOB_NAME;
	}

}

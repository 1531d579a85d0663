package io.obmigrate.core;

/**
 * One row of the run report: a source row that was quarantined (not migrated, with the rule and reason) or a notice
 * about a row that was migrated with a counted deviation (a truncated reason, an assumed time zone, ...).
 *
 * @param sourceTable the OB 2.0 table the row comes from
 * @param sourceKey the row's key in that table (the consent ID for consents)
 * @param rule the code of the rule ({@link RuleCode#slug()}, e.g. {@code reason-truncated}), explained in docs/rules.md
 * @param message what happened and, for quarantined rows, what to do
 */
public record RowReport(Kind kind, String sourceTable, String sourceKey, String rule, String message) {

	public enum Kind {

		QUARANTINED, NOTICE

	}

	public static RowReport quarantined(String sourceTable, String sourceKey, RuleCode rule, String message) {
		return new RowReport(Kind.QUARANTINED, sourceTable, sourceKey, rule.slug(), message);
	}

	public static RowReport notice(String sourceTable, String sourceKey, RuleCode rule, String message) {
		return new RowReport(Kind.NOTICE, sourceTable, sourceKey, rule.slug(), message);
	}

}

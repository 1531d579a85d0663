package io.obmigrate.core;

/**
 * A stable code obmigrate prints: a rule a row was quarantined, noted or filtered under, or a finding of
 * {@code check}. Each capability declares its codes in one enum; {@code docs/rules.md} is generated from them, so
 * every code a DBA reads has its meaning, what obmigrate did and what to do.
 */
public interface RuleCode {

	/** The code's text, given once where the enum constant is declared. */
	Definition definition();

	/** The printed code, e.g. {@code unknown-status}; unique across obmigrate. */
	default String slug() {
		return definition().slug();
	}

	/** What happens to the row or the run. */
	default Outcome outcome() {
		return definition().outcome();
	}

	/** What the code means, in a DBA's words. */
	default String meaning() {
		return definition().meaning();
	}

	/** What the DBA can do about it. */
	default String fix() {
		return definition().fix();
	}

	/** The capability (or {@code core}) that declares the code; its section in {@code docs/rules.md}. */
	String capability();

	/** A code's slug, outcome, meaning and fix. */
	record Definition(String slug, Outcome outcome, String meaning, String fix) {
	}

	/** What obmigrate does with a row or a finding under a code. */
	enum Outcome {

		/** The row is not migrated; it is listed with the reason, and the run goes on. */
		QUARANTINED("The row is not migrated. It is listed with its key and the reason (`status --execution N`);"
				+ " the run goes on and a restart after the fix picks it up."),
		/** The row is migrated with a counted, reported deviation. */
		NOTICE("The row is migrated; the deviation is counted in the summary and listed per row."),
		/** The row is left out on purpose and counted. */
		FILTERED("The row is left out on purpose and counted as filtered in the summary."),
		/** A finding of {@code check}; its severity (blocker, warning, info) is printed with it. */
		FINDING("`check` reports it. A blocker also refuses `run` of the job it belongs to (exit 4)."),
		/** An upgrade plan step fails, waits or is skipped under the code; the plan stops at a failed step. */
		STEP("The upgrade plan step ends under this code: a failed step stops the plan (exit 1) and `restart upgrade`"
				+ " resumes at that step after the fix; a skipped step is recorded with the reason."),
		/** A table's verdict in a verify run. */
		VERIFY("`run verify` reports it per table and lists each difference (`report --format json` has them all);"
				+ " a mismatch ends the run with exit 5.");

		private final String explanation;

		Outcome(String explanation) {
			this.explanation = explanation;
		}

		public String explanation() {
			return this.explanation;
		}

	}

}

package io.obmigrate.core;

/** The checks a job runs before it starts reading; a failed check throws {@link PreflightBlocker} (exit 4). */
public interface JobPreflight {

	String jobName();

	/** Verifies sources and target; creates the target tables first when {@code createSchema} is set. */
	void check(boolean createSchema);

	/** As {@link #check(boolean)}; a dry run must not create anything in the databases it reads. */
	default void check(boolean createSchema, boolean dryRun) {
		check(createSchema);
	}

	/** Notice rules under which a dry run records the change it would make, printed after a dry run's summary. */
	default java.util.List<String> plannedChangeRules() {
		return java.util.List.of();
	}

	/** Conditions the operator must make sure of before the job starts (printed, not enforced). */
	default java.util.List<String> warnings() {
		return java.util.List.of();
	}

	/** One line for the summary: zone, profile, databases (no secrets). */
	String describe();

}

package io.obmigrate.core;

/** The checks a job runs before it starts reading; a failed check throws {@link PreflightBlocker} (exit 4). */
public interface JobPreflight {

	String jobName();

	/** Verifies sources and target; creates the target tables first when {@code createSchema} is set. */
	void check(boolean createSchema);

	/** One line for the summary: zone, profile, databases (no secrets). */
	String describe();

}

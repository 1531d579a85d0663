package io.obmigrate.core;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How a capability takes back what its job wrote, and only that ({@code obmigrate rollback <job>}, and the reset at
 * the start of every rehearsal). Each capability declares one: consent removes the consents it migrated (children
 * first, in chunks), dcr restores the service providers from its journal's before-images, reporting drops or swaps
 * back its tables. A rollback works in small committed steps and is idempotent, so one that is killed is simply run
 * again and ends where an uninterrupted one would.
 */
public interface Rollback {

	/** The name a rollback of {@code job} is journalled under in {@code OBMIGRATE_JOURNAL}. */
	static String journalOperation(String job) {
		return "rollback-" + job;
	}

	/** The job whose writes this takes back ({@code consent}). */
	String job();

	/** Null when the databases are configured; otherwise why there is nothing to roll back here. */
	String unconfigured();

	/** The databases it changes; each must pass {@link DestructiveConfirmation} first. */
	List<ObmigrateDataSources.Name> targets();

	/** What it would remove or restore now, table by table, in words, without changing anything; empty: nothing. */
	Map<String, String> pending();

	/**
	 * Takes the job's writes back; {@code progress} hears one line per committed step. Returns the rows removed or
	 * restored per table (the journal records them).
	 */
	Map<String, Long> execute(Consumer<String> progress);

}

package io.obmigrate.upgrade;

import io.obmigrate.core.RuleCode;

/**
 * Every code an upgrade plan step can end under; {@code docs/rules.md} is generated from this list. The code is printed
 * with the step's message and kept in the upgrade journal.
 */
public enum UpgradeRule implements RuleCode {

	// ---- server-run
	SERVER_FAILURE_PHRASE("server-failure-phrase", Outcome.STEP,
			"A failure phrase of the step appeared in the server's log or output. The vendor's migration clients log"
					+ " their success line even after an error they swallowed, so a failure phrase fails the step even"
					+ " when every success phrase appeared too.",
			"Read the log slice printed with the step (`obmigrate plan` shows where it is kept), fix the cause, restore"
					+ " the databases from the backup if the client changed them half-way, then `restart upgrade`."),
	SERVER_EXITED_EARLY("server-exited-early", Outcome.STEP,
			"The server process ended before every success phrase appeared (a migration client can end the JVM, for"
					+ " example on cross-tenant subscriptions).",
			"Read the log slice and the exit code, fix the cause, then `restart upgrade`."),
	SERVER_TIMEOUT("server-timeout", Outcome.STEP,
			"Not every success phrase appeared within the step's timeout; the server and every process it started were"
					+ " stopped.",
			"Check whether the migration is slow or stuck (database locks, a missing migration jar: 'Waiting for"
					+ " migration client'); raise the step's timeout if it is only slow, then `restart upgrade`."),
	SERVER_IDLE("server-idle", Outcome.STEP,
			"Neither the log nor the process output had a new line for the step's idle-timeout; the server was"
					+ " stopped.",
			"Look for database locks or a hung client; raise idle-timeout if long silent phases are expected, then"
					+ " `restart upgrade`."),
	SERVER_LEFT_RUNNING("server-left-running", Outcome.STEP,
			"Processes of the step were still alive after the stop command, SIGTERM and SIGKILL; the next step must not"
					+ " run while they use the databases.",
			"Kill the listed processes (they may belong to another user), then `restart upgrade`."),
	SERVER_ALREADY_RUNNING("server-already-running", Outcome.STEP,
			"A server already runs from the step's home (its PID file names a live process), or a process an earlier,"
					+ " interrupted attempt started is still alive: two servers must never migrate the same databases.",
			"Stop that server (and check it was not started against the OB 2.0 databases by mistake), then `restart"
					+ " upgrade`."),

	// ---- command
	COMMAND_FAILED("command-failed", Outcome.STEP,
			"The command's exit code is not one the step expects, a failure phrase appeared in its output, a success"
					+ " phrase did not, or it ran past its timeout (then it was stopped with every process it started).",
			"Read the output printed with the step, fix the cause, then `restart upgrade`."),
	COMMAND_OUTPUT_MISSING("command-output-missing", Outcome.STEP,
			"A file the step declares as the command's output is missing after it ended, whatever its exit code (some"
					+ " vendor scripts exit 0 after a failed copy).",
			"Run the command by hand to see why the file is missing, fix it, then `restart upgrade`."),

	// ---- sql-script
	STATEMENT_FAILED("statement-failed", Outcome.STEP,
			"A statement of the script failed. The statements before it are recorded as applied and are not run again;"
					+ " a restart resumes at the failed statement.",
			"Fix the cause (or the statement in the script), then `restart upgrade`."),
	STATEMENT_IN_DOUBT("statement-in-doubt", Outcome.STEP,
			"obmigrate's process ended (killed, host lost) while the database ran a statement of the script: whether it"
					+ " was applied is unknown, and running it twice (or not at all) could both be wrong.",
			"Look at the database (does the table, column or row the statement creates exist?), then `obmigrate"
					+ " confirm STEP --statement N --applied` or `--not-applied`, and `restart upgrade`."),
	SCRIPT_CHANGED("script-changed", Outcome.STEP,
			"A statement that an earlier attempt already applied differs in the script file now: resuming would mix two"
					+ " versions of the script.",
			"Restore the script as it was, or restore the database from the backup and run the step again with"
					+ " `run upgrade --rerun STEP`."),

	// ---- guards
	GUARD_SKIPPED("guard-skipped", Outcome.STEP,
			"Every skip-if condition of the step holds: what the step does is already in the databases. The step is"
					+ " skipped and recorded, never run twice.",
			"Nothing. If the step must run anyway, restore the databases first."),
	GUARD_HALF_APPLIED("guard-half-applied", Outcome.STEP,
			"Some of the step's skip-if markers hold and others do not: the schema is half-migrated (an earlier run of"
					+ " the vendor's tool failed part-way). Re-running such tools fails or corrupts data.",
			"Restore the databases from the backup taken before the step, then `restart upgrade`; the vendor's reset"
					+ " scripts are an operator's decision, never obmigrate's."),
	STEP_DISABLED("step-disabled", Outcome.STEP,
			"The step's enabled value is false for this environment: its variable says the step does not apply (for"
					+ " example registry versioning was never switched on). It is recorded as skipped.",
			"Nothing. Set the variable to true if the step does apply, then `run upgrade --rerun STEP`."),
	GUARD_REFUSED("guard-refused", Outcome.STEP,
			"A refuse-if condition of the step holds: the databases are in a state the step must not run on.",
			"Read the condition in the message, put the databases right, then `restart upgrade`."),

	// ---- manual, job, file
	WAITING_FOR_CONFIRMATION("waiting-for-confirmation", Outcome.STEP,
			"An operator step: obmigrate printed its instructions and stopped the plan (exit 3).",
			"Do what the instructions say, then `obmigrate confirm STEP --by NAME` and `obmigrate restart upgrade`."),
	JOB_FAILED("job-failed", Outcome.STEP,
			"The obmigrate job the step runs (check, consent, dcr, reporting) did not complete.",
			"Read that job's summary (`obmigrate status --execution N`), fix the cause, then `restart upgrade`: the"
					+ " job resumes from its last committed chunk."),
	JOB_VERIFY_MISMATCH("job-verify-mismatch", Outcome.STEP,
			"The verify job the step runs completed and found differences between what the jobs wrote and what their"
					+ " rules say.",
			"Read them (`obmigrate report --execution N`), repair the rows or re-run the job for them, check with"
					+ " `obmigrate run verify --failed-only`, then `restart upgrade`: the step verifies again."),
	FILE_CHANGE_FAILED("file-change-failed", Outcome.STEP,
			"A file step could not copy, back up, remove or edit its file (missing source, no permission, a TOML file"
					+ " it cannot read).",
			"Fix the path or permission named in the message, then `restart upgrade`."),
	STEP_INTERRUPTED("step-interrupted", Outcome.STEP,
			"The step was running when obmigrate's process ended (killed, host lost). Processes it had started were"
					+ " stopped; the step runs again after its guards are checked.",
			"Nothing, if the step has guards that recognise its work; otherwise check the databases before `restart"
					+ " upgrade`.");

	private final Definition definition;

	UpgradeRule(String slug, Outcome outcome, String meaning, String fix) {
		this.definition = new Definition(slug, outcome, meaning, fix);
	}

	@Override
	public Definition definition() {
		return this.definition;
	}

	@Override
	public String capability() {
		return UpgradeJobConfiguration.JOB_NAME;
	}

}

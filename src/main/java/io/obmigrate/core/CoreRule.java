package io.obmigrate.core;

/**
 * Codes of the shared core: data sources, source shapes, character sets, checks that could not run, and rows any job
 * quarantines when the target refuses them or their mapping fails.
 */
public enum CoreRule implements RuleCode {

	DATA_SOURCE("data-source", "The product, version, driver, dialect and session time zone of a configured database.",
			"Nothing; compare with what you expect to migrate."),
	DATA_SOURCE_UNREACHABLE("data-source-unreachable",
			"A configured database did not answer, refused the login, or its metadata could not be read.",
			"Correct the URL, user or password named in the message (environment or --config file), or grant the user"
					+ " read access to the database's metadata, and run `check` again."),
	JOB_NOT_CONFIGURED("job-not-configured",
			"A job's database is not configured, so its checks were skipped and `run` of that job is a usage error.",
			"Set the settings the message names (for example OBMIGRATE_IDENTITY_URL for the dcr job) if the job is"
					+ " part of your migration."),
	SECTION_SKIPPED("section-skipped",
			"A group of checks could not run (a table or privilege missing, a database error). A group that can block"
					+ " a job is a blocker: nothing proves the job can start.",
			"Fix the cause in the message (often a missing table or privilege) and run `check` again."),
	SOURCE_TIME_ZONE("source-time-zone",
			"The zone in which obmigrate reads OB 2.0 wall-clock times (DATETIME columns without an offset).",
			"Set obmigrate.source-time-zone to the zone OB 2.0 wrote in, if it is not the one shown."),
	SOURCE_TIME_ZONE_DIFFERS("source-time-zone-differs",
			"The OB database server runs in another zone than obmigrate.source-time-zone; OB 2.0 filled its times from"
					+ " the server clock, so every migrated time would shift by the difference.",
			"Set obmigrate.source-time-zone (OBMIGRATE_SOURCETIMEZONE) to the server's zone, unless you know OB 2.0"
					+ " wrote in another."),
	SOURCE_TABLE_MISSING("source-table-missing", "A table the job reads does not exist in the configured source"
			+ " database.",
			"Point the source URL at the OB 2.0 database; sql/<dialect>/ shows the expected tables."),
	SOURCE_COLUMN_SHAPE("source-column-shape",
			"A source table lacks a column the job reads by name, or the column is of another type family (text,"
					+ " number, time, binary) than OB 2.0 defines.",
			"Compare the table with sql/<dialect>/; a customised table needs a view with the expected names and"
					+ " types."),
	SOURCE_ROW_COUNTS("source-row-counts", "How many rows each source table holds, before the migration.",
			"Nothing; keep the numbers with the migration record."),
	LATIN1_TARGET("latin1-target",
			"Target columns are in a non-Unicode character set (MySQL latin1): every character outside it is stored as"
					+ " '?'. A blocker when source rows hold such characters today, a warning otherwise.",
			"Convert the tables to utf8mb4 (the statements come with `check --emit-sql FILE`; a DBA runs them)."),
	TARGET_REFUSED("target-refused", Outcome.QUARANTINED,
			"The target database refused the row when it was written (a value too long, a check or JSON constraint,"
					+ " an encoding, a duplicate key); the message is the database's own. The rest of the chunk is"
					+ " written: obmigrate writes the chunk again row by row to find the refused row.",
			"Read the database's message in the quarantine list (`status --execution N`); correct the source row, or"
					+ " widen or relax the target column it names, then `restart`."),
	ROW_MAPPING_FAILED("row-mapping-failed", Outcome.QUARANTINED,
			"The mapping of this row failed on a value obmigrate did not expect; the message names the error. The"
					+ " run goes on without the row.",
			"Correct the value in the source row, then `restart`; if the value is valid OB 2.0 data, report the"
					+ " message to the obmigrate maintainers."),
	MISSING_PRIVILEGE("missing-privilege",
			"The database user of a job may not make a write the job needs (INSERT or UPDATE on a table it writes);"
					+ " found before the run by statements that touch no row. A blocker: the job would fail at its"
					+ " first chunk.",
			"Grant the privileges listed (docs/security.md has the grants per job and database), then run `check`"
					+ " again."),
	UNWRITTEN_PAGES("unwritten-pages",
			"Half or more of a MySQL/MariaDB server's buffer pool holds pages changed but not yet written to disk"
					+ " (after a restore or another large load, say). A run started then waits, as it reads, for the server to"
					+ " write changed pages out to make room: a 100k-consent run on a 128 MB pool took 17 s instead of"
					+ " 9.5 s. A warning; the run may start.",
			"Wait until SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty' is near 0 (the server writes them"
					+ " out by itself, in a minute or more when idle), or have them written at once: SET GLOBAL"
					+ " innodb_max_dirty_pages_pct = 0, wait until the count is near 0, then set it back (90 unless"
					+ " your server sets another value)."),
	QUARANTINE_LIMIT("quarantine-limit",
			"A job quarantined more rows than its max-quarantined setting (or --max-quarantined) allows and failed.",
			"Read the quarantine list (`status --execution N`), fix the source rows or the settings, then `restart`.");

	private final Definition definition;

	CoreRule(String slug, String meaning, String fix) {
		this(slug, Outcome.FINDING, meaning, fix);
	}

	CoreRule(String slug, Outcome outcome, String meaning, String fix) {
		this.definition = new Definition(slug, outcome, meaning, fix);
	}

	@Override
	public Definition definition() {
		return this.definition;
	}

	@Override
	public String capability() {
		return "core";
	}

}

package io.obmigrate.consent;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;

import io.obmigrate.core.CheckRun;
import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.HighWaterMark;
import io.obmigrate.core.MigrationJob;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.ObmigrateProperties;

/** The consent capability as {@code check}, {@code run} and {@code status} see it. */
class ConsentJob implements MigrationJob {

	private final Supplier<Job> job;

	private final ObmigrateDataSources dataSources;

	private final ObmigrateProperties properties;

	private final ConsentProperties consent;

	private final ConsentTargetSchema targetSchema;

	private final ConsentChecks checks;

	private final org.springframework.beans.factory.ObjectProvider<io.obmigrate.core.JobControl> controls;

	private final org.springframework.beans.factory.ObjectProvider<io.obmigrate.core.OperationJournal> journal;

	ConsentJob(Supplier<Job> job, ObmigrateDataSources dataSources, ObmigrateProperties properties,
			ConsentProperties consent, ConsentTargetSchema targetSchema,
			org.springframework.beans.factory.ObjectProvider<io.obmigrate.core.JobControl> controls,
			org.springframework.beans.factory.ObjectProvider<io.obmigrate.core.OperationJournal> journal) {
		this.controls = controls;
		this.journal = journal;
		this.job = job;
		this.dataSources = dataSources;
		this.properties = properties;
		this.consent = consent;
		this.targetSchema = targetSchema;
		this.checks = new ConsentChecks(dataSources, properties, consent, targetSchema, this::highWaterMark);
	}

	@Override
	public String name() {
		return ConsentJobConfiguration.JOB_NAME;
	}

	@Override
	public Job job() {
		return this.job.get();
	}

	@Override
	public String description() {
		return "OB 2.0 consents (accounts, funds confirmations, payments) into the OB 3.0 consent tables.";
	}

	@Override
	public List<Name> dataSources() {
		return this.dataSources.separateTarget() ? List.of(Name.OB, Name.OB_TARGET) : List.of(Name.OB);
	}

	@Override
	public void check(CheckRun run) {
		this.checks.check(run);
	}

	@Override
	public Long maxQuarantined() {
		return this.consent.getMaxQuarantined();
	}

	/**
	 * Starts splitting the consents into ranges ahead of the job ({@link ConsentIdRangePartitioner#prepare}); null:
	 * the partitioner splits them when the job starts.
	 */
	private Runnable splitAhead;

	/** A full run (no catch-up) of this command: {@link #prepare} starts the split ahead. */
	private boolean fullRun;

	ConsentJob splittingAheadWith(Runnable splitAhead) {
		this.splitAhead = splitAhead;
		return this;
	}

	@Override
	public void prepare(boolean createSchema, boolean dryRun) {
		if (this.fullRun && this.splitAhead != null && this.controls.getObject().wouldStart(name())) {
			// the checks have passed and the run is about to start (not refused for an unfinished last run): the split
			// waits mostly for the database, so it runs beside creating the tables and building and launching the job
			// (at 100k on MariaDB the first range starts 0.3 s sooner after the launch)
			this.fullRun = false;
			this.splitAhead.run();
		}
		if (createSchema) {
			this.targetSchema.createTables();
		}
	}

	@Override
	public Map<String, String> runParameters(Map<String, String> options) {
		for (String option : options.keySet()) {
			if (!option.equals("since-last-run")) {
				throw new ConfigurationProblem("The consent job has no option --" + option + "; it takes"
						+ " --since-last-run.");
			}
		}
		if (options.isEmpty()) {
			this.fullRun = true;
			return Map.of();
		}
		Map<String, String> parameters = HighWaterMark.parameters(this.controls.getObject().repository(), name(),
				this.consent.getCatchUpMargin(), rolledBackAt());
		// a changed consent is removed before it is written again: without these, every removal scans the child tables
		this.targetSchema.createForeignKeyIndexes();
		this.targetSchema.refreshStatistics();
		return parameters;
	}

	/** The high-water mark a catch-up run would use now; null without a completed run. */
	HighWaterMark highWaterMark() {
		return HighWaterMark.of(this.controls.getObject().repository(), name(), this.consent.getCatchUpMargin(),
				rolledBackAt());
	}

	private java.time.Instant rolledBackAt() {
		return HighWaterMark.rolledBackAt(this.journal.getObject(), name(), Name.OB_TARGET);
	}

	@Override
	public String describe(JobExecution execution) {
		String catchUp = HighWaterMark.describe(execution, "consents", this.consent.getCatchUpMargin(),
				"obmigrate.consent.catch-up-margin");
		return catchUp == null ? describe() : describe() + "; " + catchUp;
	}

	@Override
	public String describe() {
		return "source time zone " + this.properties.getSourceTimeZone() + ", profile "
				+ this.consent.getProfile() + ", " + this.consent.describeThreads(this.dataSources) + ", source "
				+ this.dataSources.settings(Name.OB)
				+ ", target " + (this.dataSources.separateTarget() ? this.dataSources.settings(Name.OB_TARGET).toString()
						: "same database");
	}

}

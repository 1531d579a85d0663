package io.obmigrate.consent;

import java.util.List;

import org.springframework.batch.core.job.Job;

import io.obmigrate.core.CheckRun;
import io.obmigrate.core.MigrationJob;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.ObmigrateProperties;

/** The consent capability as {@code check}, {@code run} and {@code status} see it. */
class ConsentJob implements MigrationJob {

	private final Job job;

	private final ObmigrateDataSources dataSources;

	private final ObmigrateProperties properties;

	private final ConsentProperties consent;

	private final ConsentTargetSchema targetSchema;

	private final ConsentChecks checks;

	ConsentJob(Job job, ObmigrateDataSources dataSources, ObmigrateProperties properties, ConsentProperties consent,
			ConsentTargetSchema targetSchema) {
		this.job = job;
		this.dataSources = dataSources;
		this.properties = properties;
		this.consent = consent;
		this.targetSchema = targetSchema;
		this.checks = new ConsentChecks(dataSources, properties, consent, targetSchema);
	}

	@Override
	public String name() {
		return ConsentJobConfiguration.JOB_NAME;
	}

	@Override
	public Job job() {
		return this.job;
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

	@Override
	public void prepare(boolean createSchema, boolean dryRun) {
		if (createSchema) {
			this.targetSchema.createTables();
		}
	}

	@Override
	public String describe() {
		return "source time zone " + this.properties.getSourceTimeZone() + ", profile "
				+ this.consent.getProfile() + ", source " + this.dataSources.settings(Name.OB)
				+ ", target " + (this.dataSources.separateTarget() ? this.dataSources.settings(Name.OB_TARGET).toString()
						: "same database");
	}

}

package io.obmigrate.dcr;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.batch.core.job.Job;

import io.obmigrate.core.CheckRun;
import io.obmigrate.core.MigrationJob;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.RuleCode;

/** The dcr capability as {@code check}, {@code run} and {@code status} see it. */
class DcrJob implements MigrationJob {

	private final Supplier<Job> job;

	private final ObmigrateDataSources dataSources;

	private final DcrProperties dcr;

	private final IdentitySchema identitySchema;

	private final DcrChecks checks;

	private final org.springframework.beans.factory.ObjectProvider<io.obmigrate.core.JobControl> controls;

	private final org.springframework.beans.factory.ObjectProvider<io.obmigrate.core.OperationJournal> journal;

	DcrJob(Supplier<Job> job, ObmigrateDataSources dataSources, DcrProperties dcr, IdentitySchema identitySchema,
			org.springframework.beans.factory.ObjectProvider<io.obmigrate.core.JobControl> controls,
			org.springframework.beans.factory.ObjectProvider<io.obmigrate.core.OperationJournal> journal) {
		this.controls = controls;
		this.journal = journal;
		this.job = job;
		this.dataSources = dataSources;
		this.dcr = dcr;
		this.identitySchema = identitySchema;
		this.checks = new DcrChecks(dataSources, dcr, identitySchema);
	}

	@Override
	public String name() {
		return DcrJobConfiguration.JOB_NAME;
	}

	@Override
	public Job job() {
		return this.job.get();
	}

	@Override
	public String description() {
		return "DCR registrations into the Identity Server's service providers (names, properties, grant types).";
	}

	@Override
	public String unconfigured() {
		return this.dataSources.isConfigured(Name.IDENTITY) ? null
				: "no identity database is configured. Set OBMIGRATE_IDENTITY_URL, OBMIGRATE_IDENTITY_USERNAME and"
						+ " OBMIGRATE_IDENTITY_PASSWORD (or obmigrate.identity.* in the --config file) to the"
						+ " Identity Server's openbank_apimgtdb.";
	}

	@Override
	public List<Name> dataSources() {
		return List.of(Name.OB, Name.IDENTITY);
	}

	@Override
	public void check(CheckRun run) {
		this.checks.check(run);
	}

	@Override
	public Long maxQuarantined() {
		return this.dcr.getMaxQuarantined();
	}

	@Override
	public void prepare(boolean createSchema, boolean dryRun) {
		if (!dryRun) {
			ServiceProviderJournal.ensureTable(this.dataSources.get(Name.IDENTITY), this.identitySchema.dialect());
		}
	}

	@Override
	public List<RuleCode> plannedChangeRules() {
		return List.of(DcrRule.PLANNED_CHANGE);
	}

	@Override
	public java.util.Map<String, String> runParameters(java.util.Map<String, String> options) {
		for (String option : options.keySet()) {
			if (!option.equals("since-last-run")) {
				throw new io.obmigrate.core.ConfigurationProblem("The dcr job has no option --" + option + "; it takes"
						+ " --since-last-run.");
			}
		}
		return options.isEmpty() ? java.util.Map.of()
				: io.obmigrate.core.HighWaterMark.parameters(this.controls.getObject().repository(), name(),
						this.dcr.getCatchUpMargin(), io.obmigrate.core.HighWaterMark.rolledBackAt(
								this.journal.getObject(), name(), Name.IDENTITY));
	}

	@Override
	public String describe(org.springframework.batch.core.job.JobExecution execution) {
		String catchUp = io.obmigrate.core.HighWaterMark.describe(execution, "registrations",
				this.dcr.getCatchUpMargin(), "obmigrate.dcr.catch-up-margin");
		return catchUp == null ? describe() : describe() + "; " + catchUp;
	}

	@Override
	public String describe() {
		return "statuses " + (this.dcr.getStatuses().isEmpty() ? "all" : this.dcr.getStatuses()) + ", tenant "
				+ this.dcr.getTenantId() + ", source " + this.dataSources.settings(Name.OB) + ", identity "
				+ this.dataSources.settings(Name.IDENTITY);
	}

}

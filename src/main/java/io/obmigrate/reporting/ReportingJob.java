package io.obmigrate.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.batch.core.job.Job;

import io.obmigrate.core.CheckRun;
import io.obmigrate.core.MigrationJob;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;

/** The reporting capability as {@code check}, {@code run} and {@code status} see it. */
class ReportingJob implements MigrationJob {

	private final Supplier<Job> job;

	private final ReportingSchema schema;

	private final ObmigrateDataSources dataSources;

	private final ReportingJobProperties options;

	private final ReportingChecks checks;

	ReportingJob(Supplier<Job> job, ReportingSchema schema, ObmigrateDataSources dataSources,
			ReportingJobProperties options, io.obmigrate.core.JobControl control) {
		this.job = job;
		this.schema = schema;
		this.dataSources = dataSources;
		this.options = options;
		this.checks = new ReportingChecks(schema, dataSources, control, options.getParallelTables());
	}

	@Override
	public String name() {
		return ReportingJobConfiguration.JOB_NAME;
	}

	@Override
	public Job job() {
		return this.job.get();
	}

	@Override
	public String description() {
		return "OB 2.0 reporting statistics into new OB 3.0 tables, then a short cut-over.";
	}

	@Override
	public String unconfigured() {
		return this.dataSources.isConfigured(Name.REPORTING) ? null
				: "no reporting database is configured. Set OBMIGRATE_REPORTING_URL, OBMIGRATE_REPORTING_USERNAME and"
						+ " OBMIGRATE_REPORTING_PASSWORD (or obmigrate.reporting.* in the --config file) to the OB 2.0"
						+ " openbank_ob_reporting_statsdb.";
	}

	@Override
	public List<Name> dataSources() {
		List<Name> names = new ArrayList<>(List.of(Name.REPORTING));
		if (this.dataSources.separateReportingTarget()) {
			names.add(Name.REPORTING_TARGET);
		}
		if (this.dataSources.isConfigured(Name.REPORTING_SUMMARIZED)) {
			names.add(Name.REPORTING_SUMMARIZED);
		}
		return names;
	}

	@Override
	public void check(CheckRun run) {
		this.checks.check(run);
	}

	@Override
	public Long maxQuarantined() {
		return this.options.getMaxQuarantined();
	}

	@Override
	public void prepare(boolean createSchema, boolean dryRun) {
		if (!dryRun) {
			this.schema.ensureTargets();
		}
	}

	@Override
	public String describe() {
		return "reporting " + this.dataSources.settings(Name.REPORTING) + ", OB 3.0 tables "
				+ (this.schema.separateTarget() ? "under their final names in "
						+ this.dataSources.settings(Name.REPORTING_TARGET) : "as <TABLE>" + ReportingSchema.SUFFIX);
	}

}

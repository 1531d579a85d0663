package io.obmigrate.reporting;

import java.util.List;

import io.obmigrate.core.JobPreflight;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.PreflightBlocker;

/**
 * Before the reporting job reads: the OB 2.0 tables it needs exist, and the OB 3.0 tables are created beside them
 * ({@code <TABLE>__OB3}), unless this is a dry run.
 */
public class ReportingPreflight implements JobPreflight {

	private final ReportingSchema schema;

	private final ObmigrateDataSources dataSources;

	public ReportingPreflight(ReportingSchema schema, ObmigrateDataSources dataSources) {
		this.schema = schema;
		this.dataSources = dataSources;
	}

	@Override
	public String jobName() {
		return ReportingJobConfiguration.JOB_NAME;
	}

	@Override
	public void check(boolean createSchema) {
		check(createSchema, false);
	}

	@Override
	public void check(boolean createSchema, boolean dryRun) {
		List<String> missing = ReportingTableRule.ALL.stream()
			.map(ReportingSchema::sourceOf)
			.distinct()
			.filter(table -> this.schema.columns(table).isEmpty())
			.toList();
		List<String> cutOver = ReportingTableRule.ALL.stream()
			.map(rule -> rule.table() + ReportingCutover.OB2_SUFFIX)
			.filter(table -> !this.schema.columns(table).isEmpty())
			.toList();
		if (!cutOver.isEmpty() && !this.schema.separateTarget()) {
			throw new PreflightBlocker("The reporting tables are already cut over (" + cutOver + " hold the OB 2.0 data):"
					+ " there is nothing left to migrate. Finish with `obmigrate reporting-cutover` if it was interrupted.");
		}
		if (!missing.isEmpty()) {
			throw new PreflightBlocker("The reporting database "
					+ this.dataSources.settings(ObmigrateDataSources.Name.REPORTING) + " has no " + missing
					+ ". Point obmigrate.reporting.url (OBMIGRATE_REPORTING_URL) at the OB 2.0"
					+ " openbank_ob_reporting_statsdb; sql/" + this.schema.dialect().folder()
					+ "/ob2-reporting.sql shows the tables.");
		}
		if (this.schema.separateTarget() && this.schema.targetDialect() != this.schema.dialect()) {
			List<String> passThrough = ReportingTableRule.ALL.stream()
				.map(this.schema::shape)
				.filter(java.util.Objects::nonNull)
				.flatMap(shape -> shape.passThrough().stream().map(c -> shape.rule().table() + "." + c))
				.toList();
			if (!passThrough.isEmpty()) {
				throw new PreflightBlocker("The OB 2.0 tables have columns the atlas does not know " + passThrough
						+ ", which are copied with their " + this.schema.dialect().folder() + " types, but"
						+ " obmigrate.reporting-target is " + this.schema.targetDialect().folder()
						+ ". Use a target database of the same kind, or create the OB 3.0 tables there yourself with"
						+ " those columns and run again.");
			}
		}
		if (!dryRun) {
			this.schema.ensureTargets();
		}
	}

	@Override
	public String describe() {
		return "reporting " + this.dataSources.settings(ObmigrateDataSources.Name.REPORTING) + ", OB 3.0 tables "
				+ (this.schema.separateTarget() ? "under their final names in "
						+ this.dataSources.settings(ObmigrateDataSources.Name.REPORTING_TARGET)
						: "as <TABLE>" + ReportingSchema.SUFFIX);
	}

}

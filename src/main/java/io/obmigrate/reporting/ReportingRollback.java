package io.obmigrate.reporting;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.Rollback;

/** {@code rollback reporting}: the OB 3.0 copies dropped before a cut-over, swapped back after it. */
class ReportingRollback implements Rollback {

	private final ObmigrateDataSources dataSources;

	private final ReportingCutover cutover;

	ReportingRollback(ObmigrateDataSources dataSources, ReportingCutover cutover) {
		this.dataSources = dataSources;
		this.cutover = cutover;
	}

	@Override
	public String job() {
		return ReportingJobConfiguration.JOB_NAME;
	}

	@Override
	public String unconfigured() {
		return this.dataSources.isConfigured(Name.REPORTING) ? null : "no reporting database is configured";
	}

	@Override
	public List<Name> targets() {
		return List.of(this.cutover.separateTarget() ? Name.REPORTING_TARGET : Name.REPORTING);
	}

	@Override
	public Map<String, String> pending() {
		return this.cutover.rollbackPlan();
	}

	@Override
	public Map<String, Long> execute(Consumer<String> progress) {
		return this.cutover.rollback(progress);
	}

}

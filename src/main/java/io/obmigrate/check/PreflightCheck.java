package io.obmigrate.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.obmigrate.core.CheckRun;
import io.obmigrate.core.CoreRule;
import io.obmigrate.core.Finding;
import io.obmigrate.core.MigrationJob;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.ObmigrateProperties;

/**
 * {@code obmigrate check}: a read-only pre-flight over every configured database and every job. It only aggregates:
 * the data-source findings every job shares, then each job's own checks (the gates that also refuse its start, and
 * its surveys). A job whose databases are not configured or do not answer is skipped with the reason.
 */
public class PreflightCheck {

	private final ObmigrateDataSources dataSources;

	private final ObmigrateProperties properties;

	private final List<MigrationJob> jobs;

	public PreflightCheck(ObmigrateDataSources dataSources, ObmigrateProperties properties, List<MigrationJob> jobs) {
		this.dataSources = dataSources;
		this.properties = properties;
		this.jobs = jobs;
	}

	/**
	 * @param updatedAfter report OB 2.0 consents updated after this instant (OB 2.0 still running), or null
	 */
	public CheckReport run(Instant updatedAfter) {
		CheckRun run = CheckRun.forCheck(updatedAfter);
		Set<Name> configured = new LinkedHashSet<>();
		List<MigrationJob> runnable = new ArrayList<>();
		for (MigrationJob job : this.jobs) {
			String unconfigured = job.unconfigured();
			if (unconfigured != null) {
				run.add(Finding.warn(job.name(), CoreRule.JOB_NOT_CONFIGURED, "The " + job.name()
						+ " checks were skipped: " + unconfigured, "`obmigrate run " + job.name()
								+ "` cannot run without it.",
						"Configure it if the " + job.name() + " job is part of this migration."));
				continue;
			}
			configured.addAll(job.dataSources());
			runnable.add(job);
		}
		configured.add(Name.JOBREPO);
		List<Name> reachable = new DataSourceFindings(this.dataSources, this.properties).check(configured, run);
		for (MigrationJob job : runnable) {
			if (reachable.containsAll(job.dataSources())) {
				run.contribute(job);
			}
		}
		return new CheckReport(run.findings());
	}

}

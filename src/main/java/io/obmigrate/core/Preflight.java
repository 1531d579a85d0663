package io.obmigrate.core;

import java.util.List;
import java.util.stream.Collectors;

/** A job's pre-flight: the gates of its checks (the same declarations {@code check} runs), then its preparation. */
public final class Preflight {

	private Preflight() {
	}

	/**
	 * Runs the job's gates; throws {@link PreflightBlocker} (exit 4) listing every blocker, each with its code and fix.
	 *
	 * @return the warnings of the gates, for the operator to read before the job starts
	 */
	public static List<Finding> gates(MigrationJob job, boolean createSchema) {
		String unconfigured = job.unconfigured();
		if (unconfigured != null) {
			throw new ConfigurationProblem("The " + job.name() + " job cannot run: " + unconfigured);
		}
		CheckRun run = CheckRun.forRun(createSchema);
		run.contribute(job);
		List<Finding> blockers = run.blockers();
		if (!blockers.isEmpty()) {
			throw new PreflightBlocker("The " + job.name() + " job did not start: " + blockers.size()
					+ " blocker(s), the same `obmigrate check` reports (each code is explained in docs/rules.md):\n"
					+ blockers.stream().map(b -> " - " + b.asParagraph()).collect(Collectors.joining("\n")));
		}
		return run.findings().stream().filter(f -> f.severity() == Finding.Severity.WARN).toList();
	}

	/** The gates, then the job's preparation; returns the gates' warnings. */
	public static List<Finding> prepare(MigrationJob job, boolean createSchema, boolean dryRun) {
		List<Finding> warnings = gates(job, createSchema);
		job.prepare(createSchema, dryRun);
		return warnings;
	}

}

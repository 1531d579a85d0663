package io.obmigrate.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.MigrationJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
		description = { "Start a new run of a job (jobs: consent, dcr, reporting, upgrade, verify).",
				"Refused, with exit 3, while the job's last run is unfinished: restart or abandon it first." })
class RunCommand extends SessionCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "JOB", description = "The job: consent, dcr, reporting, upgrade or verify.")
	String jobName;

	@Parameters(index = "1..*", paramLabel = "name=value", arity = "0..*",
			description = "Extra job parameters, recorded with the run (e.g. ticket=CHG-1234).")
	List<String> parameters = List.of();

	@Option(names = "--dry-run", description = "Read and transform everything, write nothing to the target; print the"
			+ " per-table counts and the quarantine list (for dcr: the property diff of every service provider).")
	boolean dryRun;

	@Option(names = "--create-schema",
			description = "Create missing OB 3.0 target tables from sql/<dialect>/ before reading.")
	boolean createSchema;

	@Option(names = "--max-quarantined", paramLabel = "N", description = "Fail the job when more than N rows are"
			+ " quarantined (default: obmigrate.<job>.max-quarantined, else unlimited). 0 is allowed.")
	Long maxQuarantined;

	@Option(names = "--plan", paramLabel = "FILE",
			description = "upgrade: the plan file (jobs/uk-2.0.0-to-3.0.0.yaml); recorded with the run for restart.")
	java.nio.file.Path plan;

	@Option(names = "--vars", paramLabel = "FILE",
			description = "upgrade: the variables file, NAME: value per line, for the plan's ${NAME} values.")
	java.nio.file.Path vars;

	@Option(names = "--rerun", paramLabel = "STEP", split = ",",
			description = "upgrade: run these steps again although the journal records them done (after a restore).")
	List<String> rerun = List.of();

	@Option(names = "--jobs", paramLabel = "JOB", split = ",",
			description = "verify: the jobs to verify (consent, dcr, reporting); default: every job with a completed run.")
	List<String> jobs = List.of();

	@Option(names = "--failed-only",
			description = "verify: re-check only the keys that differed in the last verify run (after a fix).")
	boolean failedOnly;

	@Option(names = "--since-last-run", description = "consent, dcr: catch-up; migrate only the consents (registrations) created or changed"
			+ " since the previous completed consent run started (each re-written completely); the summary shows the"
			+ " high-water mark.")
	boolean sinceLastRun;

	@Override
	public Integer call() {
		Map<String, String> userParameters = new LinkedHashMap<>();
		for (String parameter : this.parameters) {
			int equals = parameter.indexOf('=');
			if (equals <= 0) {
				throw new ConfigurationProblem("Job parameter '" + parameter + "' is not of the form name=value.");
			}
			String name = parameter.substring(0, equals);
			if (io.obmigrate.core.SecretMasking.isSecretName(name)) {
				throw new ConfigurationProblem("Job parameter '" + name + "' looks like a secret, and job parameters are"
						+ " stored in the job repository as given. Pass secrets as settings (environment, a password"
						+ " file or the --config file), never as job parameters.");
			}
			userParameters.put(name, parameter.substring(equals + 1));
		}
		if (this.maxQuarantined != null && this.maxQuarantined < 0) {
			throw new ConfigurationProblem("--max-quarantined must be 0 or more.");
		}
		Map<String, String> options = new LinkedHashMap<>();
		if (this.plan != null) {
			options.put("plan", this.plan.toString());
		}
		if (this.vars != null) {
			options.put("vars", this.vars.toString());
		}
		if (!this.rerun.isEmpty()) {
			options.put("rerun", String.join(",", this.rerun));
		}
		if (!this.jobs.isEmpty()) {
			options.put("jobs", String.join(",", this.jobs));
		}
		if (this.failedOnly) {
			options.put("failed-only", "true");
		}
		if (this.sinceLastRun) {
			options.put("since-last-run", "true");
		}
		try (ConfigurableApplicationContext context = open()) {
			MigrationJob migrationJob = migrationJob(context, this.jobName);
			userParameters.putAll(migrationJob.runParameters(options));
			JobControl control = context.getBean(JobControl.class);
			control.repository();
			preflight(migrationJob, this.createSchema, this.dryRun);
			Long limit = this.maxQuarantined != null ? this.maxQuarantined : migrationJob.maxQuarantined();
			return runAndReport(context, migrationJob.name(),
					() -> control.start(migrationJob.job(), userParameters, this.dryRun, limit));
		}
	}

}

package io.obmigrate.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.LaunchJit;
import io.obmigrate.core.ObmigrateProperties;
import io.obmigrate.core.SampleData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
		description = { "Create the OB 2.0 source tables in the ob database if absent and fill them with a realistic",
				"synthetic data set: status mix, 1-5 accounts per consent, revoked consents with and without history,",
				"bindings moved to UK_CONSENT_REV, re-authorisations, multi-authorised and file payments, metadata,",
				"and a configurable rate of malformed rows; DCR registrations with API Manager service providers.",
				"For rehearsals and benchmarks, never production." })
class GenerateCommand extends SessionCommand implements Callable<Integer> {

	@Option(names = "--consents", paramLabel = "N", defaultValue = "0", description = "Number of consents.")
	int consents;

	@Option(names = "--dcr-registrations", paramLabel = "N", defaultValue = "0",
			description = "Number of DCR registrations (OB_DCR_DETAILS in the ob database) with their service providers"
					+ " (SP_APP, SP_METADATA, SP_INBOUND_AUTH, IDN_OAUTH_CONSUMER_APPS in the identity database).")
	int registrations;

	@Option(names = "--reporting-rows", paramLabel = "N", defaultValue = "0",
			description = "Number of API requests of OB 2.0 reporting statistics (in the reporting database): an"
					+ " invocation row each, with the accounts / funds-confirmation / payments row, side rows and the"
					+ " known edge cases at --malformed-rate.")
	int reportingRows;

	@Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default 1).")
	long seed;

	@Option(names = "--malformed-rate", paramLabel = "R", defaultValue = "0.01",
			description = "Share of consents with a defect the migration must quarantine or report (default 0.01).")
	double malformedRate;

	@Option(names = "--into-existing", description = { "Add to tables that already hold rows. Without it generate refuses",
			"a database whose tables already hold rows: it may be a bank's real one." })
	boolean intoExisting;

	@Override
	public Integer call() {
		if (this.consents < 0 || this.registrations < 0 || this.reportingRows < 0
				|| this.consents + this.registrations + this.reportingRows == 0
				|| this.malformedRate < 0 || this.malformedRate > 1) {
			throw new ConfigurationProblem("Give --consents N, --dcr-registrations N and/or --reporting-rows N (at least"
					+ " 1), and"
					+ " --malformed-rate between 0 and 1.");
		}
		try (ConfigurableApplicationContext context = open()) {
			refuseOccupied(context);
			generate(context, "consent", this.consents);
			if (this.consents > 0 && !this.intoExisting) {
				// the source now holds these consents: the launcher's JIT for the run that follows depends on it
				LaunchJit.remember(context.getBean(ObmigrateProperties.class).getHome(), this.consents);
			}
			generate(context, "dcr", this.registrations);
			generate(context, "reporting", this.reportingRows);
			return ExitCodes.COMPLETED;
		}
	}

	/** Before writing anything: no table generate would fill may hold rows, unless --into-existing. */
	private void refuseOccupied(ConfigurableApplicationContext context) {
		if (this.intoExisting) {
			return;
		}
		java.util.Map<String, Long> occupied = new java.util.LinkedHashMap<>();
		for (String job : new String[] { "consent", "dcr", "reporting" }) {
			int count = job.equals("consent") ? this.consents : job.equals("dcr") ? this.registrations : this.reportingRows;
			if (count > 0) {
				occupied.putAll(sampleData(context, job).occupiedTables());
			}
		}
		if (!occupied.isEmpty()) {
			StringBuilder tables = new StringBuilder();
			occupied.forEach((table, rows) -> tables.append(tables.isEmpty() ? "" : ", ").append(table).append(" (")
				.append(String.format("%,d", rows)).append(" rows)"));
			throw new ConfigurationProblem("generate writes synthetic rows, and these tables already hold rows: "
					+ tables + ". This may be a real OB 2.0 or Identity Server database; nothing was written. Point"
					+ " obmigrate at a database for rehearsals, or add --into-existing if adding synthetic rows to"
					+ " these tables is what you want.");
		}
	}

	private static SampleData sampleData(ConfigurableApplicationContext context, String job) {
		return context.getBeanProvider(SampleData.class)
			.orderedStream()
			.filter(candidate -> candidate.job().equals(job))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No sample data for the " + job + " job"));
	}

	private void generate(ConfigurableApplicationContext context, String job, int count) {
		if (count == 0) {
			return;
		}
		SampleData data = sampleData(context, job);
		String written = data.generate(count, this.seed, this.malformedRate);
		this.root.out.print(written.endsWith("\n") ? written : written + "\n");
	}

}

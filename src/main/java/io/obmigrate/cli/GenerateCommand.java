package io.obmigrate.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.core.ConfigurationProblem;
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
			generate(context, "consent", this.consents);
			generate(context, "dcr", this.registrations);
			generate(context, "reporting", this.reportingRows);
			return ExitCodes.COMPLETED;
		}
	}

	private void generate(ConfigurableApplicationContext context, String job, int count) {
		if (count == 0) {
			return;
		}
		SampleData data = context.getBeanProvider(SampleData.class)
			.orderedStream()
			.filter(candidate -> candidate.job().equals(job))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No sample data for the " + job + " job"));
		String written = data.generate(count, this.seed, this.malformedRate);
		this.root.out.print(written.endsWith("\n") ? written : written + "\n");
	}

}

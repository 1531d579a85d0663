package io.obmigrate.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.consent.ConsentDataGenerator;
import io.obmigrate.core.ConfigurationProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
		description = { "Create the OB 2.0 source tables in the ob database if absent and fill them with a realistic",
				"synthetic data set: status mix, 1-5 accounts per consent, revoked consents with and without history,",
				"bindings moved to UK_CONSENT_REV, re-authorisations, multi-authorised and file payments, metadata,",
				"and a configurable rate of malformed rows. For rehearsals and benchmarks, never production." })
class GenerateCommand extends SessionCommand implements Callable<Integer> {

	@Option(names = "--consents", required = true, paramLabel = "N", description = "Number of consents.")
	int consents;

	@Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default 1).")
	long seed;

	@Option(names = "--malformed-rate", paramLabel = "R", defaultValue = "0.01",
			description = "Share of consents with a defect the migration must quarantine or report (default 0.01).")
	double malformedRate;

	@Override
	public Integer call() {
		if (this.consents < 1 || this.malformedRate < 0 || this.malformedRate > 1) {
			throw new ConfigurationProblem("--consents must be at least 1 and --malformed-rate between 0 and 1.");
		}
		try (ConfigurableApplicationContext context = open()) {
			ConsentDataGenerator.Result result = context.getBean(ConsentDataGenerator.class)
				.generate(this.consents, this.seed, this.malformedRate);
			this.root.out.println(result.describe());
			return ExitCodes.COMPLETED;
		}
	}

}

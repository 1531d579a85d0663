package io.obmigrate.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.reporting.ReportingCutover;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reporting-cleanup", mixinStandardHelpOptions = true,
		description = { "Drop the OB 2.0 reporting tables kept as <TABLE>__OB2 by the cut-over. The only command that",
				"drops data; refused without --confirm and before the cut-over." })
class ReportingCleanupCommand extends SessionCommand implements Callable<Integer> {

	@Option(names = "--confirm", description = "Yes, drop the <TABLE>__OB2 tables.")
	boolean confirm;

	@Override
	public Integer call() {
		if (!this.confirm) {
			throw new ConfigurationProblem("reporting-cleanup drops the OB 2.0 reporting tables (<TABLE>__OB2) for good;"
					+ " take a backup, then run it again with --confirm.");
		}
		try (ConfigurableApplicationContext context = open()) {
			List<String> dropped = context.getBean(ReportingCutover.class).cleanup();
			this.root.out.println(dropped.isEmpty() ? "Nothing to drop." : "Dropped " + String.join(", ", dropped) + ".");
			return ExitCodes.COMPLETED;
		}
	}

}

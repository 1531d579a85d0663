package io.obmigrate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.upgrade.UpgradeJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
		description = { "Show an upgrade plan: every step in order with its phase, kind and state from the journal",
				"(done, skipped, pending, waiting for confirmation, failed), and what to do next.",
				"Reads only; runs nothing." })
class PlanCommand extends SessionCommand implements Callable<Integer> {

	@Option(names = "--plan", required = true, paramLabel = "FILE",
			description = "The plan file, e.g. jobs/uk-2.0.0-to-3.0.0.yaml.")
	Path plan;

	@Option(names = "--vars", paramLabel = "FILE", description = "The variables file (NAME: value per line).")
	Path vars;

	@Option(names = "--json", description = "Print JSON instead of a table.")
	boolean json;

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = open()) {
			this.root.out.print(context.getBean(UpgradeJob.class).plan(this.plan, this.vars, this.json));
			if (this.json) {
				this.root.out.println();
			}
			return ExitCodes.COMPLETED;
		}
	}

}

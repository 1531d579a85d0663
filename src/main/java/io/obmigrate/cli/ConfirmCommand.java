package io.obmigrate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.upgrade.UpgradeJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "confirm", mixinStandardHelpOptions = true,
		description = { "Record that an operator did what a manual upgrade step asks (who and when are journalled);",
				"`obmigrate restart upgrade` then continues after it." })
class ConfirmCommand extends SessionCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "STEP_ID", description = "The manual step's id, as `obmigrate plan` shows it.")
	String stepId;

	@Option(names = "--by", paramLabel = "NAME", description = "Who confirms (default: the operating-system user).")
	String by;

	@Option(names = "--plan", paramLabel = "FILE",
			description = "The plan (default: the plan of the last upgrade run).")
	Path plan;

	@Option(names = "--vars", paramLabel = "FILE", description = "With --plan: its variables file.")
	Path vars;

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = open()) {
			this.root.out.println(context.getBean(UpgradeJob.class).confirm(this.stepId, this.by, this.plan, this.vars));
			return ExitCodes.COMPLETED;
		}
	}

}

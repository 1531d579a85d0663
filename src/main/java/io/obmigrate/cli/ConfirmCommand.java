package io.obmigrate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.upgrade.UpgradeJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "confirm", mixinStandardHelpOptions = true,
		description = { "Record that an operator did what a manual upgrade step asks (who and when are journalled),",
				"or, with --statement, whether a SQL statement a crash left in doubt was applied;",
				"`obmigrate restart upgrade` then continues." })
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

	@Option(names = "--statement", paramLabel = "N", description = "A sql-script step's statement in doubt (it was"
			+ " running when obmigrate's process died): record with --applied or --not-applied what you found.")
	Integer statement;

	@Option(names = "--applied", description = "With --statement: the database did apply it.")
	boolean applied;

	@Option(names = "--not-applied", description = "With --statement: the database did not apply it.")
	boolean notApplied;

	@Override
	public Integer call() {
		if (this.statement != null && this.applied == this.notApplied) {
			throw new io.obmigrate.core.ConfigurationProblem("--statement needs exactly one of --applied and"
					+ " --not-applied: what did you find in the database?");
		}
		if (this.statement == null && (this.applied || this.notApplied)) {
			throw new io.obmigrate.core.ConfigurationProblem("--applied and --not-applied go with --statement N.");
		}
		try (ConfigurableApplicationContext context = open()) {
			UpgradeJob upgrade = context.getBean(UpgradeJob.class);
			this.root.out.println(this.statement != null
					? upgrade.resolveStatement(this.stepId, this.statement, this.applied, this.by, this.plan, this.vars)
					: upgrade.confirm(this.stepId, this.by, this.plan, this.vars));
			return ExitCodes.COMPLETED;
		}
	}

}

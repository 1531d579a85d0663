package io.obmigrate.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.DestructiveConfirmation;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.OperationJournal;
import io.obmigrate.core.Rollback;
import io.obmigrate.core.RunRefused;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", mixinStandardHelpOptions = true,
		description = { "Take back what a job wrote, and only that: consent removes the consents it migrated (children",
				"first, a chunk per transaction); dcr restores the service providers from its journal's before-images;",
				"reporting drops the __OB3 copies before a cut-over and swaps the tables back after one.",
				"Killed or stopped, run it again: it continues where it was. On a database that is not a staging copy",
				"(obmigrate.rehearsal.allowed-targets) it takes --confirm-production and the database name.",
				"Journalled in OBMIGRATE_JOURNAL (who, when, what, how many rows)." })
class RollbackCommand extends SessionCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "JOB", description = "consent, dcr or reporting.")
	String jobName;

	@Option(names = "--dry-run", description = "Print what would be removed or restored; change nothing.")
	boolean dryRun;

	@Option(names = "--confirm-production", description = { "The database is not a staging copy (its URL matches",
			"none of obmigrate.rehearsal.allowed-targets) and you mean it: the database name is then asked for, or",
			"taken from --database-name." })
	boolean confirmProduction;

	@Option(names = "--database-name", paramLabel = "NAME",
			description = "The database's name, typed back where there is no terminal to ask on.")
	String databaseName;

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = open()) {
			Rollback rollback = rollback(context, this.jobName);
			JobControl control = context.getBean(JobControl.class);
			JobExecution last = control.lastExecution(rollback.job());
			if (last != null && last.isRunning()) {
				throw new RunRefused("The " + rollback.job() + " job is running (execution " + last.getId() + "): stop"
						+ " it first (`obmigrate stop --execution " + last.getId() + "`), then roll back.");
			}
			Map<String, String> pending = rollback.pending();
			if (pending.isEmpty()) {
				this.root.out.println("Nothing to roll back: the " + rollback.job() + " job's writes are not in "
						+ targets(context, rollback) + ".");
				return ExitCodes.COMPLETED;
			}
			this.root.out.println("rollback " + rollback.job() + " on " + targets(context, rollback) + ":");
			pending.forEach((table, what) -> this.root.out.printf("  %-34s %s%n", table, what));
			if (this.dryRun) {
				this.root.out.println("DRY RUN: nothing was changed.");
				return ExitCodes.COMPLETED;
			}
			DestructiveConfirmation confirmation = context.getBean(DestructiveConfirmation.class);
			for (ObmigrateDataSources.Name target : rollback.targets()) {
				confirmation.require("rollback " + rollback.job(), target, this.confirmProduction, this.databaseName);
			}
			Map<String, Long> done = rollback.execute(line -> this.root.err.println("obmigrate: rollback "
					+ rollback.job() + ": " + line));
			OperationJournal journal = context.getBean(OperationJournal.class);
			for (ObmigrateDataSources.Name target : rollback.targets()) {
				journal.record(Rollback.journalOperation(rollback.job()), target, done);
			}
			this.root.out.println("Rolled back " + rollback.job() + ":");
			done.forEach((table, rows) -> this.root.out.printf("  %-34s %,12d rows%n", table, rows));
			this.root.out.println("Journalled as " + Rollback.journalOperation(rollback.job()) + " in " + OperationJournal.TABLE
					+ ". A new `obmigrate run " + rollback.job() + "` migrates everything again.");
			return ExitCodes.COMPLETED;
		}
	}

	static Rollback rollback(ConfigurableApplicationContext context, String jobName) {
		List<Rollback> rollbacks = context.getBeanProvider(Rollback.class).orderedStream().toList();
		Rollback rollback = rollbacks.stream()
			.filter(r -> r.job().equals(jobName))
			.findFirst()
			.orElseThrow(() -> new ConfigurationProblem("rollback takes one of "
					+ rollbacks.stream().map(Rollback::job).toList() + ", not '" + jobName + "'."));
		if (rollback.unconfigured() != null) {
			throw new ConfigurationProblem("Nothing to roll back for " + jobName + ": " + rollback.unconfigured() + ".");
		}
		return rollback;
	}

	private static String targets(ConfigurableApplicationContext context, Rollback rollback) {
		ObmigrateDataSources dataSources = context.getBean(ObmigrateDataSources.class);
		return String.join(", ", rollback.targets().stream().map(t -> dataSources.settings(t).toString()).toList());
	}

}

package io.obmigrate.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.DestructiveConfirmation;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.reporting.ReportingCutover;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reporting-cleanup", mixinStandardHelpOptions = true,
		description = { "Drop the OB 2.0 reporting tables kept as <TABLE>__OB2 by the cut-over. The only command that",
				"drops data; refused without --confirm, before the cut-over, and while an __OB2 table holds rows",
				"its OB 3.0 table lacks unless --export-missing writes them out first, and unless this job repository",
				"recorded the cut-over of this database and its tables still hold what the cut-over left.",
				"On a database that is not a staging copy (obmigrate.rehearsal.allowed-targets) it also takes",
				"--confirm-production and the database name. Journalled in OBMIGRATE_JOURNAL." })
class ReportingCleanupCommand extends SessionCommand implements Callable<Integer> {

	@Option(names = "--confirm", description = "Yes, drop the <TABLE>__OB2 tables.")
	boolean confirm;

	@Option(names = "--export-missing", paramLabel = "DIR",
			description = { "Where a <TABLE>__OB2 table holds rows its OB 3.0 table lacks (rows the run quarantined),",
					"write them, whole, to DIR/<TABLE>__OB2.missing.csv before dropping. Without it such a table",
					"is not dropped." })
	java.nio.file.Path exportMissing;

	@Option(names = "--confirm-production", description = { "The reporting database is not a staging copy (its URL",
			"matches none of obmigrate.rehearsal.allowed-targets) and you mean it: the database name is then asked",
			"for, or taken from --database-name." })
	boolean confirmProduction;

	@Option(names = "--database-name", paramLabel = "NAME",
			description = "The reporting database's name, typed back where there is no terminal to ask on.")
	String databaseName;

	@Override
	public Integer call() {
		if (!this.confirm) {
			throw new ConfigurationProblem("reporting-cleanup drops the OB 2.0 reporting tables (<TABLE>__OB2) for good;"
					+ " take a backup, then run it again with --confirm.");
		}
		try (ConfigurableApplicationContext context = open()) {
			DestructiveConfirmation confirmation = context.getBean(DestructiveConfirmation.class);
			List<String> dropped = context.getBean(ReportingCutover.class)
				.cleanup(this.exportMissing, () -> confirmation.require("reporting-cleanup", Name.REPORTING,
						this.confirmProduction, this.databaseName));
			if (this.exportMissing != null) {
				this.root.out.println("Rows the OB 3.0 tables lack, if any, were written to " + this.exportMissing
						+ " (<TABLE>__OB2.missing.csv).");
			}
			this.root.out.println(dropped.isEmpty() ? "Nothing to drop." : "Dropped " + String.join(", ", dropped) + ".");
			return ExitCodes.COMPLETED;
		}
	}

}

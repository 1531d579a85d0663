package io.obmigrate.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.core.JobControl;
import io.obmigrate.reporting.ReportingCutover;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reporting-cutover", mixinStandardHelpOptions = true,
		description = { "Swap the reporting tables: each OB 2.0 table becomes <TABLE>__OB2 and its OB 3.0 copy",
				"<TABLE>__OB3 takes the name, one table at a time. Refused (exit 3) unless the last `run reporting`",
				"completed, quarantined nothing (see --accept-quarantined) and every copy holds its source's rows.",
				"Restartable; a second run changes nothing.",
				"Run it with Streaming Integrator stopped." })
class ReportingCutoverCommand extends SessionCommand implements Callable<Integer> {

	@Option(names = "--accept-quarantined",
			description = { "Cut over although the last run quarantined rows: they stay only in <TABLE>__OB2.",
					"Export their list first: status --execution N --quarantine-csv FILE." })
	boolean acceptQuarantined;

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = open()) {
			context.getBean(JobControl.class).repository();
			for (ReportingCutover.Swap swap : context.getBean(ReportingCutover.class).cutover(this.acceptQuarantined)) {
				this.root.out.printf("  %-32s %s%n", swap.table(), swap.outcome());
			}
			if (context.getBean(io.obmigrate.reporting.ReportingSchema.class).separateTarget()) {
				this.root.out.println("Nothing to rename: the OB 3.0 tables were built under their final names in"
						+ " obmigrate.reporting-target, and their counts match the OB 2.0 tables. Point OB 3.0's"
						+ " reporting datasource at that database.");
			}
			else {
				this.root.out.println("Cut over. The OB 2.0 tables are kept as <TABLE>__OB2 until `obmigrate"
						+ " reporting-cleanup --confirm`.");
			}
			return ExitCodes.COMPLETED;
		}
	}

}

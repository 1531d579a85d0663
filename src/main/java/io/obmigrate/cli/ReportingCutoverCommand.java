package io.obmigrate.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.core.JobControl;
import io.obmigrate.reporting.ReportingCutover;
import picocli.CommandLine.Command;

@Command(name = "reporting-cutover", mixinStandardHelpOptions = true,
		description = { "Swap the reporting tables: each OB 2.0 table becomes <TABLE>__OB2 and its OB 3.0 copy",
				"<TABLE>__OB3 takes the name, one table at a time. Refused (exit 3) unless the last `run reporting`",
				"completed and every copy holds its source's rows. Restartable; a second run changes nothing.",
				"Run it with Streaming Integrator stopped." })
class ReportingCutoverCommand extends SessionCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = open()) {
			context.getBean(JobControl.class).repository();
			for (ReportingCutover.Swap swap : context.getBean(ReportingCutover.class).cutover()) {
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

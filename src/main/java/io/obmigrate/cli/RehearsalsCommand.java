package io.obmigrate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.rehearsal.RehearsalReport;
import io.obmigrate.rehearsal.RehearsalTrend;
import io.obmigrate.rehearsal.Rehearsals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rehearsals", mixinStandardHelpOptions = true,
		description = { "The rehearsal history from the job repository: each night's duration, per-job times, rows/s,",
				"quarantined rows and verify differences; nights slower or worse than the median of the earlier ones",
				"flagged; the cut-over window projected from the latest finished rehearsal's rates." })
class RehearsalsCommand extends SessionCommand implements Callable<Integer> {

	@Option(names = "--json", description = "Print the history, flags and projection as JSON.")
	boolean json;

	@Option(names = "--html", paramLabel = "FILE",
			description = "Also write the trend as one self-contained HTML page (charts, table, projection).")
	Path html;

	@Option(names = "--rows-at-cutover", paramLabel = "N|JOB=N", split = ",", description = { "The production volume",
			"to project for: N consents (every job scaled with them), or one job's source rows (reporting=40000000);",
			"repeatable. Default: the sources' row counts now." })
	List<String> rowsAtCutover = List.of();

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = open()) {
			RehearsalTrend trend = context.getBean(Rehearsals.class).trend(this.rowsAtCutover);
			this.root.out.print(this.json ? RehearsalReport.json(trend) : RehearsalReport.text(trend));
			if (this.html != null) {
				try {
					Files.writeString(this.html, RehearsalReport.html(trend));
				}
				catch (IOException ex) {
					throw new ConfigurationProblem("Cannot write " + this.html.toAbsolutePath() + ": " + ex.getMessage()
							+ ".");
				}
				(this.json ? this.root.err : this.root.out).println("Trend written to " + this.html + ".");
			}
			return ExitCodes.COMPLETED;
		}
	}

}

package io.obmigrate.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.check.CheckReport;
import io.obmigrate.core.Finding;
import io.obmigrate.check.PreflightCheck;
import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
		description = { "Read-only pre-flight over every configured database: connectivity and versions, OB 2.0 and",
				"OB 3.0 tables, SP_METADATA.VALUE against the longest DCR value, DCR applications with '_' in the",
				"software ID, statuses without a mapping, values too long for the target, character sets, time zones.",
				"Prints BLOCKER / WARN / INFO findings with the exact fix. Exit 0 without blockers, 4 with." })
class CheckCommand extends SessionCommand implements Callable<Integer> {

	@Option(names = "--json", description = "Print the findings as JSON.")
	boolean json;

	@Option(names = "--fix", description = "Apply the safe, reversible fixes after printing them (widen"
			+ " SP_METADATA.VALUE, create missing OB 3.0 tables), then check again. Renames are never applied.")
	boolean fix;

	@Option(names = "--emit-sql", paramLabel = "FILE",
			description = "Write every suggested statement (renames, widening, DDL) to FILE for review.")
	Path emitSql;

	@Option(names = "--updated-after", paramLabel = "INSTANT", description = "Report OB 2.0 consents updated after"
			+ " this instant (e.g. 2026-11-26T22:00:00Z, when OB 2.0 was stopped): a blocker, OB 2.0 is still writing.")
	String updatedAfter;

	@Override
	public Integer call() {
		Instant after = null;
		if (this.updatedAfter != null) {
			try {
				after = Instant.parse(this.updatedAfter);
			}
			catch (DateTimeParseException ex) {
				throw new ConfigurationProblem("--updated-after '" + this.updatedAfter
						+ "' is not an ISO-8601 instant; write it like 2026-11-26T22:00:00Z.");
			}
		}
		try (ConfigurableApplicationContext context = open()) {
			PreflightCheck check = new PreflightCheck(context.getBean(ObmigrateDataSources.class),
					context.getBean(ObmigrateProperties.class), jobs(context));
			CheckReport report = check.run(after);
			PrintStream progress = this.json ? this.root.err : this.root.out;
			if (this.fix && !report.safeFixes().isEmpty()) {
				progress.println("Applying " + report.safeFixes().size() + " safe fix(es) for " + report.count(
						Finding.Severity.BLOCKER) + " blocker(s):");
				for (Finding finding : report.safeFixes()) {
					progress.println(" - " + finding.safeFix().describe());
					finding.safeFix().apply();
				}
				progress.println("Checking again:");
				report = check.run(after);
			}
			else if (this.fix) {
				progress.println("No safe fix to apply.");
			}
			this.root.out.print(this.json ? report.json() : report.render());
			if (this.emitSql != null) {
				try {
					Files.writeString(this.emitSql, report.sql());
				}
				catch (IOException ex) {
					throw new ConfigurationProblem("Cannot write " + this.emitSql.toAbsolutePath() + ": "
							+ ex.getMessage() + ".");
				}
				progress.println("Suggested statements written to " + this.emitSql + " (review before running them).");
			}
			return report.hasBlockers() ? ExitCodes.PREFLIGHT_BLOCKERS : ExitCodes.COMPLETED;
		}
	}

}

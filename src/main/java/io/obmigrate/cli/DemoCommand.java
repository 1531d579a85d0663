package io.obmigrate.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
		description = { "Run the whole data migration on embedded H2 databases: generate sample OB 2.0 consents,",
				"DCR registrations with their service providers and reporting statistics, run `check`, let",
				"`check --fix` create the OB 3.0 tables and widen SP_METADATA.VALUE, then run the consent, dcr and",
				"reporting jobs, cut over and clean up, printing every summary.",
				"Needs nothing but Java." })
class DemoCommand extends SessionCommand implements Callable<Integer> {

	@Option(names = "--consents", paramLabel = "N", defaultValue = "2000", description = "Sample size (default 2000).")
	int consents;

	@Option(names = "--dcr-registrations", paramLabel = "N", defaultValue = "200",
			description = "DCR registrations (default 200).")
	int registrations;

	@Option(names = "--reporting-rows", paramLabel = "N", defaultValue = "3000",
			description = "API requests of the reporting statistics (default 3000).")
	int reportingRows;

	@Override
	public Integer call() {
		Map<String, String> demo = new LinkedHashMap<>(this.root.overrides);
		demo.putIfAbsent("obmigrate.ob.url", "jdbc:h2:mem:obmigrate-demo-ob;DB_CLOSE_DELAY=-1");
		demo.putIfAbsent("obmigrate.ob.username", "sa");
		demo.putIfAbsent("obmigrate.ob.password", "");
		// The Identity Server tables live in the same embedded database here; in a bank they are openbank_apimgtdb.
		demo.putIfAbsent("obmigrate.identity.url", demo.get("obmigrate.ob.url"));
		demo.putIfAbsent("obmigrate.identity.username", demo.get("obmigrate.ob.username"));
		demo.putIfAbsent("obmigrate.identity.password", demo.get("obmigrate.ob.password"));
		// and so do the OB 2.0 reporting statistics (openbank_ob_reporting_statsdb in a bank)
		demo.putIfAbsent("obmigrate.reporting.url", demo.get("obmigrate.ob.url"));
		demo.putIfAbsent("obmigrate.reporting.username", demo.get("obmigrate.ob.username"));
		demo.putIfAbsent("obmigrate.reporting.password", demo.get("obmigrate.ob.password"));
		demo.putIfAbsent("obmigrate.reporting-job.chunk-size", "500");
		demo.putIfAbsent("obmigrate.jobrepo.url", "jdbc:h2:mem:obmigrate-demo-jobrepo;DB_CLOSE_DELAY=-1");
		demo.putIfAbsent("obmigrate.jobrepo.username", "sa");
		demo.putIfAbsent("obmigrate.jobrepo.password", "");
		// the embedded databases are throw-away copies: destructive steps (reporting-cleanup) need no production check
		demo.putIfAbsent("obmigrate.rehearsal.allowed-targets", "jdbc:h2:mem:.*");
		this.root.out.println("obmigrate demo: embedded H2 databases, " + this.consents + " generated OB 2.0 consents, "
				+ this.registrations + " DCR registrations (2% with a planted defect, to show quarantine) and the"
				+ " reporting statistics of " + this.reportingRows + " API requests (with their known edge cases).");
		int generated = step(demo, "generate", "--consents", Integer.toString(this.consents), "--dcr-registrations",
				Integer.toString(this.registrations), "--malformed-rate", "0.02");
		if (generated != ExitCodes.COMPLETED) {
			return generated;
		}
		int statistics = step(demo, "generate", "--reporting-rows", Integer.toString(this.reportingRows),
				"--malformed-rate", "0.05");
		if (statistics != ExitCodes.COMPLETED) {
			return statistics;
		}
		this.root.out.println("\n== 1. Pre-flight: `obmigrate check` (expect blockers: no OB 3.0 tables yet, and"
				+ " SP_METADATA.VALUE is the base Identity Server's VARCHAR(255))");
		int check = step(demo, "check");
		if (check != ExitCodes.PREFLIGHT_BLOCKERS && check != ExitCodes.COMPLETED) {
			return check;
		}
		this.root.out.println("\n== 2. `obmigrate check --fix`: the safe fixes, then the check again");
		int fixed = step(demo, "check", "--fix");
		if (fixed != ExitCodes.COMPLETED) {
			return fixed;
		}
		this.root.out.println("\n== 3. `obmigrate run consent`");
		int consent = step(demo, "run", "consent");
		if (consent != ExitCodes.COMPLETED) {
			return consent;
		}
		this.root.out.println("\n== 4. `obmigrate run dcr` (the Identity Server would be stopped for this)");
		int dcr = step(demo, "run", "dcr");
		if (dcr != ExitCodes.COMPLETED) {
			return dcr;
		}
		this.root.out.println("\n== 5. `obmigrate run reporting`: the OB 3.0 tables are built beside the OB 2.0 ones"
				+ " (<TABLE>__OB3); the mode line says how each table was copied");
		int reporting = step(demo, "run", "reporting");
		if (reporting != ExitCodes.COMPLETED) {
			return reporting;
		}
		this.root.out.println("\n== 6. `obmigrate run verify`: every row the three jobs wrote, recomputed from the source with"
				+ " their own mappings and compared column by column (exit 5 on a difference)");
		int verify = step(demo, "run", "verify");
		if (verify != ExitCodes.COMPLETED) {
			return verify;
		}
		String home = demo.getOrDefault("obmigrate.home", System.getenv().getOrDefault("OBMIGRATE_HOME", ".obmigrate"));
		String report = java.nio.file.Path.of(home, "verify-report.html").toString();
		step(demo, "report", "--format", "html", "--out", report);
		this.root.out.println("\n== 7. `obmigrate reporting-cutover`, then `obmigrate reporting-cleanup --confirm`");
		int cutover = step(demo, "reporting-cutover");
		if (cutover != ExitCodes.COMPLETED) {
			return cutover;
		}
		int cleanup = step(demo, "reporting-cleanup", "--confirm");
		if (cleanup == ExitCodes.COMPLETED) {
			this.root.out.println("\nDemo complete. Against your own databases: set OBMIGRATE_OB_URL,"
					+ " OBMIGRATE_IDENTITY_URL and OBMIGRATE_REPORTING_URL (with user and password), run"
					+ " `./obmigrate check`, then `./obmigrate run consent`, `./obmigrate run dcr`, `./obmigrate run"
					+ " reporting` and `./obmigrate run verify`; see README.md. The verify report of this demo: " + report);
		}
		return cleanup;
	}

	private int step(Map<String, String> demo, String... args) {
		return ObmigrateCli.execute(demo, this.root.out, this.root.err, args);
	}

}

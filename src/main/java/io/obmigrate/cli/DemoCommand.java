package io.obmigrate.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
		description = { "Run the whole consent migration on embedded H2 databases: generate sample OB 2.0 data,",
				"create the OB 3.0 tables, migrate, print the summary. Needs nothing but Java." })
class DemoCommand extends SessionCommand implements Callable<Integer> {

	@Option(names = "--consents", paramLabel = "N", defaultValue = "2000", description = "Sample size (default 2000).")
	int consents;

	@Override
	public Integer call() {
		Map<String, String> demo = new LinkedHashMap<>(this.root.overrides);
		demo.putIfAbsent("obmigrate.ob.url", "jdbc:h2:mem:obmigrate-demo-ob;DB_CLOSE_DELAY=-1");
		demo.putIfAbsent("obmigrate.ob.username", "sa");
		demo.putIfAbsent("obmigrate.ob.password", "");
		demo.putIfAbsent("obmigrate.jobrepo.url", "jdbc:h2:mem:obmigrate-demo-jobrepo;DB_CLOSE_DELAY=-1");
		demo.putIfAbsent("obmigrate.jobrepo.username", "sa");
		demo.putIfAbsent("obmigrate.jobrepo.password", "");
		this.root.out.println("obmigrate demo: embedded H2 databases, " + this.consents + " generated OB 2.0 consents"
				+ " (2% malformed on purpose, to show quarantine).");
		int generated = ObmigrateCli.execute(demo, this.root.out, this.root.err, "generate", "--consents",
				Integer.toString(this.consents), "--malformed-rate", "0.02");
		if (generated != ExitCodes.COMPLETED) {
			return generated;
		}
		int run = ObmigrateCli.execute(demo, this.root.out, this.root.err, "run", "consent", "--create-schema");
		if (run == ExitCodes.COMPLETED) {
			this.root.out.println("\nDemo complete. Against your own databases: set OBMIGRATE_OB_URL (and user, password)"
					+ " and run `./obmigrate run consent`; see README.md.");
		}
		return run;
	}

}

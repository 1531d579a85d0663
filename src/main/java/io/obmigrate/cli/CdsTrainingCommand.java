package io.obmigrate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.util.FileSystemUtils;

import picocli.CommandLine.Command;

/**
 * The training start of deploy/cds.sh: Java records a class-data-sharing archive of every class this process loaded,
 * and each later start maps those classes ready-made instead of reading, parsing and verifying them from the jars. A
 * run of 100,000 consents on MariaDB spent 0.93 s loading classes with an archive trained on `status` alone; trained
 * here, 0.42 s (0.57 s on the demo and `status` without the list).
 * <p>
 * What it loads: the embedded demo (small sizes: every job, its readers, writers, partitions, checks and reports) and
 * `status` on a file job repository (what a real run's repository needs), then the classes listed in
 * {@value #CLASS_LIST}: those of the JDBC drivers and the JDK that runs against MariaDB and PostgreSQL loaded and the
 * demo does not (its databases are embedded H2). A class the list names that this build lacks (another driver version
 * or JDK) is skipped: that class is read from its jar, as without the list. Hidden: no user needs it.
 */
@Command(name = "cds-training", hidden = true,
		description = "The training start of deploy/cds.sh (the embedded demo, status, the listed driver classes).")
class CdsTrainingCommand implements Callable<Integer> {

	/** The classes real databases' runs load beyond the demo's, one name per line (bench/cds-classes.sh makes it). */
	static final String CLASS_LIST = "META-INF/obmigrate/cds-classes.txt";

	@picocli.CommandLine.ParentCommand
	ObmigrateCli root;

	@Override
	public Integer call() throws IOException {
		Path home = Files.createTempDirectory("obmigrate-cds-training");
		PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
		try {
			Map<String, String> demo = new LinkedHashMap<>(this.root.overrides);
			demo.put("obmigrate.home", home.resolve("demo").toString());
			// databases of its own: the demo's default in-memory ones would keep a first demo's rows in this JVM
			String unique = Long.toString(System.nanoTime());
			demo.put("obmigrate.ob.url", "jdbc:h2:mem:obmigrate-cds-training-ob-" + unique + ";DB_CLOSE_DELAY=-1");
			demo.put("obmigrate.jobrepo.url",
					"jdbc:h2:mem:obmigrate-cds-training-repo-" + unique + ";DB_CLOSE_DELAY=-1");
			int demoCode = ObmigrateCli.execute(demo, quiet, quiet, "demo", "--consents", "300", "--dcr-registrations",
					"20", "--reporting-rows", "300");
			Map<String, String> repository = new LinkedHashMap<>(this.root.overrides);
			repository.put("obmigrate.home", home.resolve("status").toString());
			int statusCode = ObmigrateCli.execute(repository, quiet, quiet, "status");
			int[] listed = load(CdsTrainingCommand.class.getClassLoader());
			this.root.out.println("cds-training: demo exit " + demoCode + ", status exit " + statusCode + ", "
					+ listed[0] + " listed classes loaded, " + listed[1] + " not in this build");
			return demoCode != ExitCodes.COMPLETED ? demoCode : statusCode;
		}
		finally {
			try {
				FileSystemUtils.deleteRecursively(home);
			}
			catch (IOException ex) {
				// a temporary directory left behind is no reason to fail the training
			}
		}
	}

	/** Loads (without initialising) every class {@value #CLASS_LIST} names: {loaded, missing}. */
	static int[] load(ClassLoader loader) throws IOException {
		int loaded = 0;
		int missing = 0;
		InputStream list = loader.getResourceAsStream(CLASS_LIST);
		if (list == null) {
			return new int[] { 0, 0 };
		}
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				String name = line.strip();
				if (name.isEmpty() || name.startsWith("#")) {
					continue;
				}
				try {
					Class.forName(name, false, loader);
					loaded++;
				}
				catch (ClassNotFoundException | LinkageError ex) {
					missing++;
				}
			}
		}
		return new int[] { loaded, missing };
	}

}

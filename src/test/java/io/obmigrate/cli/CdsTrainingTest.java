package io.obmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The training start of deploy/cds.sh and its list of driver and JDK classes. */
class CdsTrainingTest {

	@Test
	void everyListedDriverClassIsInTheBuild() throws IOException {
		List<String> drivers = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		try (InputStream list = getClass().getClassLoader().getResourceAsStream(CdsTrainingCommand.CLASS_LIST)) {
			assertThat(list).as(CdsTrainingCommand.CLASS_LIST).isNotNull();
			BufferedReader lines = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8));
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.startsWith("com.mysql.") || line.startsWith("org.postgresql.")) {
					drivers.add(line);
					try {
						Class.forName(line, false, getClass().getClassLoader());
					}
					catch (ClassNotFoundException ex) {
						missing.add(line);
					}
				}
			}
		}
		assertThat(drivers).as("MariaDB and PostgreSQL driver classes in the list").hasSizeGreaterThan(100)
			.anyMatch(name -> name.startsWith("com.mysql.cj.jdbc."))
			.anyMatch(name -> name.startsWith("org.postgresql.jdbc."));
		assertThat(missing).as("listed classes this build's drivers lack: after a driver upgrade, run"
				+ " bench/cds-classes.sh").isEmpty();
	}

	@Test
	void theTrainingRunsTheDemoAndStatusThenLoadsTheListedClasses() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = ObmigrateCli.execute(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), "cds-training");
		String printed = out.toString(StandardCharsets.UTF_8);
		assertThat(code).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(printed).containsPattern(
				"cds-training: demo exit 0, status exit 0, (\\d{4,}) listed classes loaded, \\d+ not in this build");
		// the demo's and status's own output goes nowhere: cds.sh keeps only this line
		assertThat(printed.lines()).hasSize(1);
	}

	@Test
	void theTrainingIsNotAUsersCommand() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ObmigrateCli.execute(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "--help");
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("status").doesNotContain("cds-training");
	}

}

package io.obmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each job's settings are checked as obmigrate starts: a value out of range is a usage error (exit 2) whose message
 * names the setting, before anything connects to a migration database.
 */
class SettingsValidationTest {

	@TempDir
	Path home;

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "obmigrate.consent.chunk-size, 0", "obmigrate.consent.partitions, 65",
			"obmigrate.consent.profile, wso2-r3", "obmigrate.consent.max-quarantined, -1",
			"obmigrate.dcr.chunk-size, 0", "obmigrate.dcr.max-quarantined, -5",
			"obmigrate.reporting-job.chunk-size, 0", "obmigrate.reporting-job.parallel-tables, 0",
			"obmigrate.reporting-job.mode, fastest", "obmigrate.reporting-job.max-quarantined, -1",
			"obmigrate.source-time-zone, Mars/Olympus" })
	void aValueOutOfRangeIsAUsageErrorNamingTheSetting(String setting, String value) {
		Map<String, String> properties = new HashMap<>(Map.of("obmigrate.home", this.home.toString(),
				"obmigrate.jobrepo.url", "jdbc:h2:mem:settings-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
				"obmigrate.jobrepo.username", "sa"));
		properties.put(setting, value);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int code = ObmigrateCli.execute(properties, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), "check");

		String message = err.toString(StandardCharsets.UTF_8);
		assertThat(code).as(message).isEqualTo(ExitCodes.USAGE);
		assertThat(message).contains(setting).doesNotContain("Exception");
	}

	private String[] statusWith(Map<String, String> extra, String... args) {
		Map<String, String> properties = new HashMap<>(Map.of("obmigrate.home", this.home.toString(),
				"obmigrate.jobrepo.url", "jdbc:h2:mem:settings-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
				"obmigrate.jobrepo.username", "sa"));
		properties.putAll(extra);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = ObmigrateCli.execute(properties, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), args);
		return new String[] { String.valueOf(code), err.toString(StandardCharsets.UTF_8) };
	}

	@org.junit.jupiter.api.Test
	void configurationMistakesAreOneParagraphAndExit2() throws Exception {
		Path badYaml = this.home.resolve("bad.yml");
		java.nio.file.Files.writeString(badYaml, "obmigrate:\n  ob:\n    url: jdbc:h2:mem:x\n   username: [oops\n");
		String[] yaml = statusWith(Map.of(), "--config", badYaml.toString(), "status");
		assertThat(yaml[0]).isEqualTo("2");
		assertThat(yaml[1]).contains("bad.yml is not valid YAML at line 4").doesNotContain("Exception")
			.doesNotContain("\tat ");

		Path misspelt = this.home.resolve("misspelt.yml");
		java.nio.file.Files.writeString(misspelt, "obmigrate:\n  consent:\n    chunk-size: 500\n  ob:\n    urll: jdbc:h2:mem:x\n");
		String[] unknown = statusWith(Map.of(), "--config", misspelt.toString(), "status");
		assertThat(unknown[0]).isEqualTo("2");
		assertThat(unknown[1]).contains("obmigrate.ob.urll (line 5, did you mean obmigrate.ob.url?)")
			.doesNotContain("chunk-size");

		String[] override = statusWith(Map.of("obmigrate.consent.chunksizze", "5"), "status");
		assertThat(override[0]).isEqualTo("2");
		assertThat(override[1]).contains("obmigrate.consent.chunksizze (did you mean obmigrate.consent.chunk-size?)");

		String[] scheme = statusWith(Map.of("obmigrate.ob.url", "jdbc:foo://db/ob"), "status");
		assertThat(scheme[0]).isEqualTo("2");
		assertThat(scheme[1]).contains("obmigrate.ob.url").contains("not a JDBC URL of a database obmigrate has a driver for");
	}

}

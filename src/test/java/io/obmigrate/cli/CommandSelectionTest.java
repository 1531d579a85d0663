package io.obmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** A command line that names a command gets that command alone; every other one gets them all. */
class CommandSelectionTest {

	@Test
	void theNamedCommandAlone() {
		assertThat(ObmigrateCli.commandsFor("status")).containsExactly(StatusCommand.class);
		assertThat(ObmigrateCli.commandsFor("status", "--json")).containsExactly(StatusCommand.class);
		assertThat(ObmigrateCli.commandsFor("--config", "obmigrate.yml", "run", "consent"))
			.containsExactly(RunCommand.class);
		assertThat(ObmigrateCli.commandsFor("--config", "status", "run", "consent")).as("the value of --config")
			.containsExactly(RunCommand.class);
		assertThat(ObmigrateCli.commandsFor("run", "--help")).containsExactly(RunCommand.class);
	}

	@Test
	void everyCommandWhereNoneOrAnUnknownOneIsNamed() {
		for (String[] args : new String[][] { {}, { "--help" }, { "-V" }, { "help", "run" }, { "sttaus" },
				{ "--config", "obmigrate.yml" }, { "--help", "run" } }) {
			assertThat(ObmigrateCli.commandsFor(args)).as(String.join(" ", args))
				.isEqualTo(ObmigrateCli.COMMANDS)
				.contains(CommandLine.HelpCommand.class, StatusCommand.class, RunCommand.class);
		}
	}

	@Test
	void theHelpStillListsEveryCommandAndAMisspeltOneIsStillRefused() {
		String help = run("--help");
		for (Class<?> command : ObmigrateCli.COMMANDS) {
			CommandLine.Command annotation = command.getAnnotation(CommandLine.Command.class);
			if (!annotation.hidden()) {
				assertThat(help).as(annotation.name()).contains(annotation.name());
			}
		}
		assertThat(run("sttaus")).contains("Unmatched argument at index 0: 'sttaus'")
			.contains("Try `obmigrate --help`.");
		assertThat(run("help", "rehearse")).contains("rehearse");
	}

	private static String run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
		ObmigrateCli.execute(Map.of(), print, print, args);
		return out.toString(StandardCharsets.UTF_8);
	}

}

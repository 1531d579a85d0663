package io.obmigrate.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.boot.context.properties.bind.BindException;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.PreflightBlocker;
import io.obmigrate.core.RunRefused;
import io.obmigrate.core.SecretMasking;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code obmigrate} command line: parses, runs one command, and maps every outcome to an exit code. */
@Command(name = "obmigrate", mixinStandardHelpOptions = true, version = "obmigrate " + io.obmigrate.core.ObmigrateVersion.VERSION,
		description = "Migrates WSO2 Open Banking 2.0.0 (UK) data to Open Banking 3.0.0, restartably.",
		footer = { "", "Exit codes: 0 completed (also with quarantined rows), 1 failed, 2 usage or configuration error,",
				"3 stopped or waiting, 4 pre-flight blockers, 5 verification mismatch." })
public class ObmigrateCli {

	/**
	 * The commands, in the order {@code --help} lists them. A command line that names one gets only that one: picocli
	 * reads every command's options by reflection when it is added (about 0.1 s for all of them, on every start).
	 */
	static final List<Class<?>> COMMANDS = List.of(CheckCommand.class, RunCommand.class,
			ReportingCutoverCommand.class, ReportingCleanupCommand.class, PlanCommand.class, ConfirmCommand.class,
			RollbackCommand.class, RehearseCommand.class, RehearsalsCommand.class, RestartCommand.class,
			StopCommand.class, AbandonCommand.class, StatusCommand.class, ReportCommand.class, GenerateCommand.class,
			DemoCommand.class, CdsTrainingCommand.class, CommandLine.HelpCommand.class);

	@Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
			description = "YAML or properties file with obmigrate.* settings (environment variables OBMIGRATE_* also work).")
	Path config;

	/** Properties that override every other source; the demo and the tests use them. */
	final Map<String, String> overrides = new HashMap<>();

	PrintStream out = System.out;

	PrintStream err = System.err;

	/** The process's command: {@code main} exits with what it returns. */
	public static int execute(String... args) {
		GracefulStop.processEndsWithCommand();
		return execute(Map.of(), System.out, System.err, args);
	}

	public static int execute(Map<String, String> overrides, PrintStream out, PrintStream err, String... args) {
		ObmigrateCli root = new ObmigrateCli();
		root.overrides.putAll(overrides);
		root.out = out;
		root.err = err;
		CommandLine commandLine = new CommandLine(root);
		for (Class<?> command : commandsFor(args)) {
			commandLine.addSubcommand(command);
		}
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		commandLine.setExitCodeExceptionMapper(ObmigrateCli::exitCode);
		commandLine.setParameterExceptionHandler((ex, arguments) -> {
			err.println("obmigrate: " + ex.getMessage());
			err.println("Try `obmigrate " + (ex.getCommandLine() == commandLine ? "" : ex.getCommandLine().getCommandName() + " ")
					+ "--help`.");
			return ExitCodes.USAGE;
		});
		commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> {
			err.println("obmigrate: " + message(ex));
			return exitCode(ex);
		});
		return commandLine.execute(args);
	}

	/**
	 * The command the arguments name (the first word that is not an option or the value of {@code --config}), alone;
	 * every command when they name none or one that does not exist (the list, or the refusal of the unknown word, as
	 * before), or ask for {@code help} or obmigrate's own {@code --help} or {@code --version}.
	 */
	static List<Class<?>> commandsFor(String... args) {
		boolean configValue = false;
		for (String arg : args) {
			if (configValue) {
				configValue = false;
				continue;
			}
			if (arg.equals("--config")) {
				configValue = true;
				continue;
			}
			if (arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version")) {
				return COMMANDS; // obmigrate's own help lists them all
			}
			if (arg.startsWith("-")) {
				continue;
			}
			for (Class<?> command : COMMANDS) {
				if (command != CommandLine.HelpCommand.class
						&& command.getAnnotation(Command.class).name().equals(arg)) {
					return List.of(command);
				}
			}
			return COMMANDS;
		}
		return COMMANDS;
	}

	static int exitCode(Throwable ex) {
		Throwable known = known(ex);
		if (known instanceof PreflightBlocker) {
			return ExitCodes.PREFLIGHT_BLOCKERS;
		}
		if (known instanceof RunRefused) {
			return ExitCodes.STOPPED_OR_WAITING;
		}
		if (known instanceof ConfigurationProblem || known instanceof BindException) {
			return ExitCodes.USAGE;
		}
		return ExitCodes.FAILED;
	}

	/** One paragraph: what is wrong and what to do; the stack trace goes to the log file only. */
	static String message(Throwable ex) {
		Throwable known = known(ex);
		if (known instanceof BindException bind) {
			Throwable cause = bind.getCause() != null ? bind.getCause() : bind;
			Throwable root = NestedExceptionUtils.getMostSpecificCause(cause);
			String reason = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
			return "Invalid setting " + bind.getProperty().getName() + " = '"
					+ SecretMasking.maskValue(bind.getProperty().getName().toString(), bind.getProperty().getValue()) + "': "
					+ readable(reason).replaceFirst("\\.+$", "") + ". Correct it in the --config file or the environment.";
		}
		if (known != null) {
			return known.getMessage();
		}
		org.slf4j.LoggerFactory.getLogger(ObmigrateCli.class).error("Unexpected failure", ex);
		Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
		return "Unexpected failure: " + SecretMasking.maskUrl(String.valueOf(root.getMessage()))
				+ ". The log file (.obmigrate/obmigrate.log by default) has the details.";
	}

	private static final java.util.regex.Pattern UNKNOWN_CONSTANT = java.util.regex.Pattern
		.compile("No enum constant ([\\w.$]+)\\.([^.]+)$");

	/** A binder's reason as a DBA reads it: an unknown enum value becomes the list of values the setting takes. */
	static String readable(String reason) {
		java.util.regex.Matcher unknown = UNKNOWN_CONSTANT.matcher(reason);
		if (unknown.find()) {
			try {
				Object[] constants = Class.forName(unknown.group(1)).getEnumConstants();
				if (constants != null) {
					return "not one of " + java.util.Arrays.stream(constants)
						.map(c -> ((Enum<?>) c).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
						.toList();
				}
			}
			catch (ClassNotFoundException ex) {
				// the reason as it is
			}
		}
		return reason;
	}

	private static Throwable known(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof ConfigurationProblem || t instanceof PreflightBlocker || t instanceof RunRefused
					|| t instanceof BindException) {
				return t;
			}
		}
		return null;
	}

}

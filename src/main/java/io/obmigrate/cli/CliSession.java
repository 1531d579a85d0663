package io.obmigrate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.ObmigrateApplication;
import io.obmigrate.core.ConfigurationProblem;

/**
 * The Spring context of one command, started only by commands that need databases (so {@code --help} and usage errors
 * never connect anywhere). Properties come, lowest first, from application.properties, the {@code --config} file, the
 * environment ({@code OBMIGRATE_*}), system properties, and the overrides a caller passes (the demo, the tests).
 */
final class CliSession {

	private CliSession() {
	}

	static ConfigurableApplicationContext open(Path config, Map<String, String> overrides) {
		return open(ObmigrateApplication.class, config, overrides);
	}

	/**
	 * The context of a command that only reads or marks job executions: the job repository and its control, without
	 * the jobs (see {@link io.obmigrate.core.JobControlConfiguration}).
	 */
	static ConfigurableApplicationContext openJobControl(Path config, Map<String, String> overrides) {
		return open(io.obmigrate.core.JobControlConfiguration.class, config, overrides);
	}

	private static ConfigurableApplicationContext open(Class<?> source, Path config, Map<String, String> overrides) {
		List<String> args = new ArrayList<>();
		if (config != null) {
			if (!Files.isReadable(config)) {
				throw new ConfigurationProblem("The configuration file " + config
						+ " does not exist or cannot be read. Give the path of a YAML or properties file with --config.");
			}
			SettingsFile.check(config);
			args.add("--spring.config.additional-location=file:" + config.toAbsolutePath());
		}
		for (String variable : SettingsFile.checkOutside(overrides)) {
			System.err.println("obmigrate: warning: the environment variable " + variable + " names no obmigrate setting"
					+ " (docs/configuration.md lists them); it is ignored.");
		}
		overrides.forEach((key, value) -> args.add("--" + key + "=" + value));
		SpringApplication application = new SpringApplication(source);
		application.setRegisterShutdownHook(false);
		return application.run(args.toArray(String[]::new));
	}

}

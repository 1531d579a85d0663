package io.obmigrate.core;

/** A configuration the user must change; the message says what is wrong and what to do. Exit code 2. */
public class ConfigurationProblem extends RuntimeException {

	public ConfigurationProblem(String message) {
		super(message);
	}

	public ConfigurationProblem(String message, Throwable cause) {
		super(message, cause);
	}

}

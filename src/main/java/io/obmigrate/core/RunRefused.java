package io.obmigrate.core;

/** A run or restart that obmigrate will not start in the current state (exit code 3: stopped or waiting). */
public class RunRefused extends RuntimeException {

	public RunRefused(String message) {
		super(message);
	}

}

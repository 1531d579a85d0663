package io.obmigrate.core;

/** Something in the databases that must be fixed before a job may start. Exit code 4. */
public class PreflightBlocker extends RuntimeException {

	public PreflightBlocker(String message) {
		super(message);
	}

}

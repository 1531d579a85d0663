package io.obmigrate.cli;

/** Process exit codes; the README documents them for schedulers. */
public final class ExitCodes {

	public static final int COMPLETED = 0;

	public static final int FAILED = 1;

	public static final int USAGE = 2;

	public static final int STOPPED_OR_WAITING = 3;

	public static final int PREFLIGHT_BLOCKERS = 4;

	public static final int VERIFICATION_MISMATCH = 5;

	private ExitCodes() {
	}

}

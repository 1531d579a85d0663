package io.obmigrate.core;

/** The {@code max-quarantined} setting every job has: unset (no limit) or 0 and more. */
public final class QuarantineLimit {

	private QuarantineLimit() {
	}

	/** The value, or a usage error naming the setting when it is negative. */
	public static Long validated(String setting, Long value) {
		if (value != null && value < 0) {
			throw new ConfigurationProblem(setting + " must be 0 or more (got " + value + "); leave it unset for no"
					+ " limit.");
		}
		return value;
	}

}

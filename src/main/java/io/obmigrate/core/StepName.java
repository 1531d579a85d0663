package io.obmigrate.core;

/**
 * A step's name as Spring Batch gives it: a step ({@code consent.accounts}) or one partition of a partitioned step,
 * named {@code <step>:<partition>} by Spring Batch ({@code consent.accounts:p0}).
 *
 * @param step the step's own name
 * @param partition the partition's name, or null for the step itself
 */
public record StepName(String step, String partition) {

	/** Spring Batch's separator between a partitioned step's name and a partition's. */
	private static final char SEPARATOR = ':';

	public static StepName of(String name) {
		int separator = name.indexOf(SEPARATOR);
		return separator < 0 ? new StepName(name, null) : new StepName(name.substring(0, separator),
				name.substring(separator + 1));
	}

	public boolean isPartition() {
		return this.partition != null;
	}

	@Override
	public String toString() {
		return this.partition == null ? this.step : this.step + SEPARATOR + this.partition;
	}

}

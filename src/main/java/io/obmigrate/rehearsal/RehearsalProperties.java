package io.obmigrate.rehearsal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.obmigrate.core.ConfigurationProblem;

/**
 * How {@code obmigrate rehearsals} reads the history. (Which databases count as staging copies is
 * {@code obmigrate.rehearsal.allowed-targets}, shared with every destructive command.)
 */
@ConfigurationProperties("obmigrate.rehearsals")
public class RehearsalProperties {

	/**
	 * A night is flagged when it took longer than the median of the nights before it by more than this share (0.2:
	 * 20%), in total or for one job, or quarantined or mismatched more rows than their median.
	 */
	private double tolerance = 0.2;

	/** How many of the latest rehearsals the trend shows and the medians are taken over. */
	private int nights = 30;

	public double getTolerance() {
		return this.tolerance;
	}

	public void setTolerance(double tolerance) {
		if (tolerance < 0 || tolerance > 10) {
			throw new ConfigurationProblem("obmigrate.rehearsals.tolerance must be between 0 and 10 (0.2 is 20%), not "
					+ tolerance + ".");
		}
		this.tolerance = tolerance;
	}

	public int getNights() {
		return this.nights;
	}

	public void setNights(int nights) {
		if (nights < 1) {
			throw new ConfigurationProblem("obmigrate.rehearsals.nights must be at least 1, not " + nights + ".");
		}
		this.nights = nights;
	}

}

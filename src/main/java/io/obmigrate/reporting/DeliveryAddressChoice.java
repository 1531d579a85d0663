package io.obmigrate.reporting;

import java.util.Comparator;
import java.util.List;

/**
 * the {@code PAYMENTS_RAW_DATA.DELIVERY_ADDRESS} of a consent when {@code TransactionDeliveryAddress}
 * holds several (WSO2's scalar sub-query failed): the latest by the table's ordering column when it has one, then the
 * greatest text, so every run picks the same one. The choice says whether there was a choice, for the report.
 */
public final class DeliveryAddressChoice {

	/** One address row of the consent; {@code order} is the row's ordering value (a time), or null when unknown. */
	public record Candidate(String address, Long order) {
	}

	/** The address to write (null when the consent has none) and how many candidates there were. */
	public record Choice(String address, int candidates) {

		public boolean hadDuplicates() {
			return this.candidates > 1;
		}

	}

	private static final Comparator<Candidate> LATEST_THEN_GREATEST = Comparator
		.comparing(Candidate::order, Comparator.nullsFirst(Comparator.<Long>naturalOrder()))
		.thenComparing(Candidate::address, Comparator.nullsFirst(Comparator.<String>naturalOrder()));

	private DeliveryAddressChoice() {
	}

	public static Choice choose(List<Candidate> candidates) {
		if (candidates.isEmpty()) {
			return new Choice(null, 0);
		}
		return new Choice(candidates.stream().max(LATEST_THEN_GREATEST).orElseThrow().address(), candidates.size());
	}

}

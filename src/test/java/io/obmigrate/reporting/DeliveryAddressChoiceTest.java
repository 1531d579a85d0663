package io.obmigrate.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.obmigrate.reporting.DeliveryAddressChoice.Candidate;

/** Atlas F.5 #4: a deterministic delivery address where WSO2's sub-query failed on duplicates. */
class DeliveryAddressChoiceTest {

	@Test
	void noAddressGivesNull() {
		assertThat(DeliveryAddressChoice.choose(List.of()).address()).isNull();
	}

	@Test
	void singleAddressIsTakenAsItIs() {
		DeliveryAddressChoice.Choice choice = DeliveryAddressChoice.choose(List.of(new Candidate("1 High St", null)));
		assertThat(choice.address()).isEqualTo("1 High St");
		assertThat(choice.hadDuplicates()).isFalse();
	}

	@Test
	void latestAddressWinsAndTheDuplicateIsReported() {
		DeliveryAddressChoice.Choice choice = DeliveryAddressChoice.choose(
				List.of(new Candidate("Z old", 100L), new Candidate("A new", 200L)));
		assertThat(choice.address()).isEqualTo("A new");
		assertThat(choice.hadDuplicates()).isTrue();
		assertThat(choice.candidates()).isEqualTo(2);
	}

	@Test
	void withoutOrderTheGreatestTextWinsWhateverTheReadOrder() {
		List<Candidate> one = List.of(new Candidate("1 High St", null), new Candidate("2 Low Rd", null));
		List<Candidate> other = List.of(new Candidate("2 Low Rd", null), new Candidate("1 High St", null));
		assertThat(DeliveryAddressChoice.choose(one).address()).isEqualTo("2 Low Rd");
		assertThat(DeliveryAddressChoice.choose(other).address()).isEqualTo("2 Low Rd");
	}

	@Test
	void overLongAddressIsChosenWhole() {
		String address = "x".repeat(300);
		DeliveryAddressChoice.Choice choice = DeliveryAddressChoice.choose(List.of(new Candidate(address, 1L)));
		assertThat(choice.address()).hasSize(300);
	}

}

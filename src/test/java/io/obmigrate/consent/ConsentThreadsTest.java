package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many threads a consent run uses: the setting, else 4, else the cores of a machine the database shares. */
class ConsentThreadsTest {

	@Test
	void aDatabaseElsewhereGetsFourThreadsWhateverTheCores() {
		ConsentProperties properties = new ConsentProperties();
		assertThat(properties.threads(false, 1)).isEqualTo(4);
		assertThat(properties.threads(false, 2)).isEqualTo(4);
		assertThat(properties.threads(false, 64)).isEqualTo(4);
	}

	@Test
	void aDatabaseOnThisMachineGetsItsCoresFromTwoToFour() {
		ConsentProperties properties = new ConsentProperties();
		assertThat(properties.threads(true, 1)).isEqualTo(2);
		assertThat(properties.threads(true, 2)).isEqualTo(2);
		assertThat(properties.threads(true, 3)).isEqualTo(3);
		assertThat(properties.threads(true, 4)).isEqualTo(4);
		assertThat(properties.threads(true, 16)).isEqualTo(4);
	}

	@Test
	void theSettingWinsWhereverTheDatabaseRuns() {
		ConsentProperties properties = new ConsentProperties();
		properties.setPartitions(6);
		assertThat(properties.threads(true, 2)).isEqualTo(6);
		assertThat(properties.threads(false, 2)).isEqualTo(6);
		properties.setPartitions(1);
		assertThat(properties.threads(true, 16)).isEqualTo(1);
	}

}

package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class SourceTimesTest {

	private static final List<String> ZONES = List.of("UTC", "Z", "+02:00", "-05:30", "Etc/GMT-3", "GMT",
			"Europe/London", "America/New_York", "Australia/Lord_Howe");

	@Test
	void aWallClockValueIsPlacedInItsZoneWhateverItsRules() {
		for (String zone : ZONES) {
			ZoneId id = ZoneId.of(zone);
			SourceTimes times = new SourceTimes(id);
			// every half hour over two years, DST gaps and overlaps included
			for (LocalDateTime value = LocalDateTime.of(2023, 1, 1, 0, 0); value.getYear() < 2025;
					value = value.plusMinutes(30)) {
				assertThat(times.wallClock(value)).as("%s in %s", value, zone)
					.isEqualTo(value.atZone(id).toEpochSecond());
			}
			assertThat(times.wallClock(null)).isZero();
		}
	}

	@Test
	void aFixedZoneGivesItsOffsetAndADaylightSavingZoneItsRules() {
		assertThat(new SourceTimes(ZoneId.of("+02:00")).wallClock(LocalDateTime.of(2024, 7, 1, 12, 0)))
			.isEqualTo(1_719_828_000L);
		// the earlier offset in London's autumn overlap, the gap shifted forward in spring
		SourceTimes london = new SourceTimes(ZoneId.of("Europe/London"));
		assertThat(london.wallClock(LocalDateTime.of(2024, 10, 27, 1, 30))).isEqualTo(1_729_989_000L);
		assertThat(london.wallClock(LocalDateTime.of(2024, 3, 31, 1, 30)))
			.isEqualTo(london.wallClock(LocalDateTime.of(2024, 3, 31, 2, 30)));
	}

}

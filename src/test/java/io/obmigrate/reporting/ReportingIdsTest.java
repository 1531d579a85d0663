package io.obmigrate.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Atlas F.5 #2: deterministic new IDs of raw-data rows. */
class ReportingIdsTest {

	@Test
	void sameRowGivesSameIdOnEveryRun() {
		assertThat(ReportingIds.of("ACCOUNTS_RAW_DATA", "msg-1", 1_700_000_000L))
			.isEqualTo(ReportingIds.of("ACCOUNTS_RAW_DATA", "msg-1", 1_700_000_000L))
			.matches("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
	}

	@Test
	void tableIdAndTimestampEachChangeTheId() {
		String id = ReportingIds.of("ACCOUNTS_RAW_DATA", "msg-1", 1L);
		assertThat(ReportingIds.of("PAYMENTS_RAW_DATA", "msg-1", 1L)).isNotEqualTo(id);
		assertThat(ReportingIds.of("ACCOUNTS_RAW_DATA", "msg-2", 1L)).isNotEqualTo(id);
		assertThat(ReportingIds.of("ACCOUNTS_RAW_DATA", "msg-1", 2L)).isNotEqualTo(id);
	}

}

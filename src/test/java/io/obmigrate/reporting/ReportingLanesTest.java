package io.obmigrate.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The tables' lanes: every table once, atlas F.3 order within a lane, the largest tables apart. */
class ReportingLanesTest {

	@Test
	void oneLaneIsTheAtlasOrder() {
		assertThat(ReportingJobConfiguration.lanes(1)).containsExactly(ReportingTableRule.ALL);
		assertThat(ReportingJobConfiguration.lanes(0)).containsExactly(ReportingTableRule.ALL);
	}

	@Test
	void twoLanesSplitTheLargestTablesAndKeepTheOrder() {
		List<List<ReportingTableRule>> lanes = ReportingJobConfiguration.lanes(2);
		assertThat(lanes).hasSize(2);
		assertThat(lanes.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(ReportingTableRule.ALL);
		for (List<ReportingTableRule> lane : lanes) {
			assertThat(lane).isSortedAccordingTo(java.util.Comparator.comparing(ReportingTableRule.ALL::indexOf));
		}
		assertThat(lanes).noneMatch(lane -> lane.contains(ReportingTableRule.API_INVOCATION)
				&& (lane.contains(ReportingTableRule.API_LATENCY) || lane.contains(ReportingTableRule.PAYMENTS)));
	}

	@Test
	void moreLanesThanTablesIsOneTablePerLane() {
		assertThat(ReportingJobConfiguration.lanes(20)).hasSize(ReportingTableRule.ALL.size()).allMatch(l -> l.size() == 1);
	}

}

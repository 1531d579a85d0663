package io.obmigrate.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The trend's flags against the median of the earlier nights, and the projection's arithmetic. */
class RehearsalTrendTest {

	private static Rehearsal night(long id, String outcome, double consentSeconds, long quarantined, long mismatches) {
		Instant start = Instant.parse("2026-11-01T01:00:00Z").plusSeconds(86400 * id);
		List<Rehearsal.JobRun> jobs = new ArrayList<>();
		jobs.add(new Rehearsal.JobRun("consent", id * 10, "COMPLETED", consentSeconds, 100_000, 100_000 - quarantined,
				quarantined, 0, 0, 100_000 / consentSeconds, Map.of(), 0, List.of()));
		jobs.add(new Rehearsal.JobRun("verify", id * 10 + 1, "COMPLETED", 10, 100_000, 0, 0, 0, 0, 10_000, Map.of(),
				mismatches, List.of()));
		double total = consentSeconds + 10 + 2;
		return new Rehearsal(id, start, start.plusMillis((long) (total * 1000)), outcome,
				outcome.equals(Rehearsal.FAILED) ? "consent" : null, "1@host", Map.of(), 0, 0, jobs,
				Map.of("consent", Map.of("UK_ACCOUNT_INITIATION", 60_000L, "UK_TRANSACTION_INITIATION", 40_000L)));
	}

	@Test
	void aNightSlowerOrWorseThanTheMedianOfTheEarlierOnesIsFlagged() {
		List<Rehearsal> history = List.of(night(1, Rehearsal.COMPLETED, 30, 5, 0), night(2, Rehearsal.COMPLETED, 32, 5, 0),
				night(3, Rehearsal.COMPLETED, 31, 5, 0), night(4, Rehearsal.COMPLETED, 45, 9, 0),
				night(5, Rehearsal.MISMATCHED, 31, 5, 3), night(6, Rehearsal.FAILED, 5, 0, 0),
				night(7, Rehearsal.COMPLETED, 33, 5, 0));
		RehearsalTrend trend = RehearsalTrend.of(history, 0.2, 30, Map.of(), "the sources' row counts now");
		assertThat(trend.nights()).hasSize(7);
		assertThat(trend.nights().get(0).flags()).as("the first night has nothing to compare with").isEmpty();
		assertThat(trend.nights().get(2).flags()).isEmpty();
		assertThat(trend.nights().get(3).flags()).anyMatch(f -> f.startsWith("slower: 57 s against a median of 43 s"))
			.anyMatch(f -> f.startsWith("consent slower: 45.0 s against 31.0 s"))
			.anyMatch(f -> f.equals("more quarantined: 9 against a median of 5"));
		assertThat(trend.nights().get(4).flags()).containsExactly("verify found 3 difference(s)");
		assertThat(trend.nights().get(5).flags()).containsExactly("failed at consent");
		assertThat(trend.nights().get(6).flags()).as("33 s is within 20% of the median (31.5 s)").isEmpty();
		assertThat(trend.jobs()).containsExactly("consent", "verify");
		assertThat(trend.secondsOf("consent")).containsExactly(30.0, 32.0, 31.0, 45.0, 31.0, 5.0, 33.0);
	}

	@Test
	void theProjectionScalesEachJobByItsRowsAndVerifyByTheirSum() {
		List<Rehearsal> history = List.of(night(1, Rehearsal.COMPLETED, 40, 0, 0), night(2, Rehearsal.FAILED, 5, 0, 0));
		RehearsalTrend trend = RehearsalTrend.of(history, 0.2, 30, Map.of("consent", 1_000_000L), "--rows-at-cutover");
		RehearsalTrend.Projection projection = trend.projection();
		assertThat(projection.basisRehearsal()).as("the latest finished night").isEqualTo(1);
		RehearsalTrend.JobProjection consent = projection.jobs().get(0);
		assertThat(consent.rehearsalRows()).isEqualTo(100_000);
		assertThat(consent.rowsPerSecond()).isEqualTo(2_500);
		assertThat(consent.seconds()).isEqualTo(400);
		RehearsalTrend.JobProjection verify = projection.jobs().get(1);
		assertThat(verify.seconds()).isEqualTo(100);
		assertThat(projection.seconds()).isEqualTo(500);
	}

	@Test
	void noFinishedNightNoProjection() {
		RehearsalTrend trend = RehearsalTrend.of(List.of(night(1, Rehearsal.FAILED, 5, 0, 0)), 0.2, 30, Map.of(), "x");
		assertThat(trend.projection()).isNull();
		assertThat(RehearsalReport.text(trend)).contains("no cut-over projection");
	}

}

package io.obmigrate.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** Atlas F.2 latency formulas and F.5 #5/#6, one test per rule, with 0, NULL and negative inputs. */
class LatencyRulesTest {

	static final LatencyRules SAFER = new LatencyRules(true);

	static final LatencyRules WSO2 = new LatencyRules(false);

	@Test
	void requestMediationIsBackendStartMinusRequestStart() {
		assertThat(SAFER.of(1_700_000_001L, 1_700_000_000_100L, 1_700_000_000_150L, 1_700_000_000_900L, 750L)
			.requestMediationLatency()).isEqualTo(50);
	}

	@Test
	void negativeRequestMediationIsNullUnderTheSaferRuleAndRawUnderWso2s() {
		LatencyRules.Latency safer = SAFER.of(1_700_000_001L, 1_700_000_000_200L, 1_700_000_000_150L, null, null);
		assertThat(safer.requestMediationLatency()).isNull();
		assertThat(safer.negativeGuarded()).isTrue();
		assertThat(WSO2.of(1_700_000_001L, 1_700_000_000_200L, 1_700_000_000_150L, null, null).requestMediationLatency())
			.isEqualTo(-50);
	}

	@Test
	void zeroStartTimeGivesNoRequestMediationUnderTheSaferRule() {
		assertThat(SAFER.of(1_700_000_001L, 0L, 1_700_000_000_150L, null, null).requestMediationLatency()).isNull();
		assertThat(WSO2.of(1_700_000_001L, 0L, 1_700_000_000_150L, null, null).requestMediationLatency())
			.isEqualTo(1_700_000_000_150L);
	}

	@Test
	void nullInputGivesNullRequestMediation() {
		LatencyRules.Latency latency = SAFER.of(1_700_000_001L, null, 1_700_000_000_150L, null, null);
		assertThat(latency.requestMediationLatency()).isNull();
		assertThat(latency.negativeGuarded()).isFalse();
	}

	@Test
	void responseLatencyIsTimestampMillisMinusRequestStartWhenPositive() {
		assertThat(SAFER.of(1_700_000_001L, 1_700_000_000_100L, null, null, null).responseLatency()).isEqualTo(900);
		// start after the 1-second-resolution response time: not positive, so 0
		assertThat(SAFER.of(1_700_000_000L, 1_700_000_000_100L, null, null, null).responseLatency()).isZero();
		assertThat(SAFER.of(1_700_000_001L, 0L, null, null, null).responseLatency()).isZero();
		assertThat(SAFER.of(1_700_000_001L, null, null, null, null).responseLatency()).isZero();
		assertThat(SAFER.of(null, 1_700_000_000_100L, null, null, null).responseLatency()).isZero();
	}

	@Test
	void responseMediationIsTimestampMillisMinusBackendEndWhenPositive() {
		assertThat(SAFER.of(1_700_000_001L, null, null, 1_700_000_000_600L, null).responseMediationLatency())
			.isEqualTo(400);
		assertThat(SAFER.of(1_700_000_001L, null, null, 1_700_000_002_000L, null).responseMediationLatency()).isZero();
		assertThat(SAFER.of(1_700_000_001L, null, null, 0L, null).responseMediationLatency()).isZero();
	}

	@Test
	void backendLatencyIsCopied() {
		assertThat(SAFER.of(1L, null, null, null, 321L).backendLatency()).isEqualTo(321);
		assertThat(SAFER.of(1L, null, null, null, null).backendLatency()).isNull();
	}

	@Test
	void requestTimestampKeepsMillisecondsInUtc() {
		// the OB 3.0 sample of atlas F.2
		long millis = LocalDateTime.of(2021, 4, 2, 6, 19, 7, 146_000_000).atZone(ZoneId.of("UTC")).toInstant()
			.toEpochMilli();
		assertThat(LatencyRules.requestTimestamp(millis, 1L)).isEqualTo("2021-04-02T06:19:07.146Z");
	}

	@Test
	void requestTimestampFallsBackToTheSecondTimestamp() {
		assertThat(LatencyRules.requestTimestamp(0L, 1_617_344_347L)).isEqualTo("2021-04-02T06:19:07.000Z");
		assertThat(LatencyRules.requestTimestamp(null, 1_617_344_347L)).isEqualTo("2021-04-02T06:19:07.000Z");
		assertThat(LatencyRules.requestTimestamp(null, null)).isNull();
	}

	@Test
	void requestTimestampIsUtcAcrossDaylightSavingChanges() {
		// 01:30 London time happens twice on 2026-10-25; UTC text is unambiguous (MySQL's session-zone route was not)
		long first = LocalDateTime.of(2026, 10, 25, 0, 30).atZone(ZoneId.of("UTC")).toInstant().toEpochMilli();
		long second = first + 3_600_000;
		assertThat(LatencyRules.requestTimestamp(first, null)).isEqualTo("2026-10-25T00:30:00.000Z");
		assertThat(LatencyRules.requestTimestamp(second, null)).isEqualTo("2026-10-25T01:30:00.000Z");
		long spring = LocalDateTime.of(2026, 3, 29, 1, 0, 0, 5_000_000).atZone(ZoneId.of("UTC")).toInstant()
			.toEpochMilli();
		assertThat(LatencyRules.requestTimestamp(spring, null)).isEqualTo("2026-03-29T01:00:00.005Z");
	}

	@Test
	void requestTimestampWorksAfter2038() {
		// MSSQL's DATEADD with an int argument overflowed here (atlas F.2)
		assertThat(LatencyRules.requestTimestamp(2_208_988_800_123L, null)).isEqualTo("2040-01-01T00:00:00.123Z");
		assertThat(LatencyRules.requestTimestamp(null, 2_208_988_800L)).isEqualTo("2040-01-01T00:00:00.000Z");
	}

}

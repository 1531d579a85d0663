package io.obmigrate.reporting;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The OB 3.0 {@code API_LATENCY_RAW_DATA} values of one OB 2.0 {@code API_INVOCATION_RAW_DATA} row, with
 * obmigrate's safer rules (request-mediation-latency-null). Pure: the reporting job's processor and {@code verify} call it with column values.
 * {@code TIMESTAMP} is epoch seconds; the other inputs are epoch milliseconds. A null input is a NULL column.
 *
 * @param guardNegatives write NULL instead of a negative request-mediation latency, or one computed from a 0 time
 *; WSO2 wrote the raw difference
 */
public record LatencyRules(boolean guardNegatives) {

	private static final DateTimeFormatter REQUEST_TIMESTAMP = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	/** The latency row's computed columns. */
	public record Latency(String requestTimestamp, Long backendLatency, Long requestMediationLatency,
			Long responseLatency, Long responseMediationLatency, boolean negativeGuarded) {
	}

	public Latency of(Long timestampSeconds, Long requestExqStartMillis, Long backendRequestStartMillis,
			Long backendRequestEndMillis, Long backendLatency) {
		Long requestMediation = null;
		boolean guarded = false;
		if (backendRequestStartMillis != null && requestExqStartMillis != null) {
			requestMediation = backendRequestStartMillis - requestExqStartMillis;
			// a 0 start time is "not recorded": WSO2's difference is then an epoch value, not a latency
			boolean meaningless = requestMediation < 0 || backendRequestStartMillis <= 0 || requestExqStartMillis <= 0;
			if (meaningless && this.guardNegatives) {
				requestMediation = null;
				guarded = true;
			}
		}
		return new Latency(requestTimestamp(requestExqStartMillis, timestampSeconds), backendLatency,
				requestMediation, positiveSince(timestampSeconds, requestExqStartMillis),
				positiveSince(timestampSeconds, backendRequestEndMillis), guarded);
	}

	/**
	 * WSO2's response latencies: the response time ({@code TIMESTAMP} seconds as milliseconds) minus a start time, when
	 * the start time is positive and so is the result; else 0.
	 */
	static long positiveSince(Long timestampSeconds, Long startMillis) {
		if (timestampSeconds == null || startMillis == null || startMillis <= 0) {
			return 0;
		}
		long latency = timestampSeconds * 1000 - startMillis;
		return latency > 0 ? latency : 0;
	}

	/**
	 * The request start time ({@code REQUEST_EXQ_START_TIME}, ms) when positive, else {@code TIMESTAMP}
	 * (s), as UTC text with exactly three fraction digits, the same on every database; null when neither is known.
	 */
	public static String requestTimestamp(Long requestExqStartMillis, Long timestampSeconds) {
		if (requestExqStartMillis != null && requestExqStartMillis > 0) {
			return REQUEST_TIMESTAMP.format(Instant.ofEpochMilli(requestExqStartMillis));
		}
		if (timestampSeconds != null) {
			return REQUEST_TIMESTAMP.format(Instant.ofEpochSecond(timestampSeconds));
		}
		return null;
	}

}

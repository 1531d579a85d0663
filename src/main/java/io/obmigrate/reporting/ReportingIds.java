package io.obmigrate.reporting;

import io.obmigrate.core.DeterministicId;

/**
 * Atlas F.5 #2: the new {@code ID} of an OB 3.0 raw-data row is a name-based UUID of the table, the OB 2.0 row's
 * {@code ID} and its {@code TIMESTAMP}, so a restart or a re-run writes the same IDs (WSO2 drew random ones).
 */
public final class ReportingIds {

	private ReportingIds() {
	}

	public static String of(String table, String oldId, Long timestamp) {
		return DeterministicId.of("reporting", table, String.valueOf(oldId), String.valueOf(timestamp));
	}

}

package io.obmigrate.reporting;

import io.obmigrate.core.DeterministicId;

/**
 * the new {@code ID} of an OB 3.0 raw-data row is a name-based UUID of the table, the OB 2.0 row's
 * {@code ID} and its {@code TIMESTAMP}, so a restart or a re-run writes the same IDs (WSO2 drew random ones).
 *
 * <p>Version 3 (MD5), not 5 like the consent IDs: the in-database mode computes the same ID in SQL
 * ({@link InDatabaseStatements}), and PostgreSQL has MD5 built in but not SHA-1.
 */
public final class ReportingIds {

	/** The first part of every reporting ID's name. */
	static final String PREFIX = "reporting";

	private ReportingIds() {
	}

	public static String of(String table, String oldId, Long timestamp) {
		return DeterministicId.md5Based(PREFIX, table, String.valueOf(oldId), String.valueOf(timestamp));
	}

}

package io.obmigrate.core;

/**
 * One difference verify found between what a job's rules say the target holds and what it holds: the job, the table,
 * the row's key, the column ({@link #ROW} for a row that is missing or unexpected), and both values as text.
 *
 * @param kind {@link #MISMATCH}, or {@link #APART} for a target row with no source (native data or a stray), which is
 * reported separately and does not fail the verification
 * @param subject the source key the difference belongs to (the consent ID, the registration ID, the source row's
 * key): what a DBA looks up, and what {@code --failed-only} re-checks
 */
public record VerifyFailure(String job, String table, String key, String subject, String column, String expected,
		String found, String kind) {

	public static final String MISMATCH = "MISMATCH";

	public static final String APART = "APART";

	/** The column of a difference that concerns the whole row. */
	public static final String ROW = "(row)";

	public static final String PRESENT = "present";

	public static final String ABSENT = "absent";

	public static VerifyFailure mismatch(String job, String table, String key, String subject, String column,
			Object expected, Object found) {
		return new VerifyFailure(job, table, key, subject, column, text(expected), text(found), MISMATCH);
	}

	public static VerifyFailure apart(String job, String table, String key, String subject, String found) {
		return new VerifyFailure(job, table, key, subject, ROW, ABSENT, found, APART);
	}

	public boolean isApart() {
		return APART.equals(this.kind);
	}

	/** A value as verify shows it: null as {@code NULL}, long text abbreviated. */
	public static String text(Object value) {
		if (value == null) {
			return "NULL";
		}
		String text = value instanceof byte[] bytes ? "0x" + java.util.HexFormat.of().formatHex(bytes)
				: String.valueOf(value);
		return text.length() <= 2000 ? text : text.substring(0, 1980) + "... (" + text.length() + " characters)";
	}

}

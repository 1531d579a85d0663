package io.obmigrate.reporting;

import java.util.Locale;

import io.obmigrate.core.Dialect;

/**
 * A column of a reporting table, by Siddhi type family: {@code string} VARCHAR(254), {@code long} BIGINT,
 * {@code int} INT, {@code bool} a boolean or bit. A pass-through column keeps the type the source declares.
 *
 * @param length for a string column, its width in characters: OB 3.0's 254, or more where the source holds longer
 * values ({@link #widened}); 0 otherwise
 * @param sourceType for a pass-through column, the source's declared type (e.g. {@code tinyint(1)}); null otherwise
 */
public record ReportingColumn(String name, Kind kind, boolean notNull, int length, String sourceType) {

	/** The width OB 3.0 declares for every string column of the raw-data tables. */
	public static final int OB3_WIDTH = 254;

	public enum Kind {

		STRING, LONG, INT, BOOL, SOURCE

	}

	public static ReportingColumn string(String name) {
		return new ReportingColumn(name, Kind.STRING, false, OB3_WIDTH, null);
	}

	public static ReportingColumn longColumn(String name) {
		return new ReportingColumn(name, Kind.LONG, false, 0, null);
	}

	public static ReportingColumn intColumn(String name) {
		return new ReportingColumn(name, Kind.INT, false, 0, null);
	}

	public static ReportingColumn bool(String name) {
		return new ReportingColumn(name, Kind.BOOL, false, 0, null);
	}

	public static ReportingColumn passThrough(String name, String sourceType) {
		return new ReportingColumn(name, Kind.SOURCE, false, 0, sourceType);
	}

	public ReportingColumn required() {
		return new ReportingColumn(this.name, this.kind, true, this.length, this.sourceType);
	}

	/** The same string column, wide enough for {@code longest} characters (never narrower than OB 3.0's width). */
	public ReportingColumn widened(int longest) {
		return new ReportingColumn(this.name, this.kind, this.notNull, Math.max(this.length, longest), this.sourceType);
	}

	/** Whether the column is wider than OB 3.0 declares it. */
	public boolean isWidened() {
		return this.kind == Kind.STRING && this.length > OB3_WIDTH;
	}

	/**
	 * The column's type in a dialect's DDL; a string longer than the dialect's longest VARCHAR becomes its large
	 * character type (never a key column: keys are IDs and times).
	 */
	public String type(Dialect dialect) {
		return switch (this.kind) {
			case STRING -> this.length > dialect.maxVarcharSize() ? dialect.clobType() : dialect.varcharType(this.length);
			case LONG -> dialect.bigintType();
			case INT -> dialect.intType();
			case BOOL -> dialect.booleanType();
			case SOURCE -> this.sourceType;
		};
	}

	public String upperName() {
		return this.name.toUpperCase(Locale.ROOT);
	}

}

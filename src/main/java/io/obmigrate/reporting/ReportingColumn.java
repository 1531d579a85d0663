package io.obmigrate.reporting;

import java.util.Locale;

import io.obmigrate.core.Dialect;

/**
 * A column of a reporting table, by Siddhi type family: {@code string} VARCHAR(254), {@code long} BIGINT,
 * {@code int} INT, {@code bool} a boolean or bit. A pass-through column keeps the type the source has.
 *
 * @param sourceType for a pass-through column, the source's own type (e.g. {@code VARCHAR(254)}); null otherwise
 */
public record ReportingColumn(String name, Kind kind, boolean notNull, String sourceType) {

	public enum Kind {

		STRING, LONG, INT, BOOL, SOURCE

	}

	public static ReportingColumn string(String name) {
		return new ReportingColumn(name, Kind.STRING, false, null);
	}

	public static ReportingColumn longColumn(String name) {
		return new ReportingColumn(name, Kind.LONG, false, null);
	}

	public static ReportingColumn intColumn(String name) {
		return new ReportingColumn(name, Kind.INT, false, null);
	}

	public static ReportingColumn bool(String name) {
		return new ReportingColumn(name, Kind.BOOL, false, null);
	}

	public static ReportingColumn passThrough(String name, String sourceType) {
		return new ReportingColumn(name, Kind.SOURCE, false, sourceType);
	}

	public ReportingColumn required() {
		return new ReportingColumn(this.name, this.kind, true, this.sourceType);
	}

	public ReportingColumn nullable() {
		return new ReportingColumn(this.name, this.kind, false, this.sourceType);
	}

	/** The column's type in a dialect's DDL. */
	public String type(Dialect dialect) {
		return switch (this.kind) {
			case STRING -> dialect.varcharType(254);
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

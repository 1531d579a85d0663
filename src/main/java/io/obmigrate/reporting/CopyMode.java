package io.obmigrate.reporting;

import java.util.Locale;

/** How the reporting job copies a table's key ranges: the setting, and the mode a range was copied in. */
public enum CopyMode {

	/** Measure both modes on the first ranges and keep the faster (in-database only where available); a setting only. */
	AUTO,
	/** Rows through the JVM, JDBC batch inserts: any source and target. */
	CHUNK,
	/** One INSERT … SELECT per range: source and target in the same database. */
	IN_DATABASE;

	/** The name as settings and summaries spell it ({@code in-database}). */
	public String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}

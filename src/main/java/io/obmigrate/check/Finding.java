package io.obmigrate.check;

import java.util.List;

/**
 * One result of {@code obmigrate check}: what was found, why it matters for the migration, and the exact fix.
 *
 * @param area the data source or capability it concerns ({@code ob}, {@code identity}, {@code consent}, {@code dcr}, ...)
 * @param code a stable identifier for scripts and tests (e.g. {@code sp-metadata-value-size})
 * @param items every row or object the finding is about (all in JSON; the terminal shows the first ones)
 * @param statements SQL a DBA can review and run for the fix (written by {@code --emit-sql}); may be empty
 * @param safeFix the fix {@code check --fix} may apply itself (only safe, reversible ones), or null
 */
public record Finding(Severity severity, String area, String code, String found, String why, String fix,
		List<String> items, List<String> statements, SafeFix safeFix) {

	public enum Severity {

		/** The migration would fail or lose data: exit 4 until fixed. */
		BLOCKER,
		/** Rows will be quarantined, reported or changed in a way a DBA should decide on. */
		WARN,
		/** For the record: versions, counts, settings. */
		INFO

	}

	/** A fix {@code check --fix} applies after printing it. */
	public interface SafeFix {

		String describe();

		void apply();

	}

	public static Finding blocker(String area, String code, String found, String why, String fix) {
		return new Finding(Severity.BLOCKER, area, code, found, why, fix, List.of(), List.of(), null);
	}

	public static Finding warn(String area, String code, String found, String why, String fix) {
		return new Finding(Severity.WARN, area, code, found, why, fix, List.of(), List.of(), null);
	}

	public static Finding info(String area, String code, String found) {
		return new Finding(Severity.INFO, area, code, found, null, null, List.of(), List.of(), null);
	}

	public Finding withItems(List<String> items) {
		return new Finding(this.severity, this.area, this.code, this.found, this.why, this.fix, List.copyOf(items),
				this.statements, this.safeFix);
	}

	public Finding withStatements(List<String> statements) {
		return new Finding(this.severity, this.area, this.code, this.found, this.why, this.fix, this.items,
				List.copyOf(statements), this.safeFix);
	}

	public Finding withSafeFix(SafeFix safeFix) {
		return new Finding(this.severity, this.area, this.code, this.found, this.why, this.fix, this.items,
				this.statements, safeFix);
	}

}

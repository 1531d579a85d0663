package io.obmigrate.core;

import java.util.List;

/**
 * One result of a check: what was found, why it matters for the migration, and the exact fix. {@code check} prints
 * every finding; a job's pre-flight refuses to start on the blockers among its own.
 *
 * @param area the database or capability it concerns ({@code ob}, {@code identity}, {@code consent}, {@code dcr}, ...)
 * @param code the stable code, explained in {@code docs/rules.md}
 * @param job the job whose checks reported it, or null for the data-source checks every job shares
 * @param items every row or object the finding is about (all in JSON; the terminal shows the first ones)
 * @param statements SQL a DBA can review and run for the fix (written by {@code --emit-sql}); may be empty
 * @param safeFix the fix {@code check --fix} may apply itself (only safe, reversible ones), or null
 */
public record Finding(Severity severity, String area, RuleCode code, String job, String found, String why, String fix,
		List<String> items, List<String> statements, SafeFix safeFix) {

	public enum Severity {

		/** The migration would fail or lose data: `check` exits 4, and the job it belongs to refuses to start. */
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

		/** A fix described by {@code description} that runs {@code apply}. */
		static SafeFix of(String description, Runnable apply) {
			return new SafeFix() {
				@Override
				public String describe() {
					return description;
				}

				@Override
				public void apply() {
					apply.run();
				}
			};
		}

	}

	public static Finding blocker(String area, RuleCode code, String found, String why, String fix) {
		return new Finding(Severity.BLOCKER, area, code, null, found, why, fix, List.of(), List.of(), null);
	}

	public static Finding warn(String area, RuleCode code, String found, String why, String fix) {
		return new Finding(Severity.WARN, area, code, null, found, why, fix, List.of(), List.of(), null);
	}

	public static Finding info(String area, RuleCode code, String found) {
		return new Finding(Severity.INFO, area, code, null, found, null, null, List.of(), List.of(), null);
	}

	public boolean isBlocker() {
		return this.severity == Severity.BLOCKER;
	}

	public Finding withItems(List<String> items) {
		return new Finding(this.severity, this.area, this.code, this.job, this.found, this.why, this.fix,
				List.copyOf(items), this.statements, this.safeFix);
	}

	public Finding withStatements(List<String> statements) {
		return new Finding(this.severity, this.area, this.code, this.job, this.found, this.why, this.fix, this.items,
				List.copyOf(statements), this.safeFix);
	}

	public Finding withSafeFix(SafeFix safeFix) {
		return new Finding(this.severity, this.area, this.code, this.job, this.found, this.why, this.fix, this.items,
				this.statements, safeFix);
	}

	Finding ofJob(String jobName) {
		return new Finding(this.severity, this.area, this.code, jobName, this.found, this.why, this.fix, this.items,
				this.statements, this.safeFix);
	}

	/** One paragraph for a refused run: code, what was found, and the fix. */
	public String asParagraph() {
		return "[" + this.code.slug() + "] " + this.found + (this.fix == null ? "" : " Fix: " + this.fix);
	}

	/** The first ten keys, and how many more. */
	public static String listed(List<String> keys) {
		int shown = 10;
		return String.join(", ", keys.subList(0, Math.min(shown, keys.size())))
				+ (keys.size() > shown ? " and " + (keys.size() - shown) + " more" : "");
	}

}

package io.obmigrate.core;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How a capability proves that its job did what its rules say: the {@code verify} job runs every completed job's
 * verification, partition by partition and page by page, and records each difference as a {@link VerifyFailure}.
 * The capability recomputes the expected target rows with its own reader and mapping, so verify never holds a second
 * implementation of a rule.
 */
public interface Verification {

	/** The job verified, as {@code run NAME} names it. */
	String job();

	/** The tables this verification reports a state for (target tables, or the Identity Server tables changed). */
	List<String> tables();

	/** Tables that cannot be checked now, with the reason (e.g. the table is missing); they are "not validated". */
	Map<String, String> notVerifiable();

	/** The independent parts of the work, for as many partitions. */
	List<Scope> scopes(int partitions);

	/**
	 * Opens a cursor over a scope, after the key {@code after} (exclusive, null: from the start). With {@code onlyKeys}
	 * (a {@code --failed-only} run) only those keys are checked.
	 */
	Cursor open(Scope scope, String after, Collection<String> onlyKeys);

	/**
	 * The checks of the whole set once every scope is done: target rows without a source, totals, sums. Their failures
	 * are {@link VerifyFailure#isApart() apart} when they explain rather than contradict (native target rows).
	 *
	 * @param pages the measures of every page of this verify run, added up
	 */
	Totals totals(Collection<String> onlyKeys, Map<String, java.math.BigDecimal> pages);

	/** One partition of the work: a name for the step, and the key range it covers (nulls: unbounded). */
	record Scope(String name, String from, String to) {
	}

	/** Verifies page after page; the last key of each page is the checkpoint. */
	interface Cursor extends AutoCloseable {

		/** The next page, or null at the end of the scope. */
		Page next(int pageSize);

		@Override
		default void close() {
		}

	}

	/**
	 * @param lastKey the checkpoint after this page
	 * @param keys the source keys the page checked
	 * @param measures what the page counted, summed over pages: {@code TABLE|rows} (rows compared), and where a
	 * verification measures them {@code TABLE|nulls COLUMN|expected}, {@code ...|found}, {@code TABLE|sum COLUMN|...}
	 * @param failures the differences found
	 */
	record Page(String lastKey, List<String> keys, Map<String, java.math.BigDecimal> measures,
			List<VerifyFailure> failures) {
	}

	/** The measure key of the rows compared in a table. */
	static String rows(String table) {
		return table + "|rows";
	}

	/**
	 * @param failures the differences of the whole set
	 * @param measures as a page's, for the whole set (e.g. {@code TABLE|count|expected} and {@code ...|found})
	 */
	record Totals(List<VerifyFailure> failures, Map<String, java.math.BigDecimal> measures) {
	}

	/** The job execution status verify ends with when it found a mismatch (exit code 5). */
	String MISMATCHED = "MISMATCHED";

}

package io.obmigrate.verify;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.Verification;

/**
 * Verifies one partition a page at a time; each page is an item, and its last key the checkpoint. The page's
 * failures are written in the same job repository transaction as the checkpoint, so a restart neither loses nor
 * repeats one. The measures of the pages (rows compared, null counts, sums) add up in the step context.
 */
class VerifyPageReader implements ItemStreamReader<Verification.Page> {

	static final String AFTER = "verify.after";

	static final String MEASURE = "verify.measure.";

	private final Verification verification;

	private final Verification.Scope scope;

	private final Collection<String> onlyKeys;

	private final int pageSize;

	private final boolean skipped;

	private final Map<String, BigDecimal> measures = new HashMap<>();

	private Verification.Cursor cursor;

	private String after;

	/** Source keys checked so far by this partition (in the summary: read, and written as verified). */
	private long keys;

	VerifyPageReader(Verification verification, Verification.Scope scope, Collection<String> onlyKeys, int pageSize,
			boolean skipped) {
		this.verification = verification;
		this.scope = scope;
		this.onlyKeys = onlyKeys;
		this.pageSize = pageSize;
		this.skipped = skipped;
	}

	@Override
	public void open(ExecutionContext context) {
		this.after = context.containsKey(AFTER) ? context.getString(AFTER) : null;
		Object tally = context.get(MigrationTally.CONTEXT_KEY);
		this.keys = tally instanceof Map<?, ?> counts && counts.get(MigrationTally.READ) instanceof Number n
				? n.longValue() : 0;
		context.putLong(MigrationTally.READ_AT_OPEN_KEY, this.keys);
		addMeasures(context, this.measures);
		if (!this.skipped) {
			this.cursor = this.verification.open(this.scope, this.after, this.onlyKeys);
		}
	}

	/** Adds the measures a step context holds to {@code into}. */
	static void addMeasures(ExecutionContext context, Map<String, BigDecimal> into) {
		for (Map.Entry<String, Object> entry : context.entrySet()) {
			if (entry.getKey().startsWith(MEASURE)) {
				into.merge(entry.getKey().substring(MEASURE.length()), new BigDecimal(entry.getValue().toString()),
						BigDecimal::add);
			}
		}
	}

	@Override
	public Verification.Page read() {
		if (this.cursor == null) {
			return null;
		}
		Verification.Page page = this.cursor.next(this.pageSize);
		if (page == null) {
			return null;
		}
		this.after = page.lastKey();
		this.keys += page.keys().size();
		page.measures().forEach((key, value) -> this.measures.merge(key, value, BigDecimal::add));
		return page;
	}

	@Override
	public void update(ExecutionContext context) {
		if (this.after != null) {
			context.putString(AFTER, this.after);
		}
		this.measures.forEach((key, value) -> context.putString(MEASURE + key, value.toPlainString()));
		Map<String, Long> tally = new HashMap<>();
		tally.put(MigrationTally.READ, this.keys);
		tally.put(MigrationTally.WRITTEN, this.keys);
		context.put(MigrationTally.CONTEXT_KEY, tally);
	}

	@Override
	public void close() {
		if (this.cursor != null) {
			this.cursor.close();
			this.cursor = null;
		}
	}

}

package io.obmigrate.reporting;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.RunSummary;

/**
 * Copies each {@link KeyRange} into the OB 3.0 table, inside the chunk's transaction, in the mode
 * {@link ReportingCopyMode} picks: the in-database mode when it is available and faster, the chunk mode otherwise and
 * for the ranges the in-database mode declines. Both modes write the same rows, so a table may mix them and a restart
 * may resume in either. Keeps the summary's lines for the table in the step context: mode, pass-through and dropped
 * columns.
 */
public class ReportingRangeWriter implements ItemStreamWriter<KeyRange> {

	private final ReportingCopyMode mode;

	private final ChunkRangeCopy chunkCopy;

	private final InDatabaseRangeCopy inDatabaseCopy;

	private final MigrationTally tally;

	private final String source;

	private final ReportingTargetShape shape;

	private final String target;

	private final Runnable finish;

	private final boolean deferredKey;

	private final Map<String, Integer> widths;

	/**
	 * @param finish run by the table's end item: adds the primary key when it was deferred (and is still missing)
	 * @param deferredKey whether the table was created without its primary key, for the summary
	 */
	public ReportingRangeWriter(ReportingCopyMode mode, ChunkRangeCopy chunkCopy, InDatabaseRangeCopy inDatabaseCopy,
			MigrationTally tally, ReportingTargetShape shape, String target, Runnable finish, boolean deferredKey,
			Map<String, Integer> widths) {
		this.widths = widths;
		this.finish = finish;
		this.deferredKey = deferredKey;
		this.mode = mode;
		this.chunkCopy = chunkCopy;
		this.inDatabaseCopy = inDatabaseCopy;
		this.tally = tally;
		this.source = ReportingSchema.sourceOf(shape.rule());
		this.shape = shape;
		this.target = target;
	}

	@Override
	public void write(Chunk<? extends KeyRange> chunk) {
		for (KeyRange range : chunk) {
			if (range.isEnd()) {
				long finishing = System.nanoTime();
				this.finish.run();
				ReportingTimes.add(this.tally, ReportingTimes.PRIMARY_KEY, System.nanoTime() - finishing);
				continue;
			}
			this.tally.sourceRows(this.source, range.rows());
			CopyMode next = this.inDatabaseCopy == null ? CopyMode.CHUNK : this.mode.next();
			long started = System.nanoTime();
			boolean fallback = false;
			if (next == CopyMode.IN_DATABASE && !this.inDatabaseCopy.copy(range)) {
				next = CopyMode.CHUNK;
				fallback = true;
			}
			if (next == CopyMode.CHUNK) {
				long chunkStarted = System.nanoTime();
				int read = this.chunkCopy.copy(range);
				ReportingTimes.add(this.tally, ReportingTimes.CHUNK, System.nanoTime() - chunkStarted);
				if (read != range.rows()) {
					throw new IllegalStateException(this.source + " held " + range.rows() + " rows after " + range.after()
							+ " when its keys were read and " + read + " when they were copied: OB BI 2.0 is still"
							+ " writing. Stop it, then `obmigrate restart reporting`.");
				}
			}
			this.mode.record(next, range.rows(), System.nanoTime() - started, fallback);
		}
	}

	@Override
	public void update(ExecutionContext context) {
		context.put(RunSummary.DETAILS_KEY, details());
	}

	private LinkedHashMap<String, String> details() {
		LinkedHashMap<String, String> details = new LinkedHashMap<>();
		Map<String, Long> counts = this.tally.snapshot();
		details.put("target", this.target);
		details.put("mode", this.mode.describe(counts));
		String times = ReportingTimes.describe(counts);
		if (!times.isEmpty()) {
			details.put("time", times + " (the rest of the duration: transactions and checkpoints)");
		}
		details.put("pass-through", this.shape.passThrough().isEmpty() ? "none (no unknown columns)"
				: String.join(", ", this.shape.passThrough()) + " (not an OB 2.0 column, copied unchanged)");
		String widened = String.join(", ", this.widths.entrySet().stream()
			.filter(w -> w.getValue() > ReportingColumn.OB3_WIDTH && w.getValue() < Integer.MAX_VALUE)
			.map(w -> w.getKey() + " " + w.getValue())
			.toList());
		if (!widened.isEmpty()) {
			details.put("widened", widened + " characters (OB 3.0 declares 254; sized to the longest value in the"
					+ " source, so nothing is cut)");
		}
		if (this.deferredKey) {
			details.put("primary key", "(" + String.join(", ", this.shape.rule().key()) + ") added when the copy ended;"
					+ " rows were found by the index " + ReportingTargetShape.presenceIndex(this.shape.rule())
					+ " (MESSAGE_ID, ID) meanwhile, which stays");
		}
		if (!this.shape.dropped().isEmpty()) {
			details.put("dropped", String.join(", ", this.shape.dropped()) + " (not in OB 3.0; " + this.source
					+ " keeps them)");
		}
		return details;
	}

}

package io.obmigrate.reporting;

import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.TwoPointCheckpoint;

/**
 * Cuts one OB 2.0 raw-data table into {@link KeyRange}s of {@code rangeSize} rows, keyset on ({@code ID},
 * {@code TIMESTAMP}): one query of the next range's keys, no row data. The writer copies each range.
 *
 * <p>Checkpoint: a {@link TwoPointCheckpoint} on the end of the range; a restart re-reads at most one range, whose rows
 * the writer finds already written.
 */
public class ReportingRangeReader implements ItemStreamReader<KeyRange> {

	static final String SAFE_ID = "reporting.checkpoint.safe.id";

	static final String SAFE_TIMESTAMP = "reporting.checkpoint.safe.timestamp";

	private final String source;

	private final JdbcTemplate jdbc;

	private final Dialect dialect;

	private final MigrationTally tally;

	private final int rangeSize;

	private final TwoPointCheckpoint<KeyRange.Key> checkpoint;

	private KeyRange.Key last;

	private boolean exhausted;

	private boolean ended;

	public ReportingRangeReader(ReportingTableRule rule, JdbcTemplate jdbc, Dialect dialect, MigrationTally tally,
			int rangeSize) {
		this.source = ReportingSchema.sourceOf(rule);
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.tally = tally;
		this.rangeSize = Math.max(1, rangeSize);
		this.checkpoint = new TwoPointCheckpoint<>(new TwoPointCheckpoint.Codec<>() {
			@Override
			public void write(ExecutionContext context, KeyRange.Key key) {
				context.putString(SAFE_ID, key.id());
				context.putLong(SAFE_TIMESTAMP, key.timestamp());
			}

			@Override
			public KeyRange.Key read(ExecutionContext context) {
				return context.containsKey(SAFE_ID)
						? new KeyRange.Key(context.getString(SAFE_ID), context.getLong(SAFE_TIMESTAMP)) : null;
			}

			@Override
			public void clear(ExecutionContext context) {
				context.remove(SAFE_ID);
				context.remove(SAFE_TIMESTAMP);
			}
		}, tally);
	}

	@Override
	public void open(ExecutionContext context) {
		this.last = this.checkpoint.restore(context, null);
		context.putLong(MigrationTally.READ_AT_OPEN_KEY, this.tally.get(MigrationTally.READ));
		Long total = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.source, Long.class);
		context.putLong("obmigrate.total", total == null ? 0 : total);
	}

	@Override
	public void update(ExecutionContext context) {
		this.checkpoint.update(context, this.last);
	}

	@Override
	public KeyRange read() {
		if (this.exhausted) {
			return end();
		}
		long started = System.nanoTime();
		// the range's last key is the row rangeSize - 1 after the previous range: one row comes back, not the range's keys
		String after = this.last == null ? "" : " WHERE ID >= ? AND (ID > ? OR (ID = ? AND TIMESTAMP > ?))";
		Object[] arguments = this.last == null ? new Object[0]
				: new Object[] { this.last.id(), this.last.id(), this.last.id(), this.last.timestamp() };
		String keys = "SELECT ID, TIMESTAMP FROM " + this.source + " s" + after;
		List<KeyRange.Key> end = this.jdbc.query(this.dialect.rowAt(keys + " ORDER BY ID, TIMESTAMP", this.rangeSize - 1),
				(rs, n) -> key(rs), arguments);
		long rows = this.rangeSize;
		if (end.isEmpty()) {
			// the table's last, shorter range: how many rows are left, and the greatest key
			this.exhausted = true;
			Long left = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.source + " s" + after, Long.class,
					arguments);
			rows = left == null ? 0 : left;
			end = rows == 0 ? List.of() : this.jdbc.query(this.dialect.limit(keys + " ORDER BY ID DESC, TIMESTAMP DESC",
					1), (rs, n) -> key(rs), arguments);
		}
		ReportingTimes.add(this.tally, ReportingTimes.KEYS, System.nanoTime() - started);
		if (end.isEmpty()) {
			return end();
		}
		KeyRange range = new KeyRange(this.last, end.get(0), (int) rows);
		this.last = range.last();
		return range;
	}

	/** Once, after the last range: the item that finishes the table. */
	private KeyRange end() {
		if (this.ended) {
			return null;
		}
		this.ended = true;
		return KeyRange.end(this.last);
	}

	private static KeyRange.Key key(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new KeyRange.Key(rs.getString(1), rs.getLong(2));
	}

}

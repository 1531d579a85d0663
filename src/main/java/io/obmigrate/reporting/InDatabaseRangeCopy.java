package io.obmigrate.reporting;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

import io.obmigrate.core.ChunkReport;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.RowFaults;
import io.obmigrate.core.RowReport;

/**
 * The in-database mode: a range is copied by the database itself, one {@code INSERT … SELECT}
 * ({@link InDatabaseStatements}), after one counts query. Rows with a value longer than its column are left out of the
 * copy and quarantined, as in chunk mode. A range with several side rows for one ID (the side table has
 * no key) is declined and the caller copies it in chunk mode, which merges them.
 */
public class InDatabaseRangeCopy {

	/** The most rows to quarantine that a range's statement leaves out by key; more, and chunk mode copies it. */
	static final int MAX_SKIPPED = 500;

	private final InDatabaseStatements statements;

	private final JdbcTemplate jdbc;

	private final MigrationTally tally;

	private final boolean dryRun;

	/** Whether the target may hold rows of ranges not yet copied in this execution (a re-run, or a restart). */
	private final boolean targetHadRows;

	private final ChunkReport report;

	/** Whether no ID has two side rows (checked once for the table): then ranges skip that check. */
	private final boolean sideIdsUnique;

	public InDatabaseRangeCopy(InDatabaseStatements statements, JdbcTemplate jdbc, MigrationTally tally,
			ChunkReport report, boolean dryRun, boolean targetHadRows, boolean sideIdsUnique) {
		this.sideIdsUnique = sideIdsUnique;
		this.statements = statements;
		this.report = report;
		this.jdbc = jdbc;
		this.tally = tally;
		this.dryRun = dryRun;
		this.targetHadRows = targetHadRows;
	}

	/**
	 * Copies the range and returns true, or returns false having changed nothing when it must be copied in chunk mode
	 * (also when the target refuses a row of it: the chunk mode quarantines that row alone).
	 */
	public boolean copy(KeyRange range) {
		long started = System.nanoTime();
		String duplicates = this.sideIdsUnique ? null : this.statements.sideDuplicates(range);
		if (duplicates != null && this.jdbc.queryForObject(duplicates, Long.class,
				this.statements.sideDuplicatesArguments(range)) > 0) {
			return false;
		}
		// A target empty when the step opened holds none of this execution's ranges (this step is its single writer,
		// and a restart with something to replay finds rows). Otherwise (a re-run, a restart) every range is checked.
		boolean checkWritten = this.targetHadRows;
		Map<InDatabaseStatements.Count, Long> counts = counts(range, checkWritten);
		long counted = System.nanoTime();
		ReportingTimes.add(this.tally, ReportingTimes.COUNTS, counted - started);
		long rows = counts.get(InDatabaseStatements.Count.ROWS);
		long written = counts.get(InDatabaseStatements.Count.WRITTEN);
		long quarantined = counts.get(InDatabaseStatements.Count.TOO_LONG);
		if (quarantined > MAX_SKIPPED) {
			return false; // the statement would list too many keys to leave out
		}
		List<RowReport> tooLong = new java.util.ArrayList<>();
		List<KeyRange.Key> skipped = quarantined > 0 ? quarantine(range, checkWritten, quarantined, counts, tooLong)
				: List.of();
		long inserted = rows - written - quarantined;
		long inserting = System.nanoTime();
		if (!this.dryRun && inserted > 0) {
			int[] inserts = { 0 };
			// a row the target refuses fails the whole statement: the range is left to the chunk mode, which finds it
			if (!RowFaults.write(this.jdbc.getDataSource(), List.of(range),
					r -> inserts[0] = this.jdbc.update(this.statements.insert(range, checkWritten, skipped.size()),
							InDatabaseStatements.insertArguments(range, skipped)))
				.isEmpty()) {
				return false;
			}
			int done = inserts[0];
			if (done != inserted) {
				throw new IllegalStateException("The copy of " + this.statements.target() + " rows after "
						+ range.after() + " inserted " + done + " rows where " + inserted + " were expected: the OB 2.0"
						+ " table or the OB 3.0 table changed during the run. Stop OB BI 2.0 and anything writing to "
						+ this.statements.target() + ", then `obmigrate restart reporting`.");
			}
		}
		ReportingTimes.add(this.tally, ReportingTimes.INSERT, System.nanoTime() - inserting);
		tooLong.forEach(this.report::add);
		this.tally.add(MigrationTally.READ, rows);
		this.tally.add(MigrationTally.PRESENT, written);
		this.tally.add(MigrationTally.WRITTEN, inserted);
		this.tally.targetRows(this.statements.target(), inserted);
		notice(counts, InDatabaseStatements.Count.SIDE_ROW_MISSING, ReportingRule.NO_SIDE_ROW_OWN_VALUES_KEPT);
		notice(counts, InDatabaseStatements.Count.WITHOUT_INVOCATION, ReportingRule.NO_INVOCATION_MESSAGE_ID_KEPT);
		notice(counts, InDatabaseStatements.Count.NEGATIVE_LATENCY, ReportingRule.REQUEST_MEDIATION_LATENCY_NULL);
		notice(counts, InDatabaseStatements.Count.ADDRESS_CHOSEN, ReportingRule.DELIVERY_ADDRESS_CHOSEN);
		notice(counts, InDatabaseStatements.Count.COLUMN_WIDENED, ReportingRule.COLUMN_WIDENED);
		return true;
	}

	/**
	 * Quarantines the rows with a value longer than its column, as the chunk mode does, and takes their deviations off
	 * the counts (the chunk mode counts deviations only on the rows it writes).
	 */
	private List<KeyRange.Key> quarantine(KeyRange range, boolean checkWritten, long expected,
			Map<InDatabaseStatements.Count, Long> counts, List<RowReport> reports) {
		String table = this.statements.shape().rule().table();
		List<Map.Entry<String, Integer>> widths = List.copyOf(this.statements.widths().entrySet());
		List<InDatabaseStatements.Count> deviations = InDatabaseStatements.DEVIATIONS;
		List<KeyRange.Key> keys = new java.util.ArrayList<>();
		List<RowReport> rows = this.jdbc.query(this.statements.tooLong(range, checkWritten), (rs, n) -> {
			for (int i = 0; i < deviations.size(); i++) {
				counts.merge(deviations.get(i), -rs.getLong(3 + widths.size() + i), Long::sum);
			}
			keys.add(new KeyRange.Key(rs.getString(1), rs.getLong(2)));
			for (int i = 0; i < widths.size(); i++) {
				int length = rs.getInt(3 + i);
				if (length > widths.get(i).getValue()) {
					return ReportingProcessor.tooLong(table, rs.getString(1) + "@" + rs.getLong(2),
							widths.get(i).getKey(), length, widths.get(i).getValue());
				}
			}
			throw new IllegalStateException("no column of " + rs.getString(1) + " is too long");
		}, range.arguments());
		if (rows.size() != expected) {
			throw new IllegalStateException("The OB 2.0 rows of " + table + " changed during the run (" + rows.size()
					+ " rows to quarantine where " + expected + " were counted). Stop OB BI 2.0, then `obmigrate restart"
					+ " reporting`.");
		}
		reports.addAll(rows);
		return keys;
	}

	private void notice(Map<InDatabaseStatements.Count, Long> counts, InDatabaseStatements.Count count, ReportingRule rule) {
		this.tally.notice(rule, counts.get(count));
	}

	private Map<InDatabaseStatements.Count, Long> counts(KeyRange range, boolean checkWritten) {
		return this.jdbc.queryForObject(this.statements.counts(range, checkWritten), (rs, n) -> {
			Map<InDatabaseStatements.Count, Long> counts = new EnumMap<>(InDatabaseStatements.Count.class);
			for (InDatabaseStatements.Count count : InDatabaseStatements.Count.values()) {
				counts.put(count, rs.getLong(count.ordinal() + 1));
			}
			return counts;
		}, range.arguments());
	}

}

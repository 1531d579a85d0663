package io.obmigrate.reporting;

/**
 * A run of consecutive OB 2.0 rows in key order ({@code ID}, {@code TIMESTAMP}): after {@code after} (exclusive; null
 * at the table's start) up to {@code last} (inclusive), {@code rows} rows when it was read. The reporting job's unit
 * of work and of checkpoint: each range is copied in one transaction, by either mode.
 *
 * <p>The end of the table is an item too ({@link #end}, no rows): its chunk finishes the OB 3.0 table (adds a deferred
 * primary key), so a crash there is restarted like any other chunk.
 */
public record KeyRange(Key after, Key last, int rows) {

	/** The item after the table's last range. */
	public static KeyRange end(Key last) {
		return new KeyRange(last, last, 0);
	}

	public boolean isEnd() {
		return this.rows == 0;
	}

	/** A position in a raw-data table's key order. */
	public record Key(String id, long timestamp) {
	}

	/** The predicate of the range on a table aliased {@code s}, for SQL with {@link #arguments()}. */
	public String predicate() {
		String upper = "(s.ID < ? OR (s.ID = ? AND s.TIMESTAMP <= ?))";
		if (this.after == null) {
			return "s.ID <= ? AND " + upper;
		}
		// the BETWEEN bounds the index range; the OR forms are exact on (ID, TIMESTAMP)
		return "s.ID BETWEEN ? AND ? AND (s.ID > ? OR (s.ID = ? AND s.TIMESTAMP > ?)) AND " + upper;
	}

	public Object[] arguments() {
		if (this.after == null) {
			return new Object[] { this.last.id(), this.last.id(), this.last.id(), this.last.timestamp() };
		}
		return new Object[] { this.after.id(), this.last.id(), this.after.id(), this.after.id(), this.after.timestamp(),
				this.last.id(), this.last.id(), this.last.timestamp() };
	}

}

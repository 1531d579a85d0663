package io.obmigrate.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.DeterministicId;

/**
 * The in-database mode's SQL for one reporting table: the same OB 3.0 rows as {@link ReportingRowMapping}, computed by
 * the database in one {@code INSERT … SELECT} per {@link KeyRange}, and the range's counts query that runs first (the
 * rows, those already written, the deviations the report counts, the rows to quarantine, and the anomaly the chunk mode
 * must handle).
 * Every rule is the Java rule written in SQL: the name-based IDs ({@link ReportingIds}, MD5), the latency formulas and
 * guard ({@link LatencyRules}), {@code REQUEST_TIMESTAMP} as UTC text with three fraction digits whatever the session
 * zone, side values preferred with fall-back, and the delivery address, latest then greatest in code-point order.
 * Pure: the job test asserts both modes write identical tables.
 *
 * @param sourceColumns the live source columns, upper-cased
 * @param target the OB 3.0 table's name
 * @param findsRowsByMessageId whether rows already written are looked up by the presence index (MESSAGE_ID, ID) (the
 * primary key is deferred), else by ID
 * @param widths the string columns that may receive values longer than OB 3.0's 254 characters (their sources are
 * declared wider), with the width the OB 3.0 table has
 */
public record InDatabaseStatements(ReportingTargetShape shape, Set<String> sourceColumns, ReportingSources sides,
		Dialect dialect, String target, boolean messageIdAlways, boolean guardNegativeLatency,
		Map<String, Integer> widths, boolean findsRowsByMessageId) {

	/** The counts query's columns, in order. */
	public enum Count {

		ROWS, WRITTEN, SIDE_ROW_MISSING, WITHOUT_INVOCATION, NEGATIVE_LATENCY, ADDRESS_CHOSEN, COLUMN_WIDENED, TOO_LONG

	}

	/** The per-row deviations, in {@link Count} order, that {@link #tooLong} also returns for each row it finds. */
	static final List<Count> DEVIATIONS = List.of(Count.SIDE_ROW_MISSING, Count.WITHOUT_INVOCATION,
			Count.NEGATIVE_LATENCY, Count.ADDRESS_CHOSEN, Count.COLUMN_WIDENED);

	/** Why this table cannot be copied in the database on this dialect, or null when it can. */
	public String unsupported() {
		if (!this.dialect.computesInDatabase()) {
			return "written for MySQL/MariaDB, PostgreSQL and H2, not for " + this.dialect.folder();
		}
		return null;
	}

	private ReportingTableRule rule() {
		return this.shape.rule();
	}

	private String source() {
		return ReportingSchema.sourceOf(rule());
	}

	/**
	 * The counts of a range; with {@code checkWritten} false the target is known to hold none of its rows. The
	 * deviations are counted on the rows not yet written, quarantined ones included: {@link #tooLong} gives their own
	 * flags, to take off (the chunk mode counts deviations on the rows it writes).
	 */
	public String counts(KeyRange range, boolean checkWritten) {
		String fresh = checkWritten ? "NOT (" + writtenCondition() + ") AND " : "";
		List<String> flags = new ArrayList<>();
		flags.add(checkWritten ? writtenCondition() : "1 = 0");
		flags.addAll(deviations(fresh));
		flags.add(this.widths.isEmpty() ? "1 = 0" : fresh + tooLongCondition());
		StringBuilder sql = new StringBuilder("SELECT COUNT(*)");
		for (String flag : flags) {
			sql.append(", SUM(CASE WHEN ").append(flag).append(" THEN 1 ELSE 0 END)");
		}
		return sql.append(from(flags)).append(" WHERE ").append(range.predicate()).toString();
	}

	/** The per-row conditions of the counted deviations, in {@link Count} order from SIDE_ROW_MISSING. */
	private List<String> deviations(String fresh) {
		ReportingTableRule rule = rule();
		boolean usesSide = !rule.sideFilled().isEmpty();
		List<String> flags = new ArrayList<>();
		flags.add(!usesSide ? "1 = 0" : fresh + (this.sides.sideTable()
				? "NOT EXISTS (SELECT 1 FROM UK_ADDITIONAL_RAW_DATA u2 WHERE u2.ID = s.ID)" : "1 = 1"));
		flags.add(ReportingRowMapping.linksToInvocation(rule)
				? fresh + "NOT EXISTS (SELECT 1 FROM API_INVOCATION_RAW_DATA i WHERE i.ID = s.ID)" : "1 = 0");
		flags.add(rule == ReportingTableRule.API_LATENCY && this.guardNegativeLatency
				? fresh + "(" + col("BACKEND_REQ_START_TIME") + " IS NOT NULL AND " + col("REQUEST_EXQ_START_TIME")
						+ " IS NOT NULL AND (" + col("BACKEND_REQ_START_TIME") + " - " + col("REQUEST_EXQ_START_TIME")
						+ " < 0 OR " + col("BACKEND_REQ_START_TIME") + " <= 0 OR " + col("REQUEST_EXQ_START_TIME")
						+ " <= 0))"
				: "1 = 0");
		flags.add(payments() ? fresh + "(SELECT COUNT(*) FROM TransactionDeliveryAddress d WHERE d.consentId ="
				+ " s.CONSENT_ID) > 1" : "1 = 0");
		flags.add(this.widths.isEmpty() ? "1 = 0"
				: fresh + "(" + String.join(" OR ", this.widths.keySet().stream()
					.map(column -> longerThan(column, ReportingColumn.OB3_WIDTH)).toList()) + ")");
		return flags;
	}

	private boolean payments() {
		return rule() == ReportingTableRule.PAYMENTS && this.sides.addressTable();
	}

	/**
	 * Whether some ID of the range has several side rows (the side table has no key): one scan of the side table's ID
	 * index over the range's IDs; arguments {@link #sideDuplicatesArguments}. Null without a side table.
	 */
	public String sideDuplicates(KeyRange range) {
		if (!this.sides.sideTable()) {
			return null;
		}
		return "SELECT COUNT(*) FROM (SELECT u.ID FROM UK_ADDITIONAL_RAW_DATA u WHERE "
				+ (range.after() == null ? "u.ID <= ?" : "u.ID BETWEEN ? AND ?") + " GROUP BY u.ID HAVING COUNT(*) > 1) x";
	}

	public Object[] sideDuplicatesArguments(KeyRange range) {
		return range.after() == null ? new Object[] { range.last().id() }
				: new Object[] { range.after().id(), range.last().id() };
	}

	/**
	 * The range's copy; with {@code checkWritten} the rows the target already holds are skipped, and the
	 * {@code quarantined} rows (a value longer than its column, found by {@link #tooLong}) too: their keys
	 * follow the range's arguments, ID then TIMESTAMP each ({@link #insertArguments}).
	 */
	public String insert(KeyRange range, boolean checkWritten, int quarantined) {
		List<String> names = new ArrayList<>();
		List<String> values = new ArrayList<>();
		for (ReportingColumn column : this.shape.columns()) {
			names.add(column.upperName());
			values.add(value(column.upperName()));
		}
		StringBuilder sql = new StringBuilder("INSERT INTO ").append(this.target).append(" (")
			.append(String.join(", ", names))
			.append(") SELECT ")
			.append(String.join(", ", values))
			.append(from(values));
		sql.append(" WHERE ").append(range.predicate());
		if (checkWritten) {
			sql.append(" AND NOT (").append(writtenCondition()).append(")");
		}
		if (quarantined > 0) {
			sql.append(" AND NOT (")
				.append(String.join(" OR ", java.util.Collections.nCopies(quarantined, "(s.ID = ? AND s.TIMESTAMP = ?)")))
				.append(")");
		}
		return sql.toString();
	}

	/** The expression of one OB 3.0 column's value, over the source row {@code s} (and the side row {@code u}). */
	private String value(String name) {
		Map<String, String> copied = this.shape.copiedFrom();
		ReportingTableRule rule = rule();
		String value;
		if (name.equals("ID")) {
			value = idExpression();
		}
		else if (rule == ReportingTableRule.API_LATENCY) {
			value = latency(name);
		}
		else if (name.equals("MESSAGE_ID")) {
			value = this.messageIdAlways || rule == ReportingTableRule.API_INVOCATION ? "s.ID"
					: "CASE WHEN EXISTS (SELECT 1 FROM API_INVOCATION_RAW_DATA i WHERE i.ID = s.ID) THEN s.ID END";
		}
		else if (name.equals("DELIVERY_ADDRESS")) {
			value = this.sides.addressTable() ? deliveryAddress() : "NULL";
		}
		else if (rule.fillsFromSide(name)) {
			String own = copied.containsKey(name) ? col(copied.get(name)) : "NULL";
			value = this.sides.sideTable() && this.sides.sideColumns().containsKey(name)
					? (own.equals("NULL") ? "u." + name : "COALESCE(u." + name + ", " + own + ")") : own;
		}
		else {
			value = copied.containsKey(name) ? col(copied.get(name)) : "NULL";
		}
		return value;
	}

	/** The arguments of {@link #insert}: the range's, then each quarantined row's ID and TIMESTAMP. */
	public static Object[] insertArguments(KeyRange range, List<KeyRange.Key> quarantined) {
		List<Object> arguments = new ArrayList<>(List.of(range.arguments()));
		for (KeyRange.Key key : quarantined) {
			arguments.add(key.id());
			arguments.add(key.timestamp());
		}
		return arguments.toArray();
	}

	/**
	 * The range's rows to quarantine (not already written): ID, TIMESTAMP, the length of each column of {@link #widths}
	 * in its order, then the row's deviation flags (1/0) in {@link #DEVIATIONS} order.
	 */
	public String tooLong(KeyRange range, boolean checkWritten) {
		StringBuilder sql = new StringBuilder("SELECT s.ID, s.TIMESTAMP");
		for (String column : this.widths.keySet()) {
			sql.append(", ").append(length(column));
		}
		for (String flag : deviations("")) {
			sql.append(", CASE WHEN ").append(flag).append(" THEN 1 ELSE 0 END");
		}
		sql.append(from(this.widths.keySet().stream().map(this::value).toList())).append(" WHERE ")
			.append(range.predicate());
		if (checkWritten) {
			sql.append(" AND NOT (").append(writtenCondition()).append(")");
		}
		return sql.append(" AND ").append(tooLongCondition()).toString();
	}

	/** The source table, joined to its side row where one of the expressions reads it ({@code u.}). */
	private String from(List<String> expressions) {
		String from = " FROM " + source() + " s";
		if (this.sides.sideTable() && expressions.stream().anyMatch(v -> v.contains("u."))) {
			from += " LEFT JOIN UK_ADDITIONAL_RAW_DATA u ON u.ID = s.ID";
		}
		return from;
	}

	/** The length in characters of a column's value, as the copy computes it. */
	private String length(String column) {
		return "COALESCE(" + this.dialect.charLength(value(column)).get(0) + ", 0)";
	}

	/** Whether one of the {@link #widths} columns' value is longer than the OB 3.0 table's column. */
	private String tooLongCondition() {
		return "(" + String.join(" OR ", this.widths.entrySet().stream()
			.map(width -> longerThan(width.getKey(), width.getValue())).toList()) + ")";
	}

	/**
	 * Whether a column's value is longer than {@code width} characters. The delivery address is chosen by a sorted
	 * sub-query; the consent's longest address, an index lookup, rules out nearly every row before it runs.
	 */
	private String longerThan(String column, int width) {
		String longer = length(column) + " > " + width;
		if (column.equals("DELIVERY_ADDRESS") && this.sides.addressTable()) {
			return "(COALESCE((SELECT MAX(" + this.dialect.charLength("d.deliveryAddress").get(0) + ") FROM"
					+ " TransactionDeliveryAddress d WHERE d.consentId = s.CONSENT_ID), 0) > " + width + " AND " + longer
					+ ")";
		}
		return longer;
	}

	/** The source column, or NULL when the live table does not have it (the chunk mode reads it as null too). */
	private String col(String name) {
		return this.sourceColumns.contains(name) ? "s." + name : "NULL";
	}

	private String writtenCondition() {
		if (this.findsRowsByMessageId) {
			return "EXISTS (SELECT 1 FROM " + this.target + " t WHERE t.MESSAGE_ID = s.ID AND t.ID = " + idExpression()
					+ ")";
		}
		return rule().newIds() ? "EXISTS (SELECT 1 FROM " + this.target + " t WHERE t.ID = " + idExpression() + ")"
				: "EXISTS (SELECT 1 FROM " + this.target + " t WHERE t.ID = s.ID AND t.TIMESTAMP = s.TIMESTAMP)";
	}

	/** {@link ReportingIds#of} in SQL: the version 3 UUID of the namespace and the name, as lower-case text. */
	String idExpression() {
		if (!rule().newIds()) {
			return "s.ID";
		}
		String hash = md5Hex(concat(List.of("'" + ReportingIds.PREFIX + "'", separator(), "'" + rule().table() + "'",
				separator(), utf8(col("ID")), separator(), text(col("TIMESTAMP")))));
		String variant = "SUBSTRING('89ab89ab89ab89ab', POSITION(SUBSTRING(" + hash + ", 17, 1) IN '0123456789abcdef'), 1)";
		if (!this.dialect.overlayInserts()) {
			// the parts, each with the hash
			return concat(List.of(part(hash, 1, 8), "'-'", part(hash, 9, 4), "'-3'", part(hash, 14, 3), "'-'", variant,
					part(hash, 18, 3), "'-'", part(hash, 21, 12)));
		}
		// the hash is computed twice per row, not once per part: the variant digit, then the version digit and the
		// dashes put in place from the right (so the earlier positions stay)
		String uuid = place(place(hash, 17, 1, variant), 13, 1, "'3'");
		for (int position : new int[] { 21, 17, 13, 9 }) {
			uuid = place(uuid, position, 0, "'-'");
		}
		return uuid;
	}

	private static String part(String text, int from, int length) {
		return "SUBSTRING(" + text + ", " + from + ", " + length + ")";
	}

	private String place(String text, int position, int length, String with) {
		return this.dialect.overlay(text, position, length, with);
	}

	private String concat(List<String> parts) {
		return this.dialect.concat(parts);
	}

	private String separator() {
		return this.dialect.asciiChar(31);
	}

	private String utf8(String text) {
		return this.dialect.asUtf8(text);
	}

	private String text(String number) {
		return this.dialect.numberAsText(number);
	}

	/** MD5 of the namespace's 16 bytes then the name's UTF-8 bytes, as 32 lower-case hex digits. */
	private String md5Hex(String name) {
		return this.dialect.md5Hex(DeterministicId.namespaceHex(), name);
	}

	/** {@link LatencyRules#of} in SQL. */
	private String latency(String name) {
		String timestamp = col("TIMESTAMP");
		String start = col("REQUEST_EXQ_START_TIME");
		String backendStart = col("BACKEND_REQ_START_TIME");
		String backendEnd = col("BACKEND_REQ_END_TIME");
		return switch (name) {
			case "MESSAGE_ID" -> "s.ID";
			case "REQUEST_TIMESTAMP" -> utcText("CASE WHEN " + start + " > 0 THEN " + start + " WHEN " + timestamp
					+ " IS NOT NULL THEN " + timestamp + " * 1000 END");
			case "BACKEND_LATENCY" -> col("BACKEND_LATENCY");
			case "REQUEST_MEDIATION_LATENCY" -> "CASE WHEN " + backendStart + " IS NULL OR " + start + " IS NULL THEN NULL"
					+ (this.guardNegativeLatency ? " WHEN " + backendStart + " - " + start + " < 0 OR " + backendStart
							+ " <= 0 OR " + start + " <= 0 THEN NULL" : "")
					+ " ELSE " + backendStart + " - " + start + " END";
			case "RESPONSE_LATENCY" -> positiveSince(timestamp, start);
			case "RESPONSE_MEDIATION_LATENCY" -> positiveSince(timestamp, backendEnd);
			default -> throw new IllegalArgumentException("Not an API_LATENCY_RAW_DATA column: " + name);
		};
	}

	private static String positiveSince(String timestamp, String start) {
		return "CASE WHEN " + timestamp + " IS NULL OR " + start + " IS NULL OR " + start + " <= 0 THEN 0 WHEN "
				+ timestamp + " * 1000 - " + start + " > 0 THEN " + timestamp + " * 1000 - " + start + " ELSE 0 END";
	}

	/** Epoch milliseconds as {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}, computed without the session's time zone. */
	String utcText(String millis) {
		return this.dialect.epochMillisAsUtcText("(" + millis + ")");
	}

	/**
	 * {@link DeliveryAddressChoice}: the latest address of the consent (no time is oldest), then the greatest in
	 * code-point order (a binary collation), as one correlated sub-query on the consent's index.
	 */
	private String deliveryAddress() {
		String address = this.dialect.byCodePoint("d.deliveryAddress");
		// NULL sorts lowest, as in the Java rule: last in a descending order (PostgreSQL must be told)
		String nullsLast = this.dialect.nullsLastWhenDescending();
		String order = this.sides.addressOrder() == null ? ""
				: "d." + this.sides.addressOrder() + " DESC" + nullsLast + ", ";
		return "(SELECT d.deliveryAddress FROM TransactionDeliveryAddress d WHERE d.consentId = s.CONSENT_ID ORDER BY "
				+ order + address + " DESC" + nullsLast + " LIMIT 1)";
	}

}

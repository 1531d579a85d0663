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
 */
public record InDatabaseStatements(ReportingTargetShape shape, Set<String> sourceColumns, ReportingSources sides,
		Dialect dialect, String target, boolean messageIdAlways, boolean guardNegativeLatency, int addressLimit) {

	/** The dialects the in-database mode is written for. */
	public static final Set<Dialect> SUPPORTED = Set.of(Dialect.MYSQL, Dialect.POSTGRESQL, Dialect.H2);

	/** The counts query's columns, in order. */
	public enum Count {

		ROWS, WRITTEN, SIDE_ROW_DUPLICATED, SIDE_ROW_MISSING, WITHOUT_INVOCATION, NEGATIVE_LATENCY, ADDRESS_CHOSEN,
		ADDRESS_TOO_LONG

	}

	/** Why this table cannot be copied in the database on this dialect, or null when it can. */
	public String unsupported() {
		if (!SUPPORTED.contains(this.dialect)) {
			return "not written for " + this.dialect.folder() + " (MySQL/MariaDB, PostgreSQL and H2 only)";
		}
		return null;
	}

	private ReportingTableRule rule() {
		return this.shape.rule();
	}

	private String source() {
		return ReportingSchema.sourceOf(rule());
	}

	/** The counts of a range; with {@code checkWritten} false the target is known to hold none of its rows. */
	public String counts(KeyRange range, boolean checkWritten) {
		String written = checkWritten ? writtenCondition() : "1 = 0";
		ReportingTableRule rule = rule();
		boolean payments = rule == ReportingTableRule.PAYMENTS && this.sides.addressTable();
		// the deviations are counted on the rows written, as the chunk mode counts them: not those already written,
		// nor those quarantined
		String fresh = (checkWritten ? "NOT (" + writtenCondition() + ") AND " : "")
				+ (payments ? "NOT (" + addressTooLong() + ") AND " : "");
		boolean usesSide = this.shape.columns().stream()
			.anyMatch(c -> ReportingRowMapping.SIDE_COLUMNS.contains(c.upperName()));
		List<String> flags = new ArrayList<>();
		flags.add(written);
		flags.add(this.sides.sideTable()
				? "(SELECT COUNT(*) FROM UK_ADDITIONAL_RAW_DATA u2 WHERE u2.ID = s.ID) > 1" : "1 = 0");
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
		flags.add(payments ? fresh + "(SELECT COUNT(*) FROM TransactionDeliveryAddress d WHERE d.consentId = s.CONSENT_ID)"
				+ " > 1" : "1 = 0");
		flags.add(payments ? (checkWritten ? "NOT (" + writtenCondition() + ") AND " : "") + addressTooLong() : "1 = 0");
		StringBuilder sql = new StringBuilder("SELECT COUNT(*)");
		for (String flag : flags) {
			sql.append(", SUM(CASE WHEN ").append(flag).append(" THEN 1 ELSE 0 END)");
		}
		return sql.append(" FROM ").append(source()).append(" s WHERE ").append(range.predicate()).toString();
	}

	/** The range's copy; with {@code checkWritten} the rows the target already holds are skipped. */
	public String insert(KeyRange range, boolean checkWritten) {
		List<String> names = new ArrayList<>();
		List<String> values = new ArrayList<>();
		Map<String, String> copied = this.shape.copiedFrom();
		ReportingTableRule rule = rule();
		for (ReportingColumn column : this.shape.columns()) {
			String name = column.upperName();
			names.add(name);
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
			else if (ReportingRowMapping.SIDE_COLUMNS.contains(name)) {
				String own = copied.containsKey(name) ? col(copied.get(name)) : "NULL";
				value = this.sides.sideTable() && this.sides.sideColumns().containsKey(name)
						? (own.equals("NULL") ? "u." + name : "COALESCE(u." + name + ", " + own + ")") : own;
			}
			else {
				value = copied.containsKey(name) ? col(copied.get(name)) : "NULL";
			}
			values.add(value);
		}
		StringBuilder sql = new StringBuilder("INSERT INTO ").append(this.target).append(" (")
			.append(String.join(", ", names))
			.append(") SELECT ")
			.append(String.join(", ", values))
			.append(" FROM ")
			.append(source())
			.append(" s");
		if (this.sides.sideTable() && values.stream().anyMatch(v -> v.contains("u."))) {
			sql.append(" LEFT JOIN UK_ADDITIONAL_RAW_DATA u ON u.ID = s.ID");
		}
		sql.append(" WHERE ").append(range.predicate());
		if (checkWritten) {
			sql.append(" AND NOT (").append(writtenCondition()).append(")");
		}
		if (rule == ReportingTableRule.PAYMENTS && this.sides.addressTable()) {
			sql.append(" AND NOT (").append(addressTooLong()).append(")");
		}
		return sql.toString();
	}

	/** The range's rows to quarantine (not already written): ID, TIMESTAMP and the delivery address's length. */
	public String tooLong(KeyRange range, boolean checkWritten) {
		return "SELECT s.ID, s.TIMESTAMP, CHAR_LENGTH(" + deliveryAddress() + ") FROM " + source() + " s WHERE "
				+ range.predicate() + (checkWritten ? " AND NOT (" + writtenCondition() + ")" : "") + " AND "
				+ addressTooLong();
	}

	private String addressTooLong() {
		return "COALESCE(CHAR_LENGTH(" + deliveryAddress() + "), 0) > " + this.addressLimit;
	}

	/** The source column, or NULL when the live table does not have it (the chunk mode reads it as null too). */
	private String col(String name) {
		return this.sourceColumns.contains(name) ? "s." + name : "NULL";
	}

	private String writtenCondition() {
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
		return concat(List.of(part(hash, 1, 8), "'-'", part(hash, 9, 4), "'-3'", part(hash, 14, 3), "'-'", variant,
				part(hash, 18, 3), "'-'", part(hash, 21, 12)));
	}

	private static String part(String text, int from, int length) {
		return "SUBSTRING(" + text + ", " + from + ", " + length + ")";
	}

	private String concat(List<String> parts) {
		return this.dialect == Dialect.MYSQL ? "CONCAT(" + String.join(", ", parts) + ")"
				: "(" + String.join(" || ", parts) + ")";
	}

	private String separator() {
		return switch (this.dialect) {
			case MYSQL -> "CHAR(31 USING utf8mb4)";
			case POSTGRESQL -> "CHR(31)";
			default -> "CHAR(31)";
		};
	}

	private String utf8(String text) {
		return this.dialect == Dialect.MYSQL ? "CONVERT(" + text + " USING utf8mb4)" : text;
	}

	private String text(String number) {
		return this.dialect == Dialect.MYSQL ? "CAST(" + number + " AS CHAR)" : "CAST(" + number + " AS VARCHAR)";
	}

	/** MD5 of the namespace's 16 bytes then the name's UTF-8 bytes, as 32 lower-case hex digits. */
	private String md5Hex(String name) {
		String namespace = DeterministicId.namespaceHex();
		return switch (this.dialect) {
			case MYSQL -> "MD5(CONCAT(UNHEX('" + namespace + "'), CONVERT(" + name + " USING utf8mb4)))";
			case POSTGRESQL -> "MD5(DECODE('" + namespace + "', 'hex') || CONVERT_TO(" + name + ", 'UTF8'))";
			default -> "LOWER(RAWTOHEX(HASH('MD5', X'" + namespace + "' || STRINGTOUTF8(" + name + "))))";
		};
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
	private String utcText(String millis) {
		String ms = "(" + millis + ")";
		return switch (this.dialect) {
			case MYSQL -> "CONCAT(DATE_FORMAT(TIMESTAMP'1970-01-01 00:00:00' + INTERVAL FLOOR(" + ms + " / 1000) SECOND,"
					+ " '%Y-%m-%dT%H:%i:%s'), '.', LPAD(CAST(" + ms + " - FLOOR(" + ms + " / 1000) * 1000 AS CHAR), 3, '0'),"
					+ " 'Z')";
			case POSTGRESQL -> "TO_CHAR(TIMESTAMP '1970-01-01 00:00:00' + " + ms + " * INTERVAL '1 millisecond',"
					+ " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
			default -> "FORMATDATETIME(DATEADD(MILLISECOND, " + ms + ", TIMESTAMP '1970-01-01 00:00:00'),"
					+ " 'yyyy-MM-dd''T''HH:mm:ss.SSS''Z''')";
		};
	}

	/** {@link DeliveryAddressChoice}: the latest address of the consent (no time is oldest), then the greatest. */
	private String deliveryAddress() {
		String address = switch (this.dialect) {
			case MYSQL -> "CONVERT(d.deliveryAddress USING utf8mb4) COLLATE utf8mb4_bin";
			case POSTGRESQL -> "d.deliveryAddress COLLATE \"C\"";
			default -> "d.deliveryAddress";
		};
		String where = "d.consentId = s.CONSENT_ID";
		if (this.sides.addressOrder() != null) {
			String order = this.sides.addressOrder();
			String none = "-9223372036854775807";
			where += " AND COALESCE(d." + order + ", " + none + ") = (SELECT COALESCE(MAX(d2." + order + "), " + none
					+ ") FROM TransactionDeliveryAddress d2 WHERE d2.consentId = s.CONSENT_ID)";
		}
		return "(SELECT MAX(" + address + ") FROM TransactionDeliveryAddress d WHERE " + where + ")";
	}

}

package io.obmigrate.reporting;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.SqlText;

/**
 * The chunk mode's reading of one {@link KeyRange}: the OB 2.0 rows a page at a time (at most 900, so IN lists stay
 * under Oracle's 1,000), and for the whole page one query per side table: {@code UK_ADDITIONAL_RAW_DATA} by ID, the
 * invocation IDs, the delivery addresses by consent, and which rows the OB 3.0 table already holds, so a re-run or a
 * replayed range writes nothing twice.
 */
public class ReportingRowLoader {

	static final int PAGE = 900;

	private final ReportingTableRule rule;

	private final String source;

	private final String target;

	private final JdbcTemplate sourceJdbc;

	private final JdbcTemplate targetJdbc;

	private final Dialect dialect;

	private final ReportingSources sides;

	private final boolean findsRowsByMessageId;

	/**
	 * @param target the OB 3.0 table, or null when it does not exist (a dry run): then nothing counts as written
	 * @param findsRowsByMessageId look the written rows up by MESSAGE_ID (the old ID; the presence index while the
	 * primary key is deferred), else by ID
	 */
	public ReportingRowLoader(ReportingTableRule rule, String target, JdbcTemplate sourceJdbc, JdbcTemplate targetJdbc,
			Dialect dialect, ReportingSources sides, boolean findsRowsByMessageId) {
		this.findsRowsByMessageId = findsRowsByMessageId;
		this.rule = rule;
		this.source = ReportingSchema.sourceOf(rule);
		this.target = target;
		this.sourceJdbc = sourceJdbc;
		this.targetJdbc = targetJdbc;
		this.dialect = dialect;
		this.sides = sides;
	}

	/** Every row of the range, in key order, with its side values. */
	public List<ReportingItem> load(KeyRange range) {
		List<ReportingItem> items = new ArrayList<>(range.rows());
		KeyRange.Key after = range.after();
		while (true) {
			KeyRange page = new KeyRange(after, range.last(), 0);
			List<Map<String, Object>> rows = this.sourceJdbc.query(this.dialect.limit("SELECT * FROM " + this.source
					+ " s WHERE " + page.predicate() + " ORDER BY ID, TIMESTAMP", PAGE), (rs, n) -> row(rs),
					page.arguments());
			items.addAll(items(rows));
			if (rows.size() < PAGE) {
				return items;
			}
			Map<String, Object> last = rows.get(rows.size() - 1);
			after = new KeyRange.Key(String.valueOf(last.get("ID")), ReportingRowMapping.toLong(last.get("TIMESTAMP")));
		}
	}

	private List<ReportingItem> items(List<Map<String, Object>> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		Set<String> ids = new LinkedHashSet<>();
		Set<String> consents = new LinkedHashSet<>();
		Map<String, Map<String, Object>> byNewId = new LinkedHashMap<>();
		for (Map<String, Object> row : rows) {
			ids.add(String.valueOf(row.get("ID")));
			if (row.get("CONSENT_ID") != null) {
				consents.add(String.valueOf(row.get("CONSENT_ID")));
			}
			byNewId.put(newId(row), row);
		}
		Map<String, Map<String, Object>> side = this.sides.sideTable() ? sideRows(ids) : Map.of();
		Set<String> invocations = ReportingRowMapping.linksToInvocation(this.rule)
				? existing(this.sourceJdbc, "API_INVOCATION_RAW_DATA", ids) : Set.of();
		Map<String, List<DeliveryAddressChoice.Candidate>> addresses = this.rule == ReportingTableRule.PAYMENTS
				&& this.sides.addressTable() ? addresses(consents) : Map.of();
		Set<String> written = this.target == null ? Set.of()
				: this.findsRowsByMessageId ? writtenByMessageId(ids) : written(byNewId.keySet());
		List<ReportingItem> items = new ArrayList<>(rows.size());
		for (Map.Entry<String, Map<String, Object>> entry : byNewId.entrySet()) {
			Map<String, Object> row = entry.getValue();
			String id = String.valueOf(row.get("ID"));
			DeliveryAddressChoice.Choice address = this.rule == ReportingTableRule.PAYMENTS
					? DeliveryAddressChoice.choose(addresses.getOrDefault(String.valueOf(row.get("CONSENT_ID")), List.of()))
					: null;
			items.add(new ReportingItem(new ReportingRowMapping.Source(row, side.get(id), invocations.contains(id),
					address), written.contains(entry.getKey())));
		}
		return items;
	}

	/**
	 * The row's key in the OB 3.0 table: its new ID (unique by construction: it includes the timestamp), or, where IDs
	 * are kept, ID and TIMESTAMP (the same ID at two timestamps is two rows).
	 */
	private String newId(Map<String, Object> row) {
		String id = String.valueOf(row.get("ID"));
		Long timestamp = ReportingRowMapping.toLong(row.get("TIMESTAMP"));
		return this.rule.newIds() ? ReportingIds.of(this.rule.table(), id, timestamp) : id + '\u001f' + timestamp;
	}

	private static Map<String, Object> row(ResultSet rs) throws SQLException {
		ResultSetMetaData meta = rs.getMetaData();
		Map<String, Object> row = new HashMap<>();
		for (int i = 1; i <= meta.getColumnCount(); i++) {
			row.put(meta.getColumnLabel(i).toUpperCase(Locale.ROOT), rs.getObject(i));
		}
		return row;
	}

	/**
	 * The side row of each ID. Several rows for one ID (the table has no key) are merged deterministically, the
	 * greatest value per column, as the in-database mode's range check leaves such ranges to this mode.
	 */
	private Map<String, Map<String, Object>> sideRows(Collection<String> ids) {
		Map<String, Map<String, Object>> side = new HashMap<>();
		this.sourceJdbc.query("SELECT * FROM UK_ADDITIONAL_RAW_DATA WHERE ID IN (" + SqlText.placeholders(ids.size())
				+ ")", rs -> {
					Map<String, Object> row = row(rs);
					side.merge(String.valueOf(row.get("ID")), row, ReportingRowLoader::greatest);
				}, ids.toArray());
		return side;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Map<String, Object> greatest(Map<String, Object> a, Map<String, Object> b) {
		Map<String, Object> merged = new HashMap<>(a);
		b.forEach((column, value) -> merged.merge(column, value, (x, y) -> x instanceof Comparable c
				&& x.getClass() == y.getClass() ? (c.compareTo(y) >= 0 ? x : y) : x));
		return merged;
	}

	private static Set<String> existing(JdbcTemplate jdbc, String table, Collection<String> keys) {
		if (keys.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.queryForList("SELECT ID FROM " + table + " WHERE ID IN ("
				+ SqlText.placeholders(keys.size()) + ")", String.class, keys.toArray()));
	}

	private Set<String> written(Collection<String> keys) {
		if (this.rule.newIds()) {
			return existing(this.targetJdbc, this.target, keys);
		}
		List<String> ids = keys.stream().map(key -> key.substring(0, key.lastIndexOf('\u001f'))).distinct().toList();
		Set<String> written = new HashSet<>();
		this.targetJdbc.query("SELECT ID, TIMESTAMP FROM " + this.target + " WHERE ID IN ("
				+ SqlText.placeholders(ids.size()) + ")", rs -> {
					written.add(rs.getString(1) + '\u001f' + rs.getLong(2));
				}, ids.toArray());
		return written;
	}

	/** The new IDs the target holds for these old IDs (new IDs are unique: the written set is the same as by ID). */
	private Set<String> writtenByMessageId(Collection<String> oldIds) {
		return new HashSet<>(this.targetJdbc.queryForList("SELECT ID FROM " + this.target + " WHERE MESSAGE_ID IN ("
				+ SqlText.placeholders(oldIds.size()) + ")", String.class, oldIds.toArray()));
	}

	private Map<String, List<DeliveryAddressChoice.Candidate>> addresses(Collection<String> consents) {
		if (consents.isEmpty()) {
			return Map.of();
		}
		Map<String, List<DeliveryAddressChoice.Candidate>> byConsent = new HashMap<>();
		String order = this.sides.addressOrder();
		this.sourceJdbc.query("SELECT consentId, deliveryAddress, " + (order == null ? "NULL" : order)
				+ " FROM TransactionDeliveryAddress WHERE consentId IN (" + SqlText.placeholders(consents.size()) + ")",
				rs -> {
					Object value = rs.getObject(3);
					byConsent.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
						.add(new DeliveryAddressChoice.Candidate(rs.getString(2), ReportingRowMapping.toLong(value)));
				}, consents.toArray());
		return byConsent;
	}

}

package io.obmigrate.reporting;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.SqlText;
import io.obmigrate.core.TwoPointCheckpoint;

/**
 * Reads one OB 2.0 raw-data table a page at a time, keyset on ({@code ID}, {@code TIMESTAMP}) (atlas F.5 #9), and for
 * the whole page one query per side table: {@code UK_ADDITIONAL_RAW_DATA} by ID, the invocation IDs, the delivery
 * addresses by consent, and which rows the OB 3.0 table already holds (their deterministic IDs), so a re-run writes
 * nothing twice.
 *
 * <p>Checkpoint: a {@link TwoPointCheckpoint} on ({@code ID}, {@code TIMESTAMP}); a restart re-reads at most one chunk
 * and finds its rows already written.
 */
public class ReportingPageReader implements ItemStreamReader<ReportingItem> {

	static final String SAFE_ID = "reporting.checkpoint.safe.id";

	static final String SAFE_TIMESTAMP = "reporting.checkpoint.safe.timestamp";

	private final ReportingTableRule rule;

	private final String source;

	private final String target;

	private final JdbcTemplate jdbc;

	private final Dialect dialect;

	private final MigrationTally tally;

	private final int pageSize;

	private final boolean sideTable;

	private final boolean addressTable;

	/** The ordering column of {@code TransactionDeliveryAddress} (its time), or null when it has none. */
	private final String addressOrder;

	/** Whether the OB 3.0 table exists (not in a dry run): only then is it asked which rows it already holds. */
	private final boolean targetExists;

	private final Deque<ReportingItem> page = new ArrayDeque<>();

	private Key lastReturned;

	private Key lastPage;

	private boolean exhausted;

	private final TwoPointCheckpoint<Key> checkpoint;

	private record Key(String id, long timestamp) {
	}

	public ReportingPageReader(ReportingTableRule rule, JdbcTemplate jdbc, Dialect dialect, MigrationTally tally,
			int pageSize, boolean sideTable, boolean addressTable, String addressOrder, boolean targetExists) {
		this.rule = rule;
		this.source = ReportingSchema.sourceOf(rule);
		this.target = rule.table() + ReportingSchema.SUFFIX;
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.tally = tally;
		this.checkpoint = new TwoPointCheckpoint<>(new TwoPointCheckpoint.Codec<>() {
			@Override
			public void write(ExecutionContext context, Key key) {
				context.putString(SAFE_ID, key.id());
				context.putLong(SAFE_TIMESTAMP, key.timestamp());
			}

			@Override
			public Key read(ExecutionContext context) {
				return context.containsKey(SAFE_ID) ? new Key(context.getString(SAFE_ID), context.getLong(SAFE_TIMESTAMP))
						: null;
			}

			@Override
			public void clear(ExecutionContext context) {
				context.remove(SAFE_ID);
				context.remove(SAFE_TIMESTAMP);
			}
		}, tally);
		// IN lists stay under Oracle's 1,000 expressions
		this.pageSize = Math.max(1, Math.min(pageSize, 900));
		this.sideTable = sideTable;
		this.addressTable = addressTable;
		this.addressOrder = addressOrder;
		this.targetExists = targetExists;
	}

	@Override
	public void open(ExecutionContext context) {
		this.lastReturned = this.checkpoint.restore(context, null);
		this.lastPage = this.lastReturned;
		Long total = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + this.source, Long.class);
		context.putLong("obmigrate.total", total == null ? 0 : total);
	}

	@Override
	public void update(ExecutionContext context) {
		this.checkpoint.update(context, this.lastReturned);
	}

	@Override
	public void close() {
		this.page.clear();
	}

	@Override
	public ReportingItem read() {
		if (this.page.isEmpty() && !this.exhausted) {
			loadPage();
		}
		ReportingItem next = this.page.poll();
		if (next != null) {
			Map<String, Object> row = next.source().row();
			this.lastReturned = new Key(String.valueOf(row.get("ID")), ReportingRowMapping.toLong(row.get("TIMESTAMP")));
		}
		return next;
	}

	private void loadPage() {
		String select = "SELECT * FROM " + this.source;
		String order = " ORDER BY ID, TIMESTAMP";
		List<Map<String, Object>> rows = this.lastPage == null
				? this.jdbc.query(this.dialect.limit(select + order, this.pageSize), (rs, n) -> row(rs))
				: this.jdbc.query(this.dialect.limit(select + " WHERE ID > ? OR (ID = ? AND TIMESTAMP > ?)" + order,
						this.pageSize), (rs, n) -> row(rs), this.lastPage.id(), this.lastPage.id(),
						this.lastPage.timestamp());
		if (rows.size() < this.pageSize) {
			this.exhausted = true;
		}
		if (rows.isEmpty()) {
			return;
		}
		Map<String, Object> last = rows.get(rows.size() - 1);
		this.lastPage = new Key(String.valueOf(last.get("ID")), ReportingRowMapping.toLong(last.get("TIMESTAMP")));
		this.tally.sourceRows(this.source, rows.size());

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
		Map<String, Map<String, Object>> side = this.sideTable ? sideRows(ids) : Map.of();
		Set<String> invocations = needsInvocations() ? existing("API_INVOCATION_RAW_DATA", "ID", ids) : Set.of();
		Map<String, List<DeliveryAddressChoice.Candidate>> addresses = this.rule == ReportingTableRule.PAYMENTS
				&& this.addressTable ? addresses(consents) : Map.of();
		Set<String> written = this.targetExists ? existing(this.target, "ID", byNewId.keySet()) : Set.of();
		for (Map.Entry<String, Map<String, Object>> entry : byNewId.entrySet()) {
			Map<String, Object> row = entry.getValue();
			String id = String.valueOf(row.get("ID"));
			DeliveryAddressChoice.Choice address = this.rule == ReportingTableRule.PAYMENTS
					? DeliveryAddressChoice.choose(addresses.getOrDefault(String.valueOf(row.get("CONSENT_ID")), List.of()),
							254)
					: null;
			this.page.add(new ReportingItem(new ReportingRowMapping.Source(row, side.get(id),
					invocations.contains(id), address), written.contains(entry.getKey())));
		}
	}

	private String newId(Map<String, Object> row) {
		return this.rule.newIds() ? ReportingIds.of(this.rule.table(), String.valueOf(row.get("ID")),
				ReportingRowMapping.toLong(row.get("TIMESTAMP"))) : String.valueOf(row.get("ID"));
	}

	private boolean needsInvocations() {
		return ReportingRowMapping.linksToInvocation(this.rule);
	}

	private static Map<String, Object> row(ResultSet rs) throws SQLException {
		ResultSetMetaData meta = rs.getMetaData();
		Map<String, Object> row = new HashMap<>();
		for (int i = 1; i <= meta.getColumnCount(); i++) {
			row.put(meta.getColumnLabel(i).toUpperCase(Locale.ROOT), rs.getObject(i));
		}
		return row;
	}

	private Map<String, Map<String, Object>> sideRows(Collection<String> ids) {
		Map<String, Map<String, Object>> side = new HashMap<>();
		this.jdbc.query("SELECT * FROM UK_ADDITIONAL_RAW_DATA WHERE ID IN (" + SqlText.placeholders(ids.size()) + ")", rs -> {
			Map<String, Object> row = row(rs);
			side.putIfAbsent(String.valueOf(row.get("ID")), row);
		}, ids.toArray());
		return side;
	}

	private Set<String> existing(String table, String column, Collection<String> keys) {
		if (keys.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc.queryForList("SELECT " + column + " FROM " + table + " WHERE " + column + " IN ("
				+ SqlText.placeholders(keys.size()) + ")", String.class, keys.toArray()));
	}

	private Map<String, List<DeliveryAddressChoice.Candidate>> addresses(Collection<String> consents) {
		if (consents.isEmpty()) {
			return Map.of();
		}
		Map<String, List<DeliveryAddressChoice.Candidate>> byConsent = new HashMap<>();
		this.jdbc.query("SELECT consentId, deliveryAddress, " + (this.addressOrder == null ? "NULL" : this.addressOrder)
				+ " FROM TransactionDeliveryAddress WHERE consentId IN (" + SqlText.placeholders(consents.size()) + ")", rs -> {
					Object order = rs.getObject(3);
					byConsent.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
						.add(new DeliveryAddressChoice.Candidate(rs.getString(2), ReportingRowMapping.toLong(order)));
				}, consents.toArray());
		return byConsent;
	}


}

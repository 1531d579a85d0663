package io.obmigrate.reporting;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.ChunkReport;
import io.obmigrate.core.Dialect;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.RowComparison;
import io.obmigrate.core.RowComparison.Row;
import io.obmigrate.core.RowReport;
import io.obmigrate.core.RowReportRepository;
import io.obmigrate.core.SqlText;
import io.obmigrate.core.TableInspector;
import io.obmigrate.core.Verification;
import io.obmigrate.core.VerifyFailure;

/**
 * Verifies the reporting job: each OB 2.0 raw-data row is read with the job's own loader and mapped with the job's own
 * processor, and the OB 3.0 table is compared with the result a page of keys at a time: the page's expected and found
 * rows are hashed, and only a page whose hashes differ is compared row by row and column by column. Per table, the
 * pages also add up null counts and sums of numeric columns on both sides, and the row counts are compared at the end
 * (which finds rows the target holds beyond the source's).
 */
class ReportingVerification implements Verification {

	private static final String JOB = ReportingJobConfiguration.JOB_NAME;

	private final ReportingSchema schema;

	private final ReportingJobProperties properties;

	private final ObmigrateDataSources dataSources;

	private final RowReportRepository quarantine;

	ReportingVerification(ReportingSchema schema, ReportingJobProperties properties, ObmigrateDataSources dataSources,
			RowReportRepository quarantine) {
		this.schema = schema;
		this.properties = properties;
		this.dataSources = dataSources;
		this.quarantine = quarantine;
	}

	@Override
	public String job() {
		return JOB;
	}

	@Override
	public List<String> tables() {
		return ReportingTableRule.ALL.stream().map(this.schema::targetName).toList();
	}

	@Override
	public Map<String, String> notVerifiable() {
		Map<String, String> reasons = new LinkedHashMap<>();
		for (ReportingTableRule rule : ReportingTableRule.ALL) {
			String target = this.schema.targetName(rule);
			if (this.schema.columns(ReportingSchema.sourceOf(rule)).isEmpty()) {
				reasons.put(target, "its OB 2.0 table " + ReportingSchema.sourceOf(rule) + " does not exist");
			}
			else if (this.schema.targetColumns(target).isEmpty()) {
				reasons.put(target, "the OB 3.0 table does not exist (not migrated yet, or renamed by reporting-cutover:"
						+ " verify before the cut-over)");
			}
		}
		return reasons;
	}

	@Override
	public List<Scope> scopes(int partitions) {
		Map<String, String> missing = notVerifiable();
		return ReportingTableRule.ALL.stream()
			.filter(rule -> !missing.containsKey(this.schema.targetName(rule)))
			.map(rule -> new Scope(rule.table(), null, null))
			.toList();
	}

	@Override
	public Cursor open(Scope scope, String after, Collection<String> onlyKeys) {
		ReportingTableRule rule = ReportingTableRule.ALL.stream()
			.filter(r -> r.table().equals(scope.name()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Not a reporting scope: " + scope.name()));
		return new TableCursor(rule, after, onlyKeys);
	}

	/** Collects what the job's processor reports, instead of storing it. */
	private static final class Collected extends ChunkReport {

		final List<RowReport> rows = new ArrayList<>();

		Collected() {
			super(null, null, new MigrationTally(), null);
		}

		@Override
		public synchronized void add(RowReport row) {
			this.rows.add(row);
		}

	}

	private final class TableCursor implements Cursor {

		private final ReportingTableRule rule;

		private final String source;

		private final String target;

		private final JdbcTemplate sourceJdbc;

		private final JdbcTemplate targetJdbc;

		private final Dialect dialect;

		private final ReportingRowLoader loader;

		private final ReportingProcessor processor;

		private final Collected collected = new Collected();

		private final List<String> names;

		private final Set<String> numeric = new HashSet<>();

		private final List<String> only;

		private KeyRange.Key after;

		TableCursor(ReportingTableRule rule, String after, Collection<String> onlyKeys) {
			ReportingSchema schema = ReportingVerification.this.schema;
			this.rule = rule;
			this.source = ReportingSchema.sourceOf(rule);
			this.target = schema.targetName(rule);
			this.sourceJdbc = new JdbcTemplate(ReportingVerification.this.dataSources.get(ObmigrateDataSources.Name.REPORTING));
			this.targetJdbc = new JdbcTemplate(
					ReportingVerification.this.dataSources.get(ObmigrateDataSources.Name.REPORTING_TARGET));
			this.dialect = schema.dialect();
			ReportingTargetShape shape = schema.shape(rule);
			Map<String, TableInspector.Column> targetColumns = schema.targetColumns(this.target);
			this.loader = new ReportingRowLoader(rule, null, this.sourceJdbc, this.targetJdbc, this.dialect,
					ReportingSources.of(schema), false);
			this.names = shape.columns().stream().map(ReportingColumn::upperName).toList();
			Map<String, Integer> widths = ReportingJobConfiguration.widths(schema, rule, targetColumns);
			this.processor = new ReportingProcessor(new ReportingRowMapping(shape,
					ReportingVerification.this.properties.isMessageIdAlways(),
					new LatencyRules(ReportingVerification.this.properties.isGuardNegativeLatency())),
					new MigrationTally(), this.collected, widths.entrySet()
						.stream()
						.map(width -> new ReportingProcessor.WidthLimit(this.names.indexOf(width.getKey()),
								width.getKey(), width.getValue()))
						.toList());
			for (Map.Entry<String, TableInspector.Column> column : targetColumns.entrySet()) {
				int type = column.getValue().jdbcType();
				if (type == java.sql.Types.BIGINT || type == java.sql.Types.INTEGER || type == java.sql.Types.SMALLINT
						|| type == java.sql.Types.DECIMAL || type == java.sql.Types.NUMERIC
						|| type == java.sql.Types.DOUBLE || type == java.sql.Types.FLOAT || type == java.sql.Types.REAL) {
					this.numeric.add(column.getKey().toUpperCase(java.util.Locale.ROOT));
				}
			}
			this.after = after == null ? null : decode(after);
			this.only = onlyKeys == null ? null
					: onlyKeys.stream().filter(k -> k.lastIndexOf('@') > 0).sorted().toList();
		}

		@Override
		public Page next(int pageSize) {
			List<KeyRange> ranges = new ArrayList<>();
			if (this.only != null) {
				// each failed key is a range of one row: after (ID, TIMESTAMP - 1) up to (ID, TIMESTAMP)
				int start = this.after == null ? 0 : this.only.indexOf(encode(this.after)) + 1;
				for (String key : this.only.subList(Math.min(start, this.only.size()),
						Math.min(this.only.size(), start + pageSize))) {
					KeyRange.Key last = decode(key);
					ranges.add(new KeyRange(new KeyRange.Key(last.id(), last.timestamp() - 1), last, 1));
				}
				if (ranges.isEmpty()) {
					return null;
				}
				this.after = ranges.get(ranges.size() - 1).last();
			}
			else {
				KeyRange page = new KeyRange(this.after, new KeyRange.Key("\uffff", Long.MAX_VALUE), 0);
				String predicate = this.after == null ? "1 = 1"
						: "(s.ID > ? OR (s.ID = ? AND s.TIMESTAMP > ?))";
				Object[] args = this.after == null ? new Object[0]
						: new Object[] { this.after.id(), this.after.id(), this.after.timestamp() };
				List<KeyRange.Key> keys = this.sourceJdbc.query(this.dialect.limit("SELECT s.ID, s.TIMESTAMP FROM "
						+ this.source + " s WHERE " + predicate + " ORDER BY s.ID, s.TIMESTAMP", pageSize),
						(rs, n) -> new KeyRange.Key(rs.getString(1), rs.getLong(2)), args);
				if (keys.isEmpty()) {
					return null;
				}
				ranges.add(new KeyRange(page.after(), keys.get(keys.size() - 1), keys.size()));
				this.after = keys.get(keys.size() - 1);
			}
			List<ReportingItem> items = new ArrayList<>();
			for (KeyRange range : ranges) {
				items.addAll(this.loader.load(range));
			}
			return verify(items);
		}

		private Page verify(List<ReportingItem> items) {
			Map<String, Row> expected = new LinkedHashMap<>();
			Map<String, String> subjectOf = new LinkedHashMap<>();
			List<String> sourceKeys = new ArrayList<>();
			Map<String, String> quarantinedByRule = new LinkedHashMap<>();
			for (ReportingItem item : items) {
				String sourceKey = item.source().row().get("ID") + "@" + item.source().row().get("TIMESTAMP");
				sourceKeys.add(sourceKey);
				this.collected.rows.clear();
				Object[] values = this.processor.process(item);
				if (values == null) {
					String rule = this.collected.rows.stream()
						.filter(r -> r.kind() == RowReport.Kind.QUARANTINED)
						.map(RowReport::rule)
						.findFirst()
						.orElse("quarantined");
					quarantinedByRule.put(sourceKey, rule);
					continue;
				}
				Map<String, Object> row = new LinkedHashMap<>();
				for (int i = 0; i < this.names.size(); i++) {
					row.put(this.names.get(i), RowComparison.normal(values[i]));
				}
				String key = key(row.get("ID"), row.get("TIMESTAMP"));
				expected.put(key, new Row(key, sourceKey, row));
				subjectOf.put(key, sourceKey);
			}
			Map<String, Row> found = found(expected.keySet(), subjectOf);
			List<VerifyFailure> failures = new ArrayList<>();
			// rows the rules quarantine: absent from the OB 3.0 table, and on the run's quarantine list
			Map<String, String> listed = ReportingVerification.this.quarantine.quarantinedKeys(JOB, sourceKeys);
			for (Map.Entry<String, String> q : quarantinedByRule.entrySet()) {
				if (!listed.containsKey(q.getKey())) {
					failures.add(VerifyFailure.mismatch(JOB, this.target, q.getKey(), q.getKey(), VerifyFailure.ROW,
							"on the quarantine list (" + q.getValue() + ")", "on no quarantine list"));
				}
			}
			for (Row want : List.copyOf(expected.values())) {
				if (!found.containsKey(want.key()) && listed.containsKey(want.subject())) {
					expected.remove(want.key()); // the target database refused it; the run quarantined it
				}
			}
			if (!digest(expected).equals(digest(found))) {
				failures.addAll(RowComparison.compare(JOB, this.target, expected, found, Set.of()));
			}
			Map<String, BigDecimal> measures = new LinkedHashMap<>();
			measures.put(Verification.rows(this.target), BigDecimal.valueOf(expected.size()));
			measure(measures, expected, "expected");
			measure(measures, found, "found");
			return new Page(encode(this.after), sourceKeys, measures, failures);
		}

		/** Null counts of every column and sums of the numeric ones, under {@code TABLE|nulls COLUMN|side}. */
		private void measure(Map<String, BigDecimal> measures, Map<String, Row> rows, String side) {
			for (String column : this.names) {
				long nulls = 0;
				BigDecimal sum = BigDecimal.ZERO;
				for (Row row : rows.values()) {
					Object value = row.values().get(column);
					if (value == null) {
						nulls++;
					}
					else if (this.numeric.contains(column) && !column.equals("ID")) {
						try {
							sum = sum.add(new BigDecimal(value.toString()));
						}
						catch (NumberFormatException ex) {
							// a numeric column holding text cannot be summed; the row comparison covers it
						}
					}
				}
				measures.merge(this.target + "|nulls " + column + "|" + side, BigDecimal.valueOf(nulls), BigDecimal::add);
				if (this.numeric.contains(column) && !column.equals("ID")) {
					measures.merge(this.target + "|sum " + column + "|" + side, sum, BigDecimal::add);
				}
			}
		}

		/** The OB 3.0 rows with these keys, one query. */
		private Map<String, Row> found(Collection<String> keys, Map<String, String> subjectOf) {
			Map<String, Row> found = new LinkedHashMap<>();
			if (keys.isEmpty()) {
				return found;
			}
			List<String> ids = keys.stream().map(this::idOf).distinct().toList();
			for (int from = 0; from < ids.size(); from += 900) {
				List<String> slice = ids.subList(from, Math.min(ids.size(), from + 900));
				this.targetJdbc.query("SELECT " + String.join(", ", this.names) + " FROM " + this.target + " WHERE ID IN ("
						+ SqlText.placeholders(slice.size()) + ")", rs -> {
							Map<String, Object> values = RowComparison.values(rs);
							String key = key(values.get("ID"), values.get("TIMESTAMP"));
							if (keys.contains(key)) {
								found.put(key, new Row(key, subjectOf.get(key), values));
							}
						}, slice.toArray());
			}
			return found;
		}

		/** A row's key in the OB 3.0 table as a DBA looks it up: its new ID, or ID@TIMESTAMP where IDs are kept. */
		private String key(Object id, Object timestamp) {
			return this.rule.newIds() ? String.valueOf(id) : id + "@" + timestamp;
		}

		private String idOf(String key) {
			return this.rule.newIds() ? key : key.substring(0, key.lastIndexOf('@'));
		}

	}

	private static String digest(Map<String, Row> rows) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			rows.keySet().stream().sorted().forEach(key -> {
				sha.update(key.getBytes(StandardCharsets.UTF_8));
				rows.get(key).values().forEach((column, value) -> {
					sha.update((byte) 0);
					sha.update(column.getBytes(StandardCharsets.UTF_8));
					sha.update((byte) 1);
					sha.update(value instanceof byte[] bytes ? bytes
							: String.valueOf(value).getBytes(StandardCharsets.UTF_8));
				});
			});
			return java.util.HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(KeyRange.Key key) {
		return key.id() + "@" + key.timestamp();
	}

	private static KeyRange.Key decode(String key) {
		int at = key.lastIndexOf('@');
		return new KeyRange.Key(key.substring(0, at), Long.parseLong(key.substring(at + 1)));
	}

	/**
	 * Row counts: the OB 3.0 table must hold the source's rows less those the reporting run quarantined. Finds rows the
	 * target holds beyond what the pages expected (their keys are not in any page).
	 */
	@Override
	public Totals totals(Collection<String> onlyKeys, Map<String, BigDecimal> pages) {
		List<VerifyFailure> failures = new ArrayList<>();
		Map<String, BigDecimal> measures = new LinkedHashMap<>();
		Map<String, String> missing = notVerifiable();
		JdbcTemplate source = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.REPORTING));
		JdbcTemplate target = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.REPORTING_TARGET));
		// what the newest completed reporting run quarantined, per source table
		Map<String, Long> quarantined = this.quarantine.quarantinedByJob(JOB);
		for (ReportingTableRule rule : ReportingTableRule.ALL) {
			String table = this.schema.targetName(rule);
			if (missing.containsKey(table)) {
				continue;
			}
			long sourceRows = count(source, ReportingSchema.sourceOf(rule));
			long targetRows = count(target, table);
			long expected = sourceRows - quarantined.getOrDefault(rule.table(), 0L);
			measures.put(table + "|count|expected", BigDecimal.valueOf(expected));
			measures.put(table + "|count|found", BigDecimal.valueOf(targetRows));
			if (expected != targetRows) {
				failures.add(VerifyFailure.mismatch(JOB, table, "(all rows)", "(count)", "COUNT(*)",
						expected + " (" + sourceRows + " source rows less " + (sourceRows - expected) + " quarantined)",
						targetRows));
			}
		}
		return new Totals(failures, measures);
	}

	private static long count(JdbcTemplate jdbc, String table) {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
		return count == null ? 0 : count;
	}

}

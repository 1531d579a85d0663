package io.obmigrate.consent;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.consent.ConsentSource.Binding;
import io.obmigrate.consent.ConsentSource.Initiation;
import io.obmigrate.consent.ConsentSource.Metadata;
import io.obmigrate.consent.ConsentSource.PaymentFile;
import io.obmigrate.consent.ConsentSource.RevocationHistory;
import io.obmigrate.consent.ConsentSource.TargetPresence;
import io.obmigrate.core.Dialect;
import io.obmigrate.core.DataSourceFault;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.SourceClock;
import io.obmigrate.core.SqlText;
import io.obmigrate.core.TableInspector;
import io.obmigrate.core.TwoPointCheckpoint;

/**
 * Reads one consent type a page at a time: keyset paging on the initiation {@code ID}, then one
 * range query per child table for the whole page, then what the target already holds for those IDs. The consent job
 * reads each range with three of them, one per type ({@link ConsentRangeReader}); verify reads one type at a time.
 *
 * <p>Checkpoint: a {@link TwoPointCheckpoint} on the consent ID (the step context is saved before the chunk's target
 * transaction commits). A restart resumes from the previous chunk's end; the at most one chunk it replays is recognised
 * in the target (deterministic IDs) and filtered, never written twice.
 */
public class ConsentPageReader implements ItemStreamReader<ConsentSource> {

	static final String SAFE_ID = "consent.checkpoint.safe.id";

	public static final String TOTAL = "obmigrate.total";

	private static final String REV_TABLE = "UK_CONSENT_REV";

	private static final String FILE_TABLE = "UK_TRANSACTION_FILE";

	private static final String METADATA_TABLE = "OB_CONSENT_METADATA";

	private static final String MULTI_AUTH_TABLE = "OB_MULTI_AUTHORIZATION";

	private final ConsentType type;

	private final DataSource source;

	private final Dialect sourceDialect;

	private final JdbcTemplate sourceJdbc;

	private final JdbcTemplate targetJdbc;

	private final SourceClock clock;

	private final MigrationTally tally;

	private final int pageSize;

	/** The partition's range: IDs greater than {@code from} (null: from the first) up to {@code to} (null: the last). */
	private final String from;

	private final String to;

	private final Deque<ConsentSource> page = new ArrayDeque<>();

	private String lastReturnedId;

	private String lastPageId;

	private boolean exhausted;

	private boolean binaryPaymentFile;

	private final TwoPointCheckpoint<String> checkpoint;

	private ObmigrateDataSources dataSources;

	/** Only these consent IDs (verify's re-check of earlier failures); null: every consent of the range. */
	private List<String> only;

	/** Whether the page asks the target which consents it holds (verify reads the target rows itself). */
	private boolean targetPresence = true;

	/**
	 * Catch-up: only the consents created or changed at or after this instant (epoch seconds) are read, and one that
	 * obmigrate wrote before is read as absent, so the writer re-writes it completely; null: every consent.
	 */
	private Long changedSince;

	/** Catch-up: the changed consent IDs of the range still to read, in ID order. */
	private final Deque<String> changed = new ArrayDeque<>();

	/** Catch-up: where the partitioner left the changed IDs it found for this range (null: look for them). */
	private CatchUpSlices slices;

	private long jobExecutionId;

	/** Where the source tables' columns are shared by the job execution's ranges; null: each reader reads them. */
	private io.obmigrate.core.TableShapes shapes;

	private long shapesExecution;

	private String partition;

	public ConsentPageReader(ConsentType type, DataSource source, Dialect sourceDialect, DataSource target,
			SourceClock clock, MigrationTally tally, int pageSize, String from, String to) {
		this.type = type;
		this.source = source;
		this.sourceDialect = sourceDialect;
		this.sourceJdbc = new JdbcTemplate(source);
		this.targetJdbc = new JdbcTemplate(target);
		this.clock = clock;
		this.tally = tally;
		this.checkpoint = new TwoPointCheckpoint<>(new TwoPointCheckpoint.Codec<>() {
			@Override
			public void write(ExecutionContext context, String id) {
				context.putString(SAFE_ID, id);
			}

			@Override
			public String read(ExecutionContext context) {
				return context.containsKey(SAFE_ID) ? context.getString(SAFE_ID) : null;
			}

			@Override
			public void clear(ExecutionContext context) {
				context.remove(SAFE_ID);
			}
		}, tally);
		this.pageSize = pageSize;
		this.from = from;
		this.to = to;
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		try {
			openRange(context);
		}
		catch (RuntimeException ex) {
			// the range's count and changed consents are read from the OB 2.0 source
			throw sourceFault(ex);
		}
	}

	private void openRange(ExecutionContext context) {
		String position = this.checkpoint.restore(context, this.from);
		positionAfter(position);
		if (this.changedSince == null && java.util.Objects.equals(position, this.from)
				&& context.containsKey(ConsentIdRangePartitioner.ROWS)) {
			// a range's first start: the partitioner counted it while making it
			long rows = context.getLong(ConsentIdRangePartitioner.ROWS);
			context.putLong(TOTAL, this.tally.get(MigrationTally.READ) + rows);
			return;
		}
		context.putLong(TOTAL, this.tally.get(MigrationTally.READ) + remaining());
	}

	/**
	 * Opens the reader without a step context of its own ({@link ConsentRangeReader} keeps the checkpoint): it reads the
	 * range's consents after {@code after} (the range's start, or a checkpoint).
	 */
	void openAfter(String after) {
		try {
			positionAfter(after);
		}
		catch (RuntimeException ex) {
			throw sourceFault(ex);
		}
	}

	private void positionAfter(String after) {
		learnSourceShape();
		this.lastReturnedId = after;
		this.lastPageId = after;
		this.page.clear();
		this.exhausted = false;
		if (this.changedSince != null) {
			this.changed.clear();
			List<String> found = this.slices == null ? null
					: this.slices.take(this.jobExecutionId, this.partition);
			boolean fresh = java.util.Objects.equals(after, this.from);
			this.changed.addAll(found != null && fresh ? found : changedIds(after));
		}
	}

	/** A failure of the reader's statements, naming the OB 2.0 source (and its target look-ups) when it can. */
	private RuntimeException sourceFault(RuntimeException ex) {
		return this.dataSources == null ? ex : DataSourceFault.of(this.dataSources, ObmigrateDataSources.Name.OB, ex);
	}

	/** The range's start: IDs after it are read ({@code null}: from the first). */
	String from() {
		return this.from;
	}

	/** The last consent ID read() returned, or where the reader was opened: its position for a checkpoint. */
	String position() {
		return this.lastReturnedId;
	}

	/** How many consents the opened reader has still to read (it counts them in the source, or its changed IDs). */
	long remaining() {
		if (this.changedSince != null) {
			return this.changed.size();
		}
		try {
			List<Object> args = new ArrayList<>();
			String count = "SELECT COUNT(*) FROM " + this.type.initiationTable() + range(this.lastReturnedId, args);
			Long remaining = this.sourceJdbc.queryForObject(count, Long.class, args.toArray());
			return remaining == null ? 0 : remaining;
		}
		catch (RuntimeException ex) {
			throw sourceFault(ex);
		}
	}

	@Override
	public void update(ExecutionContext context) throws ItemStreamException {
		this.checkpoint.update(context, this.lastReturnedId);
	}

	@Override
	public void close() {
		this.page.clear();
	}

	/** Reads only these consent IDs of the range (at most 900, so the IN list suits every database). */
	public ConsentPageReader only(java.util.Collection<String> ids) {
		if (ids.size() > 900) {
			throw new IllegalArgumentException("At most 900 IDs at a time, not " + ids.size());
		}
		this.only = List.copyOf(ids);
		return this;
	}

	/**
	 * Catch-up: reads only the consents whose initiation was created or had its status changed, or that gained a
	 * binding, a retired binding or a payment file, at or after {@code epochSeconds}; each is read as not yet in the
	 * target, so it is written again completely (the writer replaces what an earlier run wrote).
	 */
	public ConsentPageReader changedSince(long epochSeconds) {
		this.changedSince = epochSeconds;
		return this;
	}

	/** Reads the source only: every consent's target presence is reported ABSENT (verify compares the rows itself). */
	public ConsentPageReader withoutTargetPresence() {
		this.targetPresence = false;
		return this;
	}

	/** Names the source and target databases in the failures of this reader's statements. */
	public ConsentPageReader named(ObmigrateDataSources dataSources) {
		this.dataSources = dataSources;
		return this;
	}

	@Override
	public ConsentSource read() {
		fill();
		ConsentSource next = this.page.poll();
		if (next != null) {
			this.lastReturnedId = next.initiation().id();
		}
		return next;
	}

	/** The ID of the consent read() returns next, or null when the range has no more. */
	String nextId() {
		fill();
		ConsentSource next = this.page.peek();
		return next == null ? null : next.initiation().id();
	}

	private void fill() {
		while (this.page.isEmpty() && !this.exhausted) {
			try {
				loadPage();
			}
			catch (RuntimeException ex) {
				// the page reads the OB 2.0 source, then which of its consents the target holds already
				throw sourceFault(ex);
			}
		}
	}

	private void loadPage() {
		List<Initiation> initiations;
		if (this.changedSince != null) {
			List<String> next = new ArrayList<>();
			while (next.size() < Math.min(this.pageSize, 900) && !this.changed.isEmpty()) {
				next.add(this.changed.poll());
			}
			this.exhausted = this.changed.isEmpty();
			if (next.isEmpty()) {
				return;
			}
			initiations = readInitiations(next);
			this.lastPageId = next.get(next.size() - 1);
		}
		else {
			initiations = readInitiations(this.only);
			if (initiations.size() < this.pageSize) {
				this.exhausted = true;
			}
			if (!initiations.isEmpty()) {
				this.lastPageId = initiations.get(initiations.size() - 1).id();
			}
		}
		if (initiations.isEmpty()) {
			return;
		}
		String first = initiations.get(0).id();
		String last = initiations.get(initiations.size() - 1).id();
		Set<String> ids = ids(initiations);
		this.tally.sourceRows(this.type.initiationTable(), initiations.size());

		Map<String, List<Binding>> bindings = readBindings(this.type.bindingTable(), this.type.accountColumn(), first,
				last, ids);
		Map<String, List<Binding>> retired = this.type.usesConsentRev()
				? readBindings(REV_TABLE, "ACCOUNT_ID", first, last, ids) : Map.of();
		Map<String, RevocationHistory> histories = this.type.revocationHistoryTable() != null
				? readHistories(first, last, ids) : Map.of();
		Map<String, PaymentFile> files = this.type == ConsentType.PAYMENTS ? readFiles(first, last, ids) : Map.of();
		Map<String, List<Metadata>> metadata = readMetadata(first, last, ids);
		Map<String, List<String>> multiAuthorisers = this.type == ConsentType.PAYMENTS
				? readMultiAuthorisations(first, last, ids) : Map.of();
		Map<String, TargetPresence> presence = this.targetPresence ? readTargetPresence(first, last, ids) : Map.of();
		assemble(initiations, bindings, retired, histories, files, metadata, multiAuthorisers, presence);
	}

	/**
	 * The page's IDs. This loop and {@link #assemble}'s are methods of their own: run a thousand times per page, they
	 * are compiled on their own (on-stack replacement) rather than with the whole of loadPage and every query it
	 * inlines, which cost the optimising compiler 0.7-1.2 s per compile, three times in a 200k run.
	 */
	private static Set<String> ids(List<Initiation> initiations) {
		Set<String> ids = new HashSet<>();
		for (Initiation initiation : initiations) {
			ids.add(initiation.id());
		}
		return ids;
	}

	private void assemble(List<Initiation> initiations, Map<String, List<Binding>> bindings,
			Map<String, List<Binding>> retired, Map<String, RevocationHistory> histories, Map<String, PaymentFile> files,
			Map<String, List<Metadata>> metadata, Map<String, List<String>> multiAuthorisers,
			Map<String, TargetPresence> presence) {
		for (Initiation initiation : initiations) {
			String id = initiation.id();
			TargetPresence inTarget = presence.getOrDefault(id, TargetPresence.ABSENT);
			if (this.changedSince != null && inTarget == TargetPresence.MIGRATED) {
				inTarget = TargetPresence.ABSENT; // catch-up: written again, replacing the earlier run's rows
			}
			this.page.add(new ConsentSource(initiation, bindings.getOrDefault(id, List.of()),
					retired.getOrDefault(id, List.of()), histories.get(id), files.get(id),
					metadata.getOrDefault(id, List.of()), multiAuthorisers.containsKey(id),
					multiAuthorisers.getOrDefault(id, List.of()), inTarget));
		}
	}

	private List<Initiation> readInitiations(List<String> only) {
		boolean payments = this.type == ConsentType.PAYMENTS;
		String table = this.type.initiationTable();
		String created = this.type.createdColumn();
		String select = "SELECT ID, REQUEST, " + created + ", STATUS, CLIENT_ID, STATUS_UPDATED_TIMESTAMP, SPEC_VERSION"
				+ (payments ? ", IDEMPOTENT_KEY" : "") + " FROM " + table;
		List<Object> args = new ArrayList<>();
		String sql = this.sourceDialect.limit(select + range(this.lastPageId, only, args) + " ORDER BY ID",
				this.pageSize);
		return this.sourceJdbc.query(sql, (rs, n) -> new Initiation(this.type, rs.getString(1), rs.getString(2),
				this.clock.epochSeconds(rs, 3, table, created), rs.getString(4), rs.getString(5),
				this.clock.epochSeconds(rs, 6, table, "STATUS_UPDATED_TIMESTAMP"), rs.getString(7),
				payments ? rs.getString(8) : null), args.toArray());
	}

	/** The WHERE clause of the IDs after {@code after} within the partition's range; adds its arguments. */
	private String range(String after, List<Object> args) {
		return range(after, this.only, args);
	}

	private String range(String after, List<String> only, List<Object> args) {
		List<String> conditions = new ArrayList<>();
		if (after != null) {
			conditions.add("ID > ?");
			args.add(after);
		}
		if (this.to != null) {
			conditions.add("ID <= ?");
			args.add(this.to);
		}
		if (only != null) {
			conditions.add(only.isEmpty() ? "1 = 0" : "ID IN (" + SqlText.placeholders(only.size()) + ")");
			args.addAll(only);
		}
		return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
	}

	private Map<String, List<Binding>> readBindings(String table, String accountColumn, String first, String last,
			Set<String> ids) {
		Map<String, List<Binding>> byConsent = new HashMap<>();
		int[] rows = new int[1];
		pageQuery("SELECT CONSENT_ID, USER_ID, " + accountColumn + ", TIMESTAMP, COLLECTION_METHOD FROM " + table
				+ " WHERE ", "CONSENT_ID", "", first, last, ids, rs -> {
					String consentId = rs.getString(1);
					if (ids.contains(consentId)) {
						byConsent.computeIfAbsent(consentId, k -> new ArrayList<>())
							.add(new Binding(rs.getString(2), rs.getString(3),
									this.clock.epochSeconds(rs, 4, table, "TIMESTAMP"), rs.getString(5)));
						rows[0]++;
					}
				});
		this.tally.sourceRows(table, rows[0]);
		return byConsent;
	}

	private Map<String, RevocationHistory> readHistories(String first, String last, Set<String> ids) {
		String table = this.type.revocationHistoryTable();
		Map<String, RevocationHistory> byConsent = new HashMap<>();
		int[] rows = new int[1];
		pageQuery("SELECT CONSENT_ID, REVOCATION_USER, REVOCATION_REASON FROM " + table + " WHERE ", "CONSENT_ID", "",
				first, last, ids, rs -> {
					if (ids.contains(rs.getString(1))) {
						byConsent.put(rs.getString(1), new RevocationHistory(rs.getString(2), rs.getString(3)));
						rows[0]++;
					}
				});
		this.tally.sourceRows(table, rows[0]);
		return byConsent;
	}

	private Map<String, PaymentFile> readFiles(String first, String last, Set<String> ids) {
		Map<String, PaymentFile> byConsent = new HashMap<>();
		int[] rows = new int[1];
		pageQuery("SELECT CONSENT_ID, PAYMENT_FILE, IDEMPOTENT_KEY, TIMESTAMP FROM " + FILE_TABLE + " WHERE ",
				"CONSENT_ID", "", first, last, ids, rs -> {
					if (ids.contains(rs.getString(1))) {
						byConsent.put(rs.getString(1), new PaymentFile(fileContent(rs), rs.getString(3),
								this.clock.epochSeconds(rs, 4, FILE_TABLE, "TIMESTAMP")));
						rows[0]++;
					}
				});
		this.tally.sourceRows(FILE_TABLE, rows[0]);
		return byConsent;
	}

	private byte[] fileContent(ResultSet rs) throws SQLException {
		if (this.binaryPaymentFile) {
			return rs.getBytes(2);
		}
		String text = rs.getString(2);
		return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
	}

	private Map<String, List<Metadata>> readMetadata(String first, String last, Set<String> ids) {
		Map<String, List<Metadata>> byConsent = new HashMap<>();
		int[] rows = new int[1];
		pageQuery("SELECT CONSENT_ID, CONSENT_TYPE, METADATA_KEY, METADATA_VALUE FROM " + METADATA_TABLE + " WHERE ",
				"CONSENT_ID", "", first, last, ids, rs -> {
					if (ids.contains(rs.getString(1))) {
						byConsent.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
							.add(new Metadata(rs.getString(2), rs.getString(3), rs.getString(4)));
						rows[0]++;
					}
				});
		this.tally.sourceRows(METADATA_TABLE, rows[0]);
		return byConsent;
	}

	private Map<String, List<String>> readMultiAuthorisations(String first, String last, Set<String> ids) {
		Map<String, List<String>> byConsent = new HashMap<>();
		int[] rows = new int[1];
		pageQuery("SELECT m.CONSENT_ID, u.USER_ID FROM " + MULTI_AUTH_TABLE
				+ " m LEFT JOIN OB_MULTI_AUTHORIZATION_USER u ON u.ID = m.ID WHERE ", "m.CONSENT_ID",
				" ORDER BY m.CONSENT_ID, u.USER_ID", first, last, ids, rs -> {
					if (ids.contains(rs.getString(1))) {
						List<String> users = byConsent.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
						if (rs.getString(2) != null) {
							users.add(rs.getString(2));
						}
						rows[0]++;
					}
				});
		this.tally.sourceRows(MULTI_AUTH_TABLE, rows[0]);
		return byConsent;
	}

	/**
	 * Which consent IDs of the page {@code OB_CONSENT} already holds, and whether obmigrate wrote them: a consent
	 * obmigrate wrote always has its creation audit under the deterministic ID.
	 */
	private Map<String, TargetPresence> readTargetPresence(String first, String last, Set<String> ids) {
		// The range also holds consents of the other types (and of other partitions): keep this page's only.
		List<String> existing = new ArrayList<>();
		pageQuery(this.targetJdbc, "SELECT CONSENT_ID FROM OB_CONSENT WHERE ", "CONSENT_ID", "", first, last, ids,
				rs -> {
					if (ids.contains(rs.getString(1))) {
						existing.add(rs.getString(1));
					}
				});
		if (existing.isEmpty()) {
			return Map.of();
		}
		Map<String, TargetPresence> presence = new HashMap<>();
		for (String consentId : existing) {
			presence.put(consentId, TargetPresence.NATIVE);
		}
		for (String consentId : ConsentRemoval.migrated(this.targetJdbc, existing, id -> this.type)) {
			presence.put(consentId, TargetPresence.MIGRATED);
		}
		return presence;
	}

	/**
	 * Runs a child-row query for the page's consents: one range query ({@code BETWEEN first AND last}) when the page
	 * is a dense run of IDs, or IN lists of at most 500 IDs when it is sparse (catch-up, re-checks), so a few changed
	 * consents never read the child rows of the whole range between them. The handler filters by the page's IDs.
	 */
	private void pageQuery(String selectWhere, String column, String orderBy, String first, String last,
			Set<String> ids, org.springframework.jdbc.core.RowCallbackHandler handler) {
		pageQuery(this.sourceJdbc, selectWhere, column, orderBy, first, last, ids, handler);
	}

	private void pageQuery(JdbcTemplate jdbc, String selectWhere, String column, String orderBy, String first,
			String last, Set<String> ids, org.springframework.jdbc.core.RowCallbackHandler handler) {
		if (this.changedSince == null && this.only == null) {
			jdbc.query(selectWhere + column + " BETWEEN ? AND ?" + orderBy, handler, first, last);
			return;
		}
		List<String> sorted = new ArrayList<>(ids);
		java.util.Collections.sort(sorted);
		for (int at = 0; at < sorted.size(); at += 500) {
			List<String> slice = sorted.subList(at, Math.min(sorted.size(), at + 500));
			jdbc.query(selectWhere + column + " IN (" + SqlText.placeholders(slice.size()) + ")" + orderBy, handler,
					slice.toArray());
		}
	}

	/**
	 * Catch-up: the IDs of the consents of one type created or changed at or after {@code epochSeconds}, in ID order,
	 * as a catch-up run would read them ({@code check} counts them; the catch-up's partitioner splits them).
	 */
	static List<String> changedIds(ConsentType type, ObmigrateDataSources dataSources, SourceClock clock,
			long epochSeconds) {
		ConsentPageReader reader = new ConsentPageReader(type, dataSources.get(ObmigrateDataSources.Name.OB),
				dataSources.dialect(ObmigrateDataSources.Name.OB), dataSources.get(ObmigrateDataSources.Name.OB_TARGET),
				clock, new MigrationTally(), 1, null, null).changedSince(epochSeconds);
		reader.learnSourceShape();
		return reader.changedIds(reader.from);
	}

	/**
	 * Catch-up: this partition's changed IDs as the partitioner found them when it split the changed consents, so
	 * the partition does not look for them again; ignored on a restart (the reader then resumes after its checkpoint
	 * and looks for the changed IDs after it).
	 */
	public ConsentPageReader changedIdsFoundBy(CatchUpSlices slices, long jobExecutionId, String partition) {
		this.slices = slices;
		this.jobExecutionId = jobExecutionId;
		this.partition = partition;
		return this;
	}

	/** How the source stores its times, and whether the payment file is binary: read once, before any page. */
	private void learnSourceShape() {
		try (Connection connection = this.source.getConnection()) {
			for (String table : sourceTables()) {
				this.clock.learn(this.sourceDialect, table, columns(connection, table).values());
			}
			if (this.type == ConsentType.PAYMENTS) {
				TableInspector.Column file = columns(connection, FILE_TABLE).get("PAYMENT_FILE");
				this.binaryPaymentFile = file != null && file.isBinary();
			}
		}
		catch (SQLException ex) {
			throw new ItemStreamException("Cannot read the shape of the " + this.type.targetType()
					+ " source tables: " + ex.getMessage(), ex);
		}
	}

	/** A source table's columns: as this job execution's ranges read them first, when they share them. */
	private Map<String, TableInspector.Column> columns(Connection connection, String table) throws SQLException {
		return this.shapes == null ? TableInspector.columns(connection, this.sourceDialect, table)
				: this.shapes.columns(this.shapesExecution, connection, this.sourceDialect, table);
	}

	/**
	 * Reads the source tables' columns through {@code shapes}, once for every range of the job execution
	 * {@code jobExecutionId}, instead of asking the database's catalogue for each range.
	 */
	public ConsentPageReader sharingShapes(io.obmigrate.core.TableShapes shapes, long jobExecutionId) {
		this.shapes = shapes;
		this.shapesExecution = jobExecutionId;
		return this;
	}

	/**
	 * Catch-up: the IDs of this range after {@code after} whose initiation was created or had its status changed at or
	 * after the high-water mark, or that gained a binding, a retired binding or a payment file since; sorted.
	 */
	private List<String> changedIds(String after) {
		java.util.TreeSet<String> found = new java.util.TreeSet<>();
		String table = this.type.initiationTable();
		if (timeIndexed(table, this.type.createdColumn(), "STATUS_UPDATED_TIMESTAMP")) {
			// a DBA indexed both times before the window: two index range reads instead of a scan of the whole table
			changedIn("SELECT ID FROM " + table + " WHERE " + this.type.createdColumn() + " >= ?", "ID", after, found,
					table, this.type.createdColumn());
			changedIn("SELECT ID FROM " + table + " WHERE STATUS_UPDATED_TIMESTAMP >= ?", "ID", after, found, table,
					"STATUS_UPDATED_TIMESTAMP");
		}
		else {
			changedIn("SELECT ID FROM " + table + " WHERE (" + this.type.createdColumn() + " >= ? OR"
					+ " STATUS_UPDATED_TIMESTAMP >= ?)", "ID", after, found, table, this.type.createdColumn(), table,
					"STATUS_UPDATED_TIMESTAMP");
		}
		changedIn("SELECT CONSENT_ID FROM " + this.type.bindingTable() + " WHERE TIMESTAMP >= ?", "CONSENT_ID", after,
				found, this.type.bindingTable(), "TIMESTAMP");
		if (this.type.usesConsentRev()) {
			// the table is shared by two consent types: keep this type's IDs
			changedIn("SELECT r.CONSENT_ID FROM " + REV_TABLE + " r JOIN " + table + " i ON i.ID = r.CONSENT_ID"
					+ " WHERE r.TIMESTAMP >= ?", "r.CONSENT_ID", after, found, REV_TABLE, "TIMESTAMP");
		}
		if (this.type == ConsentType.PAYMENTS) {
			changedIn("SELECT CONSENT_ID FROM " + FILE_TABLE + " WHERE TIMESTAMP >= ?", "CONSENT_ID", after, found,
					FILE_TABLE, "TIMESTAMP");
		}
		return new ArrayList<>(found);
	}

	/** Whether each of these columns of the source table leads an index. */
	private boolean timeIndexed(String table, String... columns) {
		try (Connection connection = this.source.getConnection()) {
			java.util.Set<String> leading = TableInspector.leadingIndexColumns(connection, this.sourceDialect, table);
			for (String column : columns) {
				if (!leading.contains(column)) {
					return false;
				}
			}
			return true;
		}
		catch (SQLException ex) {
			return false; // the single scan is always right
		}
	}

	/** Adds the IDs one change query finds in the range; {@code timeColumns} are table, column pairs to bind. */
	private void changedIn(String select, String idColumn, String after, Set<String> found, String... timeColumns) {
		List<Object> args = new ArrayList<>();
		java.time.Instant mark = java.time.Instant.ofEpochSecond(this.changedSince);
		for (int k = 0; k < timeColumns.length; k += 2) {
			args.add(this.clock.columnValue(mark, timeColumns[k], timeColumns[k + 1]));
		}
		StringBuilder sql = new StringBuilder(select);
		if (after != null) {
			sql.append(" AND ").append(idColumn).append(" > ?");
			args.add(after);
		}
		if (this.to != null) {
			sql.append(" AND ").append(idColumn).append(" <= ?");
			args.add(this.to);
		}
		this.sourceJdbc.query(sql.toString(), rs -> {
			found.add(rs.getString(1));
		}, args.toArray());
	}

	private List<String> sourceTables() {
		List<String> tables = new ArrayList<>(List.of(this.type.initiationTable(), this.type.bindingTable()));
		if (this.type.usesConsentRev()) {
			tables.add(REV_TABLE);
		}
		if (this.type == ConsentType.PAYMENTS) {
			tables.add(FILE_TABLE);
		}
		return tables;
	}

}

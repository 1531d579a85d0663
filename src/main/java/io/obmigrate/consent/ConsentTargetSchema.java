package io.obmigrate.consent;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.PreflightBlocker;
import io.obmigrate.core.TableInspector;

/**
 * The OB 3.0 consent tables in the target database: whether they exist, creating them from
 * {@code sql/<dialect>/ob3-consent.sql} on request, the live column sizes, and the statuses already there.
 */
public class ConsentTargetSchema {

	public static final List<String> TABLES = List.of("OB_CONSENT", "OB_CONSENT_AUTH_RESOURCE", "OB_CONSENT_MAPPING",
			"OB_CONSENT_STATUS_AUDIT", "OB_CONSENT_FILE", "OB_CONSENT_ATTRIBUTE");

	private final ObmigrateDataSources dataSources;

	public ConsentTargetSchema(ObmigrateDataSources dataSources) {
		this.dataSources = dataSources;
	}

	public Dialect dialect() {
		return this.dataSources.dialect(ObmigrateDataSources.Name.OB_TARGET);
	}

	public String ddlFile() {
		return "sql/" + dialect().folder() + "/ob3-consent.sql";
	}

	public List<String> missingTables() {
		try (Connection connection = this.dataSources.connect(ObmigrateDataSources.Name.OB_TARGET)) {
			List<String> missing = new ArrayList<>();
			for (String table : TABLES) {
				if (!TableInspector.tableExists(connection, dialect(), table)) {
					missing.add(table);
				}
			}
			return missing;
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(ObmigrateDataSources.Name.OB_TARGET, ex);
		}
	}

	/**
	 * The DDL without its foreign-key indexes: a completed run builds them after the load ({@link ConsentRunEnd}), which
	 * costs less than keeping them up row by row while it writes (a quarter of a 200,000-consent run on PostgreSQL).
	 */
	static org.springframework.core.io.Resource withoutForeignKeyIndexes(org.springframework.core.io.Resource ddl) {
		String text;
		try {
			text = ddl.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		List<String> lines = text.lines()
			.filter(line -> FOREIGN_KEYS.stream()
				.noneMatch(key -> line.trim().toUpperCase(java.util.Locale.ROOT).startsWith("CREATE INDEX " + key.index() + " ")))
			.toList();
		return new org.springframework.core.io.ByteArrayResource(
				String.join("\n", lines).getBytes(java.nio.charset.StandardCharsets.UTF_8), ddl.getDescription());
	}

	/**
	 * Creates the OB 3.0 tables from {@link #ddlFile()} (less the foreign-key indexes, built when the run completes)
	 * when all of them are missing (the gate refuses a partly created
	 * schema before this is reached); does nothing when they exist.
	 */
	public void createTables() {
		List<String> missing = missingTables();
		if (missing.isEmpty()) {
			return;
		}
		if (missing.size() != TABLES.size()) {
			throw new PreflightBlocker("Only some OB 3.0 consent tables exist in the target; missing: " + missing
					+ ". obmigrate will not complete a partly created schema: create the missing tables from "
					+ ddlFile() + " by hand, or drop the others and use --create-schema.");
		}
		try (Connection connection = this.dataSources.connect(ObmigrateDataSources.Name.OB_TARGET)) {
			ScriptUtils.executeSqlScript(connection, withoutForeignKeyIndexes(new ClassPathResource(ddlFile())));
			if (dialect().foreignKeysAfterLoad()) {
				// added back, each checked in one pass over the loaded rows, when the run completes (ConsentRunEnd)
				try (java.sql.Statement statement = connection.createStatement()) {
					for (ForeignKeyConstraint constraint : foreignKeyConstraints()) {
						statement.execute(constraint.drop());
					}
				}
			}
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
		}
		catch (SQLException ex) {
			throw new PreflightBlocker("Creating the OB 3.0 consent tables from " + ddlFile() + " failed: "
					+ ex.getMessage() + ". Check the user's CREATE TABLE rights, or have a DBA run the file.");
		}
	}

	/**
	 * Refreshes the planner statistics of those of the six tables where the database needs them (PostgreSQL analyses
	 * freshly written tables only later, and meanwhile plans lookups by key as whole-table reads) and where they are
	 * missing or stale (more than a tenth of the rows written since): a completed run does it at its end; verify, a
	 * catch-up and a rollback do it first. A user who may not do that only makes them slower. Returns the tables
	 * refreshed.
	 */
	public List<String> refreshStatistics() {
		Dialect dialect = dialect();
		String refresh = dialect.refreshStatistics();
		if (refresh == null) {
			return List.of();
		}
		JdbcTemplate target = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.OB_TARGET));
		List<String> refreshed = new ArrayList<>();
		for (String table : staleTables()) {
			try {
				target.execute(refresh + " " + table);
				refreshed.add(table);
			}
			catch (org.springframework.dao.DataAccessException ex) {
				org.slf4j.LoggerFactory.getLogger(ConsentTargetSchema.class)
					.warn("Cannot refresh the planner statistics of {} ({}); lookups by key may be slower", table,
							ex.getMessage());
			}
		}
		return refreshed;
	}

	/**
	 * A foreign-key constraint as {@link #ddlFile()} declares it (its name, table, column, parent and what follows the
	 * parent's column, such as {@code ON DELETE CASCADE}).
	 */
	public record ForeignKeyConstraint(String table, String name, String column, String parent, String parentColumn,
			String options) {

		String add() {
			return "ALTER TABLE " + this.table + " ADD CONSTRAINT " + this.name + " FOREIGN KEY (" + this.column
					+ ") REFERENCES " + this.parent + " (" + this.parentColumn + ")" + this.options;
		}

		String drop() {
			return "ALTER TABLE " + this.table + " DROP CONSTRAINT " + this.name;
		}

	}

	private static final java.util.regex.Pattern CREATE_TABLE = java.util.regex.Pattern
		.compile("(?i)^\\s*CREATE TABLE (\\w+)");

	private static final java.util.regex.Pattern CONSTRAINT = java.util.regex.Pattern.compile(
			"(?i)^\\s*CONSTRAINT (\\w+) FOREIGN KEY \\((\\w+)\\) REFERENCES (\\w+) \\((\\w+)\\)([^,]*?),?\\s*$");

	/** The foreign-key constraints {@link #ddlFile()} declares, in its order. */
	List<ForeignKeyConstraint> foreignKeyConstraints() {
		String text;
		try {
			text = new ClassPathResource(ddlFile()).getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		List<ForeignKeyConstraint> constraints = new ArrayList<>();
		String table = null;
		for (String line : text.lines().toList()) {
			java.util.regex.Matcher create = CREATE_TABLE.matcher(line);
			if (create.find()) {
				table = create.group(1);
			}
			java.util.regex.Matcher constraint = CONSTRAINT.matcher(line);
			if (constraint.find() && table != null) {
				constraints.add(new ForeignKeyConstraint(table, constraint.group(1), constraint.group(2),
						constraint.group(3), constraint.group(4), constraint.group(5).stripTrailing()));
			}
		}
		return constraints;
	}

	/**
	 * The foreign keys of {@link #ddlFile()} the target's tables lack (a key on the same column and parent counts,
	 * whatever its name): tables obmigrate creates on PostgreSQL get them when a run completes. Empty when the tables do
	 * not exist.
	 */
	public List<ForeignKeyConstraint> missingForeignKeys() {
		List<ForeignKeyConstraint> missing = new ArrayList<>();
		try (Connection connection = this.dataSources.connect(ObmigrateDataSources.Name.OB_TARGET)) {
			Map<String, Set<String>> found = new HashMap<>();
			for (ForeignKeyConstraint constraint : foreignKeyConstraints()) {
				if (!TableInspector.tableExists(connection, dialect(), constraint.table())) {
					continue;
				}
				Set<String> keys = found.get(constraint.table());
				if (keys == null) {
					keys = TableInspector.foreignKeys(connection, dialect(), constraint.table());
					found.put(constraint.table(), keys);
				}
				if (!keys.contains(constraint.column().toUpperCase(java.util.Locale.ROOT) + ">"
						+ constraint.parent().toUpperCase(java.util.Locale.ROOT))) {
					missing.add(constraint);
				}
			}
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(ObmigrateDataSources.Name.OB_TARGET, ex);
		}
		return missing;
	}

	/**
	 * Checks the keys an interrupted run declared unchecked ({@link #uncheckedForeignKeys()}), then adds the missing
	 * foreign keys ({@link #missingForeignKeys()}), each in its own statement, which checks every row of its table; a
	 * key the rows refuse is passed to {@code refused} with its statement and the database's message (and one declared
	 * unchecked is taken out again), and the others are still added. Returns the keys added or checked.
	 */
	public synchronized List<ForeignKeyConstraint> addForeignKeys(
			java.util.function.BiConsumer<String, String> refused) {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.OB_TARGET));
		List<ForeignKeyConstraint> added = new ArrayList<>();
		for (ForeignKeyConstraint constraint : uncheckedForeignKeys()) {
			if (checkDeclared(jdbc, constraint, refused) == null) {
				added.add(constraint);
			}
		}
		for (ForeignKeyConstraint constraint : missingForeignKeys()) {
			try {
				jdbc.execute(constraint.add());
				added.add(constraint);
			}
			catch (org.springframework.dao.DataAccessException ex) {
				refused.accept(constraint.add(), ex.getMostSpecificCause().getMessage());
			}
		}
		return added;
	}

	/** A foreign key of a child table, by which its rows are removed and looked up, and the index obmigrate names it. */
	record ForeignKey(String table, String column, String index) {

		String createIndex() {
			return "CREATE INDEX " + this.index + " ON " + this.table + " (" + this.column + ")";
		}

	}

	static final List<ForeignKey> FOREIGN_KEYS = List.of(
			new ForeignKey("OB_CONSENT_AUTH_RESOURCE", "CONSENT_ID", "IDX_OB_CONSENT_AUTH_RES_CID"),
			new ForeignKey("OB_CONSENT_MAPPING", "AUTH_ID", "IDX_OB_CONSENT_MAPPING_AID"),
			new ForeignKey("OB_CONSENT_STATUS_AUDIT", "CONSENT_ID", "IDX_OB_CONSENT_AUDIT_CID"));

	/**
	 * Per child table of {@link #FOREIGN_KEYS}, whether an index leads with its foreign key (PostgreSQL, SQL Server and
	 * Oracle do not create one with the key; tables created by {@link #ddlFile()} have them); tables that do not exist
	 * are left out.
	 */
	public Map<String, Boolean> foreignKeysIndexed() {
		Map<String, Boolean> indexed = new java.util.LinkedHashMap<>();
		try (Connection connection = this.dataSources.connect(ObmigrateDataSources.Name.OB_TARGET)) {
			for (ForeignKey key : FOREIGN_KEYS) {
				if (TableInspector.tableExists(connection, dialect(), key.table())) {
					indexed.put(key.table(),
							TableInspector.leadingIndexColumns(connection, dialect(), key.table()).contains(key.column()));
				}
			}
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(ObmigrateDataSources.Name.OB_TARGET, ex);
		}
		return indexed;
	}

	/**
	 * The statements creating the foreign-key indexes the target lacks: without them removing a consent checks each
	 * child table by a full scan. Empty when all exist, or when the tables do not.
	 */
	public List<String> missingForeignKeyIndexes() {
		return unindexedForeignKeys().stream().map(ForeignKey::createIndex).toList();
	}

	/** The foreign keys of existing child tables that no index leads with. */
	private List<ForeignKey> unindexedForeignKeys() {
		Map<String, Boolean> indexed = foreignKeysIndexed();
		return FOREIGN_KEYS.stream().filter(key -> Boolean.FALSE.equals(indexed.get(key.table()))).toList();
	}

	/** Creates the missing foreign-key indexes ({@link #missingForeignKeyIndexes()}); returns the statements run. */
	public synchronized List<String> createForeignKeyIndexes() {
		List<String> statements = missingForeignKeyIndexes();
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.OB_TARGET));
		for (String statement : statements) {
			jdbc.execute(statement);
		}
		return statements;
	}

	/**
	 * The order in which a completed run's table work ({@link #completeTables}) takes the tables up: the tables with
	 * the most rows per consent and the most to do first, so no connection is left with a large table at the end.
	 */
	static final List<String> WORK_ORDER = List.of("OB_CONSENT_STATUS_AUDIT", "OB_CONSENT_MAPPING",
			"OB_CONSENT_AUTH_RESOURCE", "OB_CONSENT_ATTRIBUTE", "OB_CONSENT", "OB_CONSENT_FILE");

	/**
	 * What {@link #completeTables} did: the keys added (or checked, when an earlier run declared them), the indexes
	 * built, the tables whose statistics were refreshed, each kind's statements' seconds added up, the statement and
	 * message of each key the rows refused and of each index that could not be built, how many connections worked at
	 * once and the seconds it all took.
	 */
	public record TableWork(List<ForeignKeyConstraint> keysAdded, double keySeconds, List<String> keysRefused,
			List<String> indexesBuilt, double indexSeconds, List<String> indexesFailed, List<String> refreshed,
			double statisticsSeconds, int connections, double seconds) {
	}

	/**
	 * A completed run's work on the tables, on up to {@code connections} connections at once: adds the foreign keys
	 * the tables lack, builds the foreign-key indexes they lack, and refreshes stale planner statistics. Where the
	 * database can declare a key unchecked ({@link Dialect#foreignKeyUncheckedSuffix()}, PostgreSQL) each missing key
	 * is declared so first, one after another (an instant each), and then checked in its table's turn: a check locks
	 * its own table against maintenance and its parent only against removal, so each table's check, index and
	 * statistics run one after the other on one connection while other tables' run on the others. A key the rows
	 * refuse is taken out again and passed to {@code refused} (its statement, the database's message), so it stays
	 * missing. A key an earlier, interrupted run declared but did not check is checked now. Elsewhere the keys are
	 * added one after another first and the rest follows on one connection, as {@link #addForeignKeys},
	 * {@link #createForeignKeyIndexes} and {@link #refreshStatistics} do.
	 */
	public TableWork completeTables(int connections, java.util.function.BiConsumer<String, String> refused) {
		long started = System.nanoTime();
		Dialect dialect = dialect();
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.OB_TARGET));
		String unchecked = dialect.foreignKeyUncheckedSuffix();
		List<ForeignKeyConstraint> keysAdded = new ArrayList<>();
		List<String> keysRefused = new ArrayList<>();
		java.util.function.BiConsumer<String, String> refusing = (statement, message) -> {
			synchronized (keysRefused) {
				keysRefused.add(statement);
			}
			refused.accept(statement, message);
		};
		// each table's statements, in the order they run on its connection
		Map<String, List<TableTask>> work = new java.util.LinkedHashMap<>();
		WORK_ORDER.forEach(table -> work.put(table, new ArrayList<>()));
		long keys = System.nanoTime();
		if (unchecked == null) {
			keysAdded.addAll(addForeignKeys(refusing));
		}
		else {
			for (ForeignKeyConstraint key : uncheckedForeignKeys()) {
				work.get(key.table()).add(new TableTask(Kind.KEY, key.table(), key, checkStatement(key)));
			}
			for (ForeignKeyConstraint key : missingForeignKeys()) {
				try {
					jdbc.execute(key.add() + unchecked);
					work.get(key.table()).add(new TableTask(Kind.KEY, key.table(), key, checkStatement(key)));
				}
				catch (org.springframework.dao.DataAccessException ex) {
					refusing.accept(key.add(), ex.getMostSpecificCause().getMessage());
				}
			}
		}
		double keySeconds = (System.nanoTime() - keys) / 1e9;
		for (ForeignKey key : unindexedForeignKeys()) {
			work.get(key.table()).add(new TableTask(Kind.INDEX, key.table(), null, key.createIndex()));
		}
		for (String table : staleTables()) {
			work.get(table).add(new TableTask(Kind.STATISTICS, table, null, dialect.refreshStatistics() + " " + table));
		}
		List<List<TableTask>> chains = work.values().stream().filter(chain -> !chain.isEmpty()).toList();
		// elsewhere an added key holds its parent against the other tables' work: one connection
		int width = Math.max(1, Math.min(unchecked == null ? 1 : connections, chains.size()));
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(width,
				new org.springframework.scheduling.concurrent.CustomizableThreadFactory("consent-tables-"));
		try {
			List<java.util.concurrent.Future<?>> running = new ArrayList<>();
			for (List<TableTask> chain : chains) {
				running.add(pool.submit(() -> chain.forEach(task -> task.run(jdbc, refusing))));
			}
			for (java.util.concurrent.Future<?> future : running) {
				future.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while completing the OB 3.0 consent tables", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw ex.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
		List<String> indexesBuilt = new ArrayList<>();
		List<String> indexesFailed = new ArrayList<>();
		List<String> refreshed = new ArrayList<>();
		double indexSeconds = 0;
		double statisticsSeconds = 0;
		for (TableTask task : chains.stream().flatMap(List::stream).toList()) {
			switch (task.kind) {
				case KEY -> {
					keySeconds += task.seconds;
					if (task.failure == null) {
						keysAdded.add(task.key);
					}
				}
				case INDEX -> {
					indexSeconds += task.seconds;
					if (task.failure == null) {
						indexesBuilt.add(task.statement);
					}
					else {
						indexesFailed.add(task.statement + ": " + task.failure);
					}
				}
				case STATISTICS -> {
					statisticsSeconds += task.seconds;
					if (task.failure == null) {
						refreshed.add(task.table);
					}
				}
			}
		}
		// reported in the script's order, whichever connection finished first
		keysAdded.sort(java.util.Comparator.comparing(foreignKeyConstraints()::indexOf));
		List<String> indexOrder = FOREIGN_KEYS.stream().map(ForeignKey::createIndex).toList();
		indexesBuilt.sort(java.util.Comparator.comparing(indexOrder::indexOf));
		refreshed.sort(java.util.Comparator.comparing(TABLES::indexOf));
		return new TableWork(keysAdded, keySeconds, List.copyOf(keysRefused), indexesBuilt, indexSeconds, indexesFailed,
				refreshed, statisticsSeconds, width, (System.nanoTime() - started) / 1e9);
	}

	private enum Kind {
		KEY, INDEX, STATISTICS
	}

	/**
	 * One statement of {@link #completeTables}: what it does, to which table (and key), and once run, how long it took
	 * and why it failed.
	 */
	private final class TableTask {

		final Kind kind;

		final String table;

		final ForeignKeyConstraint key;

		final String statement;

		volatile double seconds;

		volatile String failure;

		TableTask(Kind kind, String table, ForeignKeyConstraint key, String statement) {
			this.kind = kind;
			this.table = table;
			this.key = key;
			this.statement = statement;
		}

		void run(JdbcTemplate jdbc, java.util.function.BiConsumer<String, String> refused) {
			long started = System.nanoTime();
			if (this.kind == Kind.KEY) {
				this.failure = checkDeclared(jdbc, this.key, refused);
			}
			else {
				try {
					jdbc.execute(this.statement);
				}
				catch (org.springframework.dao.DataAccessException ex) {
					this.failure = ex.getMostSpecificCause().getMessage();
					if (this.kind == Kind.STATISTICS) {
						org.slf4j.LoggerFactory.getLogger(ConsentTargetSchema.class)
							.warn("Cannot refresh the planner statistics of {} ({}); lookups by key may be slower",
									this.table, this.failure);
					}
				}
			}
			this.seconds = (System.nanoTime() - started) / 1e9;
		}

	}

	/** The statement that checks the rows against a key declared unchecked ({@link #uncheckedForeignKeys()}). */
	String checkStatement(ForeignKeyConstraint key) {
		return dialect().validateForeignKey(key.table(), key.name());
	}

	/**
	 * Checks the rows against a key declared unchecked; one they refuse is passed to {@code refused} and taken out
	 * again, so it stays missing, as `check` reports it. Returns the database's message when refused, else null.
	 */
	private String checkDeclared(JdbcTemplate jdbc, ForeignKeyConstraint key,
			java.util.function.BiConsumer<String, String> refused) {
		try {
			jdbc.execute(checkStatement(key));
			return null;
		}
		catch (org.springframework.dao.DataAccessException ex) {
			String message = ex.getMostSpecificCause().getMessage();
			refused.accept(key.add(), message);
			try {
				jdbc.execute(key.drop());
			}
			catch (org.springframework.dao.DataAccessException dropFailed) {
				// left declared, unchecked: the next run or `check --fix` checks it again
			}
			return message;
		}
	}

	/**
	 * The foreign keys of {@link #ddlFile()} declared in the target but never checked against the rows (an earlier run
	 * stopped between declaring and checking them); empty where keys are always checked when added.
	 */
	List<ForeignKeyConstraint> uncheckedForeignKeys() {
		Dialect dialect = dialect();
		String query = dialect.uncheckedForeignKeysQuery();
		if (query == null) {
			return List.of();
		}
		Set<String> found = new java.util.HashSet<>(new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.OB_TARGET))
			.query(query, (row, number) -> (row.getString(1) + "." + row.getString(2)).toUpperCase(java.util.Locale.ROOT),
					String.join(",", TABLES.stream().map(dialect::storedName).toList())));
		return foreignKeyConstraints().stream()
			.filter(key -> found.contains((key.table() + "." + key.name()).toUpperCase(java.util.Locale.ROOT)))
			.toList();
	}

	/**
	 * The tables whose planner statistics are missing or stale (only those: an ANALYZE of the six tables takes seconds
	 * at a million consents); all six where the catalogue cannot say, none where the database does without.
	 */
	private List<String> staleTables() {
		Dialect dialect = dialect();
		if (dialect.refreshStatistics() == null) {
			return List.of();
		}
		String stale = dialect.tablesWithStaleStatisticsQuery();
		if (stale == null) {
			return TABLES;
		}
		try {
			List<String> found = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.OB_TARGET))
				.queryForList(stale, String.class, String.join(",", TABLES.stream().map(dialect::storedName).toList()));
			return TABLES.stream().filter(table -> found.contains(dialect.storedName(table))).toList();
		}
		catch (org.springframework.dao.DataAccessException ex) {
			// the catalogue cannot say: refresh all six
			return TABLES;
		}
	}

	/**
	 * Statuses in the target that only another vocabulary profile writes: writing with this profile would mix two
	 * spellings in one database ({@code vocabulary-clash}).
	 */
	public Set<String> foreignStatuses(VocabularyProfile profile) {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.OB_TARGET));
		Set<String> found = new TreeSet<>(
				jdbc.queryForList("SELECT DISTINCT CURRENT_STATUS FROM OB_CONSENT", String.class));
		found.addAll(jdbc.queryForList("SELECT DISTINCT AUTH_STATUS FROM OB_CONSENT_AUTH_RESOURCE", String.class));
		Set<String> clashes = new TreeSet<>(found);
		clashes.retainAll(profile.foreignStatusLiterals());
		return clashes;
	}

	/** The last job execution's limits ({@link #limits(long)}). */
	private volatile Map.Entry<Long, TargetLimits> executionLimits;

	/** {@link #limits()}, read once per job execution: every range of a run shares them. */
	public TargetLimits limits(long jobExecutionId) {
		Map.Entry<Long, TargetLimits> cached = this.executionLimits;
		if (cached != null && cached.getKey() == jobExecutionId) {
			return cached.getValue();
		}
		TargetLimits limits = limits();
		this.executionLimits = Map.entry(jobExecutionId, limits);
		return limits;
	}

	/** Live sizes of the target columns the mapping must respect ({@code file-too-large}, {@code value-too-long}). */
	public TargetLimits limits() {
		Dialect dialect = dialect();
		try (Connection connection = this.dataSources.connect(ObmigrateDataSources.Name.OB_TARGET)) {
			Map<TargetColumn, TargetLimits.Limit> limits = new HashMap<>(TargetLimits.defaults(255).columns());
			for (String table : TABLES) {
				for (TableInspector.Column column : TableInspector.columns(connection, dialect, table).values()) {
					TargetColumn key = TargetColumn.of(table, column.name());
					if (key != null) {
						long size = column.size() <= 0 ? Integer.MAX_VALUE : column.size();
						limits.put(key, new TargetLimits.Limit(size, column.isBinary()));
					}
				}
			}
			boolean byteSemantics = dialect.countsBytes("VARCHAR");
			// MySQL RECEIPT is JSON (MariaDB: LONGTEXT with a JSON check), so a non-JSON body cannot be stored.
			boolean receiptIsJson = dialect.jsonColumnsRefuseText()
					|| TableInspector.columns(connection, dialect, "OB_CONSENT").get("RECEIPT").isJson();
			return new TargetLimits(Map.copyOf(limits), byteSemantics, receiptIsJson);
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(ObmigrateDataSources.Name.OB_TARGET, ex);
		}
	}

}

package io.obmigrate.upgrade;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.Dialect;
import io.obmigrate.core.ExecutionOwner;
import io.obmigrate.core.JobRepositorySchema;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.TableInspector;

/**
 * The upgrade journal ({@code OBMIGRATE_UPGRADE_JOURNAL} in the job repository): one append-only line per event of a
 * plan step (started, the process it launched, each SQL statement applied, done, skipped by its guard, failed, stopped,
 * waiting, confirmed), with what ran, checksums, guard results and the log slice. Steps are known by plan name and
 * step id, across runs: a step done in any run is not run again, a script resumes after its last applied statement,
 * and {@code run upgrade --rerun STEP} starts a step's record afresh.
 */
class UpgradeJournal {

	static final String TABLE = "OBMIGRATE_UPGRADE_JOURNAL";

	/** What happened to a step. */
	enum Event {
		STARTED, PROCESS, APPLYING, STATEMENT, NOT_APPLIED, DONE, SKIPPED, FAILED, STOPPED, WAITING, CONFIRMED, RERUN
	}

	/** A step's state as the journal tells it. */
	enum State {

		PENDING("pending"), RUNNING("running"), DONE("done"), SKIPPED("skipped"), FAILED("failed"),
		STOPPED("stopped"), WAITING("waiting for confirmation"), CONFIRMED("confirmed"),
		INTERRUPTED("interrupted");

		private final String label;

		State(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

		/** Done or skipped: nothing left to do. */
		boolean finished() {
			return this == DONE || this == SKIPPED;
		}

	}

	record Entry(long id, String plan, String stepId, Long executionId, Event event, Integer item, String rule,
			String checksum, String detail, String logSlice, Instant recordedAt, String recordedBy) {
	}

	/** The state of a step, and the journal line that decided it (null for pending). */
	record StepState(State state, Entry last) {
	}

	private final ObmigrateDataSources dataSources;

	private final JobRepositorySchema schema;

	private volatile boolean ensured;

	UpgradeJournal(ObmigrateDataSources dataSources, JobRepositorySchema schema) {
		this.dataSources = dataSources;
		this.schema = schema;
	}

	synchronized void ensure() {
		if (this.ensured) {
			return;
		}
		this.schema.ensure();
		Dialect dialect = this.dataSources.dialect(ObmigrateDataSources.Name.JOBREPO);
		try (Connection connection = this.dataSources.connect(ObmigrateDataSources.Name.JOBREPO)) {
			if (!TableInspector.tableExists(connection, dialect, TABLE)) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("CREATE TABLE " + TABLE + " (ENTRY_ID " + dialect.bigintType()
							+ " NOT NULL PRIMARY KEY, PLAN_NAME " + dialect.varcharType(200) + " NOT NULL, STEP_ID "
							+ dialect.varcharType(200) + " NOT NULL, JOB_EXECUTION_ID " + dialect.bigintType()
							+ ", EVENT " + dialect.varcharType(32) + " NOT NULL, ITEM " + dialect.intType()
							+ ", RULE_ID " + dialect.varcharType(64) + ", CHECKSUM " + dialect.varcharType(200)
							+ ", DETAIL " + dialect.clobType() + ", LOG_SLICE " + dialect.clobType() + ", RECORDED_AT "
							+ dialect.timestampType() + " NOT NULL, RECORDED_BY " + dialect.varcharType(255)
							+ " NOT NULL)");
					statement.execute("CREATE INDEX " + TABLE + "_IDX ON " + TABLE + " (PLAN_NAME, STEP_ID)");
				}
				if (!connection.getAutoCommit()) {
					connection.commit();
				}
			}
		}
		catch (SQLException ex) {
			throw new ConfigurationProblem("Cannot create the upgrade journal table " + TABLE + " in the job repository: "
					+ ex.getMessage() + ". The job repository's user needs CREATE TABLE rights.", ex);
		}
		this.ensured = true;
	}

	/** Appends one line; {@code recordedBy} null means this process's user and host. */
	void record(String plan, String stepId, Long executionId, Event event, Integer item, String rule, String checksum,
			String detail, String logSlice, String recordedBy) {
		ensure();
		JdbcTemplate jdbc = jdbc();
		String by = recordedBy != null ? recordedBy
				: System.getProperty("user.name", "unknown") + " (" + ExecutionOwner.current() + ")";
		for (int attempt = 1;; attempt++) {
			Long last = jdbc.queryForObject("SELECT MAX(ENTRY_ID) FROM " + TABLE, Long.class);
			try {
				jdbc.update("INSERT INTO " + TABLE + " (ENTRY_ID, PLAN_NAME, STEP_ID, JOB_EXECUTION_ID, EVENT, ITEM,"
						+ " RULE_ID, CHECKSUM, DETAIL, LOG_SLICE, RECORDED_AT, RECORDED_BY) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
						+ " ?, ?, ?, ?)", (last == null ? 0 : last) + 1, plan, stepId, executionId, event.name(), item,
						rule, checksum, detail, logSlice, Timestamp.from(Instant.now()), truncate(by, 255));
				return;
			}
			catch (DataIntegrityViolationException ex) {
				if (attempt >= 5) {
					throw ex; // another process appends at the same moment, five times in a row
				}
			}
		}
	}

	void record(String plan, String stepId, Long executionId, Event event, String rule, String detail) {
		record(plan, stepId, executionId, event, null, rule, null, detail, null, null);
	}

	/** Every line of a step since its last {@code --rerun}, oldest first. */
	List<Entry> entries(String plan, String stepId) {
		return sinceRerun(query(" WHERE PLAN_NAME = ? AND STEP_ID = ? ORDER BY ENTRY_ID", plan, stepId));
	}

	/** The lines of every step of a plan, step by step, each since its last {@code --rerun}: one query. */
	Map<String, List<Entry>> entriesByStep(String plan) {
		Map<String, List<Entry>> byStep = new LinkedHashMap<>();
		for (Entry entry : query(" WHERE PLAN_NAME = ? ORDER BY ENTRY_ID", plan)) {
			byStep.computeIfAbsent(entry.stepId(), id -> new java.util.ArrayList<>()).add(entry);
		}
		byStep.replaceAll((id, entries) -> sinceRerun(entries));
		return byStep;
	}

	private List<Entry> query(String where, Object... arguments) {
		ensure();
		return jdbc().query("SELECT ENTRY_ID, PLAN_NAME, STEP_ID, JOB_EXECUTION_ID, EVENT, ITEM, RULE_ID,"
				+ " CHECKSUM, DETAIL, LOG_SLICE, RECORDED_AT, RECORDED_BY FROM " + TABLE + where, (rs, i) -> {
					long execution = rs.getLong(4);
					Long executionId = rs.wasNull() ? null : execution;
					int item = rs.getInt(6);
					Integer itemNumber = rs.wasNull() ? null : item;
					return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), executionId,
							Event.valueOf(rs.getString(5)), itemNumber, rs.getString(7), rs.getString(8),
							rs.getString(9), rs.getString(10), rs.getTimestamp(11).toInstant(), rs.getString(12));
				}, arguments);
	}

	private static List<Entry> sinceRerun(List<Entry> entries) {
		int start = 0;
		for (int i = 0; i < entries.size(); i++) {
			if (entries.get(i).event() == Event.RERUN) {
				start = i + 1;
			}
		}
		return entries.subList(start, entries.size());
	}

	/**
	 * The state of a step: the last line that ends or pauses it decides; a step started and not ended is running
	 * while its execution is ({@code running}), and interrupted otherwise.
	 */
	StepState state(String plan, String stepId, LongPredicate running) {
		return state(entries(plan, stepId), running);
	}

	/** The state the lines of one step (since its last --rerun) tell. */
	static StepState state(List<Entry> entries, LongPredicate running) {
		Entry decisive = null;
		for (Entry entry : entries) {
			if (entry.event() != Event.PROCESS && entry.event() != Event.STATEMENT && entry.event() != Event.APPLYING
					&& entry.event() != Event.NOT_APPLIED) {
				decisive = entry;
			}
		}
		if (decisive == null) {
			return new StepState(State.PENDING, null);
		}
		State state = switch (decisive.event()) {
			case STARTED -> decisive.executionId() != null && running.test(decisive.executionId()) ? State.RUNNING
					: State.INTERRUPTED;
			case DONE -> State.DONE;
			case SKIPPED -> State.SKIPPED;
			case FAILED -> State.FAILED;
			case STOPPED -> State.STOPPED;
			case WAITING -> State.WAITING;
			case CONFIRMED -> State.CONFIRMED;
			default -> State.PENDING;
		};
		return new StepState(state, decisive);
	}

	/** The statements of a script step applied since its last --rerun: statement number to its checksum. */
	Map<Integer, String> appliedStatements(String plan, String stepId) {
		Map<Integer, String> applied = new LinkedHashMap<>();
		for (Entry entry : entries(plan, stepId)) {
			if (entry.event() == Event.STATEMENT && entry.item() != null) {
				applied.put(entry.item(), entry.checksum());
			}
		}
		return applied;
	}

	/**
	 * The statement of a script step whose application began and whose outcome was never recorded (obmigrate's
	 * process died while the database ran it): the APPLYING line, or null.
	 */
	Entry statementInDoubt(String plan, String stepId) {
		Entry doubt = null;
		for (Entry entry : entries(plan, stepId)) {
			if (entry.event() == Event.APPLYING) {
				doubt = entry;
			}
			else if (doubt != null && (entry.event() == Event.STATEMENT || entry.event() == Event.NOT_APPLIED)
					&& doubt.item().equals(entry.item())) {
				doubt = null;
			}
		}
		return doubt;
	}

	/** The latest STARTED line among a step's lines, or null. */
	static Entry lastStart(List<Entry> entries) {
		Entry start = null;
		for (Entry entry : entries) {
			if (entry.event() == Event.STARTED) {
				start = entry;
			}
		}
		return start;
	}

	/** The processes the step's latest start launched (PROCESS lines after its last STARTED). */
	List<Entry> processesOfLastAttempt(String plan, String stepId) {
		List<Entry> entries = entries(plan, stepId);
		int start = 0;
		for (int i = 0; i < entries.size(); i++) {
			if (entries.get(i).event() == Event.STARTED) {
				start = i;
			}
		}
		return entries.subList(start, entries.size()).stream().filter(e -> e.event() == Event.PROCESS).toList();
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.JOBREPO));
	}

	static String truncate(String text, int length) {
		return text == null || text.length() <= length ? text : text.substring(0, length - 3) + "...";
	}

}

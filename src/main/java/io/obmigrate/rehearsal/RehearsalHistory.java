package io.obmigrate.rehearsal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.JobRepositorySchema;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.TableInspector;

/**
 * The rehearsals, kept in the job repository ({@code OBMIGRATE_REHEARSAL}) next to the job executions they ran: one
 * row per rehearsal with its number, start, end, outcome and owner, and the whole record as JSON, so the history
 * survives the staging databases being refreshed. Written when a rehearsal starts and again after each of its steps.
 */
public class RehearsalHistory {

	public static final String TABLE = "OBMIGRATE_REHEARSAL";

	static final ObjectMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final ObmigrateDataSources dataSources;

	private final JobRepositorySchema schema;

	private volatile boolean ready;

	public RehearsalHistory(ObmigrateDataSources dataSources, JobRepositorySchema schema) {
		this.dataSources = dataSources;
		this.schema = schema;
	}

	static String ddl(Dialect dialect) {
		return "CREATE TABLE " + TABLE + " (REHEARSAL_ID " + dialect.bigintType() + " NOT NULL, STARTED_AT "
				+ dialect.timestampType() + " NOT NULL, ENDED_AT " + dialect.timestampType() + ", OUTCOME "
				+ dialect.varcharType(32) + " NOT NULL, OWNER " + dialect.varcharType(255) + " NOT NULL, DETAIL "
				+ dialect.clobType() + " NOT NULL, PRIMARY KEY (REHEARSAL_ID))";
	}

	private synchronized void ensure() {
		if (this.ready) {
			return;
		}
		this.schema.ensure();
		Dialect dialect = this.dataSources.dialect(Name.JOBREPO);
		try (Connection connection = this.dataSources.connect(Name.JOBREPO)) {
			if (!TableInspector.tableExists(connection, dialect, TABLE)) {
				try (Statement statement = connection.createStatement()) {
					statement.execute(ddl(dialect));
				}
				if (!connection.getAutoCommit()) {
					connection.commit();
				}
			}
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(Name.JOBREPO, ex);
		}
		this.ready = true;
	}

	/** The number the next rehearsal gets. */
	long nextId() {
		ensure();
		Long max = jdbc().queryForObject("SELECT MAX(REHEARSAL_ID) FROM " + TABLE, Long.class);
		return max == null ? 1 : max + 1;
	}

	/** Records a new rehearsal, or the new state of one already recorded. */
	void save(Rehearsal rehearsal) {
		ensure();
		String detail;
		try {
			detail = JSON.writeValueAsString(rehearsal);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("Cannot record rehearsal " + rehearsal.id() + ": " + ex.getMessage(), ex);
		}
		Timestamp ended = rehearsal.endedAt() == null ? null : Timestamp.from(rehearsal.endedAt());
		int updated = jdbc().update("UPDATE " + TABLE + " SET ENDED_AT = ?, OUTCOME = ?, DETAIL = ? WHERE REHEARSAL_ID = ?",
				ended, rehearsal.outcome(), detail, rehearsal.id());
		if (updated == 0) {
			jdbc().update("INSERT INTO " + TABLE + " (REHEARSAL_ID, STARTED_AT, ENDED_AT, OUTCOME, OWNER, DETAIL) VALUES"
					+ " (?, ?, ?, ?, ?, ?)", rehearsal.id(), Timestamp.from(rehearsal.startedAt()), ended,
					rehearsal.outcome(), rehearsal.owner(), detail);
		}
	}

	/** Every rehearsal, oldest first. */
	public List<Rehearsal> all() {
		ensure();
		return jdbc().query("SELECT DETAIL FROM " + TABLE + " ORDER BY REHEARSAL_ID", (rs, n) -> {
			try {
				return JSON.readValue(rs.getString(1), Rehearsal.class);
			}
			catch (JacksonException ex) {
				throw new IllegalStateException("Rehearsal record " + n + " in " + TABLE + " is not readable: "
						+ ex.getMessage(), ex);
			}
		});
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(this.dataSources.get(Name.JOBREPO));
	}

}

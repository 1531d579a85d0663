package io.obmigrate.core;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The record of what obmigrate did outside its jobs to a database: cut-overs, clean-ups (and, later, rollbacks and
 * rehearsal resets). Kept in the job repository ({@code OBMIGRATE_JOURNAL}): the operation, the database it was done
 * to (its URL, never a password), who ran it and from where, when, and the row counts it saw, so a later command can
 * tell whether the database is still the one that operation left.
 */
public class OperationJournal {

	public static final String TABLE = "OBMIGRATE_JOURNAL";

	private final ObmigrateDataSources dataSources;

	private final JobRepositorySchema schema;

	public OperationJournal(ObmigrateDataSources dataSources, JobRepositorySchema schema) {
		this.dataSources = dataSources;
		this.schema = schema;
	}

	static String ddl(Dialect dialect) {
		return "CREATE TABLE " + TABLE + " (OPERATION " + dialect.varcharType(64) + " NOT NULL, DATABASE_URL "
				+ dialect.varcharType(1000) + " NOT NULL, PERFORMED_BY " + dialect.varcharType(255)
				+ " NOT NULL, PERFORMED_AT " + dialect.timestampType() + " NOT NULL, ROW_COUNTS " + dialect.clobType()
				+ " NOT NULL)";
	}

	/** One journalled operation; {@code rowCounts} table by table, as the operation left them. */
	public record Entry(String operation, String databaseUrl, String performedBy, Instant performedAt,
			Map<String, Long> rowCounts) {
	}

	/** Records an operation done to the database of {@code name}. */
	public void record(String operation, ObmigrateDataSources.Name name, Map<String, Long> rowCounts) {
		this.schema.ensure();
		jdbc().update("INSERT INTO " + TABLE + " (OPERATION, DATABASE_URL, PERFORMED_BY, PERFORMED_AT, ROW_COUNTS)"
				+ " VALUES (?, ?, ?, ?, ?)", operation, url(name),
				System.getProperty("user.name", "unknown") + " (" + ExecutionOwner.current() + ")",
				Timestamp.from(Instant.now()), encode(rowCounts));
	}

	/** The newest entry of {@code operation} for the database of {@code name}, or null. */
	public Entry last(String operation, ObmigrateDataSources.Name name) {
		this.schema.ensure();
		List<Entry> entries = jdbc().query("SELECT OPERATION, DATABASE_URL, PERFORMED_BY, PERFORMED_AT, ROW_COUNTS FROM "
				+ TABLE + " WHERE OPERATION = ? AND DATABASE_URL = ? ORDER BY PERFORMED_AT DESC",
				(rs, i) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getTimestamp(4).toInstant(), decode(rs.getString(5))),
				operation, url(name));
		return entries.isEmpty() ? null : entries.get(0);
	}

	private String url(ObmigrateDataSources.Name name) {
		return SecretMasking.maskUrl(this.dataSources.settings(name).getUrl());
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.JOBREPO));
	}

	static String encode(Map<String, Long> counts) {
		StringBuilder text = new StringBuilder();
		counts.forEach((table, n) -> text.append(text.isEmpty() ? "" : ";").append(table).append('=').append(n));
		return text.toString();
	}

	static Map<String, Long> decode(String text) {
		Map<String, Long> counts = new LinkedHashMap<>();
		if (text != null && !text.isBlank()) {
			for (String pair : text.split(";")) {
				int equals = pair.lastIndexOf('=');
				counts.put(pair.substring(0, equals), Long.parseLong(pair.substring(equals + 1)));
			}
		}
		return counts;
	}

}

package io.obmigrate.dcr;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.DeterministicId;
import io.obmigrate.core.Dialect;
import io.obmigrate.core.TableInspector;

/**
 * The before-images of every Identity Server row the DCR job changes, kept in {@code OBMIGRATE_SP_JOURNAL} in the
 * Identity Server database itself, so that each entry commits with the change it describes (a later rollback restores
 * them). Inserted properties are journalled with their after-image (a rollback deletes them).
 */
public class ServiceProviderJournal {

	public static final String TABLE = "OBMIGRATE_SP_JOURNAL";

	static final String INSERT = "INSERT INTO " + TABLE + " (ID, JOB_EXECUTION_ID, REGISTRATION_ID, SP_ID, TABLE_NAME,"
			+ " ROW_ID, ACTION, BEFORE_IMAGE, AFTER_IMAGE, APPLIED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	/** One journal row: the table and row changed, the action, and the row's images as JSON. */
	public record Entry(String table, Long rowId, String action, Map<String, Object> before,
			Map<String, Object> after) {
	}

	private ServiceProviderJournal() {
	}

	public static String ddl(Dialect dialect) {
		return "CREATE TABLE " + TABLE + " (ID " + dialect.varcharType(36) + " NOT NULL, JOB_EXECUTION_ID "
				+ dialect.bigintType() + " NOT NULL, REGISTRATION_ID " + dialect.varcharType(255) + " NOT NULL, SP_ID "
				+ dialect.bigintType() + " NOT NULL, TABLE_NAME " + dialect.varcharType(64) + " NOT NULL, ROW_ID "
				+ dialect.bigintType() + ", ACTION " + dialect.varcharType(16) + " NOT NULL, BEFORE_IMAGE "
				+ dialect.clobType() + ", AFTER_IMAGE " + dialect.clobType() + ", APPLIED_AT " + dialect.bigintType()
				+ " NOT NULL, PRIMARY KEY (ID))";
	}

	/** Creates the journal table when it is missing (it is obmigrate's own bookkeeping, like the job repository). */
	public static void ensureTable(DataSource identity, Dialect dialect) {
		try (Connection connection = identity.getConnection()) {
			if (!TableInspector.tableExists(connection, dialect, TABLE)) {
				connection.createStatement().execute(ddl(dialect));
				if (!connection.getAutoCommit()) {
					connection.commit();
				}
			}
		}
		catch (SQLException ex) {
			throw new ConfigurationProblem("Cannot create " + TABLE + " in the identity database: " + ex.getMessage()
					+ ". The DCR job journals every change there before making it; grant CREATE TABLE to the identity"
					+ " user, or have a DBA run: " + ddl(dialect), ex);
		}
	}

	/** The journal rows of one applied change, as statement arguments. */
	static List<Object[]> rows(long jobExecutionId, ServiceProviderChange change, List<Entry> entries, long now) {
		List<Object[]> rows = new ArrayList<>();
		int sequence = 0;
		for (Entry entry : entries) {
			String id = DeterministicId.of("sp-journal", Long.toString(jobExecutionId), change.registrationId(),
					Integer.toString(sequence++));
			rows.add(new Object[] { id, jobExecutionId, change.registrationId(), change.serviceProvider().id(),
					entry.table(), entry.rowId(), entry.action(), json(entry.before()), json(entry.after()), now });
		}
		return rows;
	}

	/** A journal image read back from its JSON; null stays null. */
	static Map<String, Object> parse(String json) {
		if (json == null) {
			return null;
		}
		try {
			return PropertyEncoding.JSON.readValue(json,
					new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {
					});
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A journal image in " + TABLE + " is not JSON: " + ex.getMessage(), ex);
		}
	}

	static Map<String, Object> image(Object... namesAndValues) {
		Map<String, Object> image = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			image.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return image;
	}

	private static String json(Map<String, Object> image) {
		if (image == null) {
			return null;
		}
		try {
			return PropertyEncoding.JSON.writeValueAsString(image);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

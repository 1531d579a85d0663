package io.obmigrate.core;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptException;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Creates the Spring Batch tables and obmigrate's quarantine, notice and journal tables in the job repository's database when
 * they are missing, whatever the dialect: the default H2 file, or a real database named by {@code obmigrate.jobrepo}.
 */
public class JobRepositorySchema {

	private final ObmigrateDataSources dataSources;

	private volatile boolean ensured;

	public JobRepositorySchema(ObmigrateDataSources dataSources) {
		this.dataSources = dataSources;
	}

	public synchronized void ensure() {
		if (this.ensured) {
			return;
		}
		// Commands started together on a new job repository (a scheduler starting `status` and `run`) race to create
		// the tables; the loser's CREATE fails because the table now exists. Looking again then finds them.
		for (int attempt = 1;; attempt++) {
			try {
				create();
				return;
			}
			catch (ConfigurationProblem ex) {
				if (attempt == 5) {
					throw ex;
				}
				try {
					Thread.sleep(300L * attempt);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	/**
	 * The newest {@code limit} job executions of every job, newest first: each one's ID with its instance's ID, read
	 * from Spring Batch's execution table (its API lists executions per instance only, all of them with their steps).
	 */
	public java.util.LinkedHashMap<Long, Long> newestExecutions(int limit) {
		ensure();
		java.util.LinkedHashMap<Long, Long> newest = new java.util.LinkedHashMap<>();
		if (limit <= 0) {
			return newest;
		}
		try (Connection connection = this.dataSources.connect(ObmigrateDataSources.Name.JOBREPO);
				Statement statement = connection.createStatement()) {
			statement.setMaxRows(limit);
			try (java.sql.ResultSet rows = statement.executeQuery("SELECT JOB_EXECUTION_ID, JOB_INSTANCE_ID FROM"
					+ " BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC")) {
				while (rows.next()) {
					newest.put(rows.getLong(1), rows.getLong(2));
				}
			}
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(ObmigrateDataSources.Name.JOBREPO, ex);
		}
		return newest;
	}

	private void create() {
		try (Connection connection = this.dataSources.connect(ObmigrateDataSources.Name.JOBREPO)) {
			DatabaseMetaData metaData = connection.getMetaData();
			String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
			Dialect dialect = this.dataSources.dialect(ObmigrateDataSources.Name.JOBREPO);
			if (!TableInspector.tableExists(connection, dialect, "BATCH_JOB_INSTANCE")) {
				// H2 in a compatibility mode still runs H2's script; MariaDB has its own
				String platform = product.contains("h2") ? "h2" : product.contains("mariadb") ? "mariadb"
						: dialect.batchSchemaPlatform();
				ScriptUtils.executeSqlScript(connection,
						new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"));
				if (platform.equals("h2")) {
					// H2 caches sequence values; after a crash the next execution ID would jump by the cache size.
					try (Statement statement = connection.createStatement()) {
						for (String sequence : new String[] { "BATCH_JOB_INSTANCE_SEQ", "BATCH_JOB_EXECUTION_SEQ",
								"BATCH_STEP_EXECUTION_SEQ" }) {
							statement.execute("ALTER SEQUENCE " + sequence + " NO CACHE");
						}
					}
				}
			}
			for (String table : new String[] { RowReportRepository.QUARANTINE_TABLE, RowReportRepository.NOTICE_TABLE }) {
				if (!TableInspector.tableExists(connection, dialect, table)) {
					try (Statement statement = connection.createStatement()) {
						statement.execute(rowReportDdl(table, dialect));
						statement.execute("CREATE INDEX " + table + "_IDX ON " + table
								+ " (JOB_INSTANCE_ID, STEP_NAME, SOURCE_KEY, RULE_ID)");
					}
				}
			}
			if (!TableInspector.tableExists(connection, dialect, VerifyFailureRepository.TABLE)) {
				try (Statement statement = connection.createStatement()) {
					statement.execute(VerifyFailureRepository.ddl(dialect));
					statement.execute("CREATE INDEX " + VerifyFailureRepository.TABLE + "_IDX ON "
							+ VerifyFailureRepository.TABLE + " (JOB_INSTANCE_ID, STEP_NAME, SUBJECT)");
				}
			}
			if (!TableInspector.tableExists(connection, dialect, OperationJournal.TABLE)) {
				try (Statement statement = connection.createStatement()) {
					statement.execute(OperationJournal.ddl(dialect));
				}
			}
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
			this.ensured = true;
		}
		catch (SQLException | ScriptException ex) {
			// Spring Batch's schema script fails as a ScriptException: the race above must see it too
			throw new ConfigurationProblem("Cannot create the job repository tables in "
					+ this.dataSources.settings(ObmigrateDataSources.Name.JOBREPO) + ": " + ex.getMessage()
					+ ". The user needs CREATE TABLE rights there, or a DBA can create them from Spring Batch's"
					+ " schema script for that database.", ex);
		}
	}

	private static String rowReportDdl(String table, Dialect dialect) {
		String timestamp = dialect.timestampType();
		return "CREATE TABLE " + table + " (JOB_INSTANCE_ID " + dialect.bigintType() + " NOT NULL, JOB_EXECUTION_ID "
				+ dialect.bigintType() + " NOT NULL, STEP_NAME " + dialect.varcharType(100) + " NOT NULL, SOURCE_TABLE "
				+ dialect.varcharType(128) + " NOT NULL, SOURCE_KEY " + dialect.varcharType(255) + " NOT NULL, RULE_ID "
				+ dialect.varcharType(100) + " NOT NULL, MESSAGE " + dialect.clobType() + " NOT NULL, RECORDED_AT "
				+ timestamp + " NOT NULL)";
	}

}

package io.obmigrate.reporting;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.RunSummary;
import io.obmigrate.core.TableInspector;

/**
 * the OB 2.0 tables the reporting job does not migrate are left untouched and reported with
 * their row counts: the side tables it reads ({@code UK_ADDITIONAL_RAW_DATA}, {@code TransactionDeliveryAddress}),
 * {@code CONSENT_RAW_DATA}, the OB 2.0 fraud tables, and every table of the summarized database when
 * {@code obmigrate.reporting-summarized} is configured. Counted when the job starts, kept in the job's context for the
 * summary and {@code status}.
 */
public class ReportingUntouchedTables implements JobExecutionListener {

	static final List<String> SIDE_TABLES = List.of("UK_ADDITIONAL_RAW_DATA", "TransactionDeliveryAddress");

	static final List<String> KEPT_TABLES = List.of("CONSENT_RAW_DATA", "FraudulentTransactionData",
			"ApplicationBlacklist", "GreyList", "UserBlacklist");

	private final ReportingSchema schema;

	private final ObmigrateDataSources dataSources;

	public ReportingUntouchedTables(ReportingSchema schema, ObmigrateDataSources dataSources) {
		this.schema = schema;
		this.dataSources = dataSources;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		jobExecution.getExecutionContext().put(RunSummary.DETAILS_KEY, count());
	}

	/** Table (with its database when not the stats database) to its row count and role, in report order. */
	LinkedHashMap<String, String> count() {
		LinkedHashMap<String, String> counts = new LinkedHashMap<>();
		JdbcTemplate reporting = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.REPORTING));
		for (String table : SIDE_TABLES) {
			counts.put(table, rows(reporting, table, "side table, read for the fills"));
		}
		for (String table : KEPT_TABLES) {
			counts.put(table, rows(reporting, table, "not used by OB 3.0"));
		}
		if (!this.dataSources.settings(ObmigrateDataSources.Name.REPORTING_SUMMARIZED).isConfigured()) {
			counts.put("summarized database", "not configured: set obmigrate.reporting-summarized.url to have its"
					+ " tables counted (it is never changed)");
			return counts;
		}
		JdbcTemplate summarized = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.REPORTING_SUMMARIZED));
		try (Connection connection = this.dataSources.connect(ObmigrateDataSources.Name.REPORTING_SUMMARIZED)) {
			List<String> tables = TableInspector.tables(connection,
					this.dataSources.dialect(ObmigrateDataSources.Name.REPORTING_SUMMARIZED));
			for (String table : tables) {
				Long rows = summarized.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
				counts.put("summarized: " + table, String.format("%,d rows", rows));
			}
			if (tables.isEmpty()) {
				counts.put("summarized database", "no tables");
			}
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(ObmigrateDataSources.Name.REPORTING_SUMMARIZED, ex);
		}
		return counts;
	}

	private String rows(JdbcTemplate jdbc, String table, String role) {
		Map<String, TableInspector.Column> columns = this.schema.columns(table);
		if (columns.isEmpty()) {
			return "absent";
		}
		Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
		return String.format("%,d rows (%s)", rows, role);
	}

}

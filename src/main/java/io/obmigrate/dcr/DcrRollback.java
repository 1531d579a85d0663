package io.obmigrate.dcr;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.Rollback;
import io.obmigrate.core.TableInspector;

/**
 * Takes back what the DCR job changed in the Identity Server tables, from its journal ({@code OBMIGRATE_SP_JOURNAL}):
 * the changes of one registration in one run are undone together, newest first, in one transaction that also removes
 * their journal rows. Renamed properties, service-provider and OAuth application names, grant types and scripts get
 * their before-images back; added properties are deleted. A rollback that is killed leaves whole registrations only;
 * running it again undoes the rest.
 */
class DcrRollback implements Rollback {

	private final ObmigrateDataSources dataSources;

	DcrRollback(ObmigrateDataSources dataSources) {
		this.dataSources = dataSources;
	}

	@Override
	public String job() {
		return DcrJobConfiguration.JOB_NAME;
	}

	@Override
	public String unconfigured() {
		return this.dataSources.isConfigured(Name.IDENTITY) ? null : "no identity database is configured";
	}

	@Override
	public List<Name> targets() {
		return List.of(Name.IDENTITY);
	}

	@Override
	public Map<String, String> pending() {
		Map<String, String> pending = new LinkedHashMap<>();
		if (!journalExists()) {
			return pending;
		}
		jdbc().query("SELECT TABLE_NAME, COUNT(*) FROM " + ServiceProviderJournal.TABLE
				+ " GROUP BY TABLE_NAME ORDER BY TABLE_NAME", rs -> {
					pending.put(rs.getString(1), String.format("%,d journalled changes to undo", rs.getLong(2)));
				});
		return pending;
	}

	@Override
	public Map<String, Long> execute(Consumer<String> progress) {
		Map<String, Long> restored = new LinkedHashMap<>();
		if (!journalExists()) {
			return restored;
		}
		JdbcTemplate identity = jdbc();
		TransactionTemplate transaction = new TransactionTemplate(
				new DataSourceTransactionManager(this.dataSources.get(Name.IDENTITY)));
		long registrations = 0;
		while (true) {
			// newest change first: a property renamed by two runs gets its oldest name back last
			List<Object[]> next = identity.query(this.dataSources.dialect(Name.IDENTITY)
				.limit("SELECT JOB_EXECUTION_ID, REGISTRATION_ID FROM " + ServiceProviderJournal.TABLE
						+ " ORDER BY APPLIED_AT DESC, JOB_EXECUTION_ID DESC, REGISTRATION_ID DESC", 1),
					(rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) });
			if (next.isEmpty()) {
				return restored;
			}
			long execution = (Long) next.get(0)[0];
			String registration = (String) next.get(0)[1];
			transaction.executeWithoutResult(status -> undo(identity, execution, registration, restored));
			registrations++;
			progress.accept(String.format("restored registration %s of dcr execution %d (%,d so far)", registration,
					execution, registrations));
		}
	}

	private void undo(JdbcTemplate identity, long execution, String registration, Map<String, Long> restored) {
		List<Object[]> entries = identity.query("SELECT TABLE_NAME, ROW_ID, ACTION, BEFORE_IMAGE, AFTER_IMAGE FROM "
				+ ServiceProviderJournal.TABLE + " WHERE JOB_EXECUTION_ID = ? AND REGISTRATION_ID = ?",
				(rs, n) -> new Object[] { rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2),
						rs.getString(3), ServiceProviderJournal.parse(rs.getString(4)),
						ServiceProviderJournal.parse(rs.getString(5)) },
				execution, registration);
		for (Object[] entry : entries) {
			String table = (String) entry[0];
			Long rowId = (Long) entry[1];
			String action = (String) entry[2];
			@SuppressWarnings("unchecked")
			Map<String, Object> before = (Map<String, Object>) entry[3];
			@SuppressWarnings("unchecked")
			Map<String, Object> after = (Map<String, Object>) entry[4];
			int rows;
			if ("INSERT".equals(action)) {
				rows = identity.update("DELETE FROM " + table + " WHERE SP_ID = ? AND NAME = ?",
						((Number) after.get("SP_ID")).longValue(), after.get("NAME"));
			}
			else if (table.equals("SP_AUTH_SCRIPT")) {
				Object content = before.get("CONTENT");
				rows = identity.update("UPDATE SP_AUTH_SCRIPT SET CONTENT = ? WHERE ID = ?",
						content == null ? null : content.toString().getBytes(StandardCharsets.UTF_8), rowId);
			}
			else {
				List<String> columns = new ArrayList<>(before.keySet());
				List<Object> args = new ArrayList<>();
				StringBuilder set = new StringBuilder();
				for (String column : columns) {
					set.append(set.isEmpty() ? "" : ", ").append(column).append(" = ?");
					args.add(before.get(column));
				}
				args.add(rowId);
				rows = identity.update("UPDATE " + table + " SET " + set + " WHERE ID = ?", args.toArray());
			}
			restored.merge(table, (long) rows, Long::sum);
		}
		identity.update("DELETE FROM " + ServiceProviderJournal.TABLE + " WHERE JOB_EXECUTION_ID = ? AND"
				+ " REGISTRATION_ID = ?", execution, registration);
	}

	private boolean journalExists() {
		try (Connection connection = this.dataSources.connect(Name.IDENTITY)) {
			return TableInspector.tableExists(connection, this.dataSources.dialect(Name.IDENTITY),
					ServiceProviderJournal.TABLE);
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(Name.IDENTITY, ex);
		}
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(this.dataSources.get(Name.IDENTITY));
	}

}

package io.obmigrate.dcr;

import static io.obmigrate.dcr.ServiceProviderJournal.image;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.obmigrate.core.ChunkReport;
import io.obmigrate.core.DataSourceFault;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.Dialect;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.RowFaults;
import io.obmigrate.core.RowReport;
import io.obmigrate.dcr.ServiceProviderChange.PropertyAddition;
import io.obmigrate.dcr.ServiceProviderChange.PropertyRename;
import io.obmigrate.dcr.ServiceProviderJournal.Entry;

/**
 * Applies each registration's change in its own Identity Server transaction: journal rows first, then the
 * updates, each guarded by the value it replaces. A registration whose change fails (a value the live column refuses,
 * a row changed since it was read, a constraint) is rolled back alone and quarantined with the database's reason; the
 * run continues. In a dry run nothing is written and each change is reported as a diff.
 */
public class DcrWriter implements ItemWriter<ServiceProviderChange> {


	private final JdbcTemplate identity;

	private final TransactionTemplate perRegistration;

	private final String valueColumn;

	private final MigrationTally tally;

	private final ChunkReport report;

	private final boolean dryRun;

	private final long jobExecutionId;

	private ObmigrateDataSources dataSources;

	/** Names the Identity Server database in the failures of this writer's chunks. */
	public DcrWriter named(ObmigrateDataSources dataSources) {
		this.dataSources = dataSources;
		return this;
	}

	public DcrWriter(DataSource identity, Dialect dialect, MigrationTally tally, ChunkReport report, boolean dryRun,
			long jobExecutionId) {
		this.identity = new JdbcTemplate(identity);
		this.perRegistration = new TransactionTemplate(new DataSourceTransactionManager(identity));
		this.perRegistration.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.valueColumn = dialect.quote("VALUE");
		this.tally = tally;
		this.report = report;
		this.dryRun = dryRun;
		this.jobExecutionId = jobExecutionId;
	}

	@Override
	public void write(Chunk<? extends ServiceProviderChange> chunk) {
		for (ServiceProviderChange change : chunk) {
			if (this.dryRun) {
				this.report.add(RowReport.notice(ServiceProviderMigration.TABLE, change.registrationId(), DcrRule.PLANNED_CHANGE,
						describe(change)));
				count(change, 0);
				continue;
			}
			try {
				int journalled = this.perRegistration.execute(status -> apply(change));
				count(change, journalled);
			}
			catch (DataAccessException | ServiceProviderChanged ex) {
				if (!refusedByData(ex)) {
					// the database is unreachable or the schema is wrong: fail the chunk, naming the database
					throw this.dataSources == null ? ex
							: DataSourceFault.of(this.dataSources, ObmigrateDataSources.Name.IDENTITY, ex);
				}
				Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
				this.report.add(RowReport.quarantined(ServiceProviderMigration.TABLE, change.registrationId(),
						DcrRule.APPLY_FAILED, "Changing service provider " + change.serviceProvider().name()
								+ " failed and was rolled back: " + root.getMessage()
								+ ". Fix the cause (a column too narrow, a name taken, or the Identity Server still"
								+ " running and changing SPs) and restart."));
			}
		}
	}

	/**
	 * Whether the database refused this registration's data (a value too long, a name taken, a row changed since it
	 * was read): that registration is quarantined. Anything else (connection lost, missing table) fails the chunk.
	 */
	static boolean refusedByData(RuntimeException ex) {
		return ex instanceof ServiceProviderChanged || ex instanceof DataIntegrityViolationException
				|| RowFaults.isRowFault(ex);
	}

	static String describe(ServiceProviderChange change) {
		return "service provider " + change.serviceProvider().name() + " (ID " + change.serviceProvider().id() + ")\n  "
				+ String.join("\n  ", change.diff());
	}

	private void count(ServiceProviderChange change, int journalled) {
		this.tally.add(MigrationTally.WRITTEN, 1);
		this.tally.targetRows("SP_METADATA", change.renames().size() + change.additions().size());
		this.tally.targetRows("SP_APP", change.spName() != null ? 1 : 0);
		this.tally.targetRows("IDN_OAUTH_CONSUMER_APPS",
				change.oauthAppName() != null || change.grantTypes() != null ? 1 : 0);
		this.tally.targetRows("SP_AUTH_SCRIPT", change.script() != null ? 1 : 0);
		this.tally.targetRows(ServiceProviderJournal.TABLE, journalled);
	}

	private int apply(ServiceProviderChange change) {
		ServiceProvider sp = change.serviceProvider();
		List<Entry> entries = new ArrayList<>();
		for (PropertyRename rename : change.renames()) {
			ServiceProvider.Property property = rename.property();
			expectOne(this.identity.update("UPDATE SP_METADATA SET NAME = ?, DISPLAY_NAME = ? WHERE ID = ? AND NAME = ?",
					rename.newName(), rename.newDisplayName(), property.id(), property.name()),
					"property " + property.name());
			entries.add(new Entry("SP_METADATA", property.id(), "UPDATE",
					image("NAME", property.name(), "DISPLAY_NAME", property.displayName()),
					image("NAME", rename.newName(), "DISPLAY_NAME", rename.newDisplayName())));
		}
		if (!change.additions().isEmpty()) {
			List<Object[]> rows = new ArrayList<>();
			for (PropertyAddition addition : change.additions()) {
				rows.add(new Object[] { sp.id(), addition.name(), addition.value(), addition.name(), sp.tenantId() });
				entries.add(new Entry("SP_METADATA", null, "INSERT", null, image("SP_ID", sp.id(), "NAME",
						addition.name(), "VALUE", addition.value(), "DISPLAY_NAME", addition.name())));
			}
			this.identity.batchUpdate("INSERT INTO SP_METADATA (SP_ID, NAME, " + this.valueColumn
					+ ", DISPLAY_NAME, TENANT_ID) VALUES (?, ?, ?, ?, ?)", rows);
		}
		if (change.spName() != null) {
			expectOne(this.identity.update("UPDATE SP_APP SET APP_NAME = ? WHERE ID = ? AND APP_NAME = ?",
					change.spName().after(), sp.id(), change.spName().before()), "SP_APP.APP_NAME");
			entries.add(new Entry("SP_APP", sp.id(), "UPDATE", image("APP_NAME", change.spName().before()),
					image("APP_NAME", change.spName().after())));
		}
		if (change.oauthAppName() != null) {
			updateOAuthApp(sp.oauthApp(), "APP_NAME", change.oauthAppName(), entries);
		}
		if (change.grantTypes() != null) {
			updateOAuthApp(sp.oauthApp(), "GRANT_TYPES", change.grantTypes(), entries);
		}
		if (change.script() != null) {
			expectOne(this.identity.update("UPDATE SP_AUTH_SCRIPT SET CONTENT = ? WHERE ID = ?",
					change.script().after().getBytes(StandardCharsets.UTF_8), sp.script().id()), "SP_AUTH_SCRIPT");
			entries.add(new Entry("SP_AUTH_SCRIPT", sp.script().id(), "UPDATE",
					image("CONTENT", change.script().before()), image("CONTENT", change.script().after())));
		}
		List<Object[]> journal = ServiceProviderJournal.rows(this.jobExecutionId, change, entries,
				System.currentTimeMillis());
		this.identity.batchUpdate(ServiceProviderJournal.INSERT, journal);
		return journal.size();
	}

	private void updateOAuthApp(ServiceProvider.OAuthApp app, String column, ServiceProviderChange.Replacement change,
			List<Entry> entries) {
		String guard = change.before() == null ? column + " IS NULL" : column + " = ?";
		Object[] args = change.before() == null ? new Object[] { change.after(), app.id() }
				: new Object[] { change.after(), app.id(), change.before() };
		expectOne(this.identity.update("UPDATE IDN_OAUTH_CONSUMER_APPS SET " + column + " = ? WHERE ID = ? AND " + guard,
				args), "IDN_OAUTH_CONSUMER_APPS." + column);
		entries.add(new Entry("IDN_OAUTH_CONSUMER_APPS", app.id(), "UPDATE", image(column, change.before()),
				image(column, change.after())));
	}

	private static void expectOne(int updated, String what) {
		if (updated != 1) {
			throw new ServiceProviderChanged(what + " changed since it was read (" + updated + " rows matched)");
		}
	}

	/** A row no longer holds the value the change was computed from. */
	static class ServiceProviderChanged extends RuntimeException {

		ServiceProviderChanged(String message) {
			super(message);
		}

	}

}

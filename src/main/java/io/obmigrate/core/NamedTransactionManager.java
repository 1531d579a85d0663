package io.obmigrate.core;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The chunk transactions of one of obmigrate's databases: a commit or rollback that fails (the connection was lost
 * mid-chunk) names that database ({@link DataSourceFault}), so the summary says where to look and a transient fault
 * is resumed.
 */
public class NamedTransactionManager extends DataSourceTransactionManager {

	private final transient ObmigrateDataSources dataSources;

	private final ObmigrateDataSources.Name name;

	public NamedTransactionManager(DataSource dataSource, ObmigrateDataSources dataSources,
			ObmigrateDataSources.Name name) {
		super(dataSource);
		this.dataSources = dataSources;
		this.name = name;
	}

	@Override
	protected void doCommit(DefaultTransactionStatus status) {
		try {
			super.doCommit(status);
		}
		catch (RuntimeException ex) {
			throw DataSourceFault.of(this.dataSources, this.name, ex);
		}
	}

	@Override
	protected void doRollback(DefaultTransactionStatus status) {
		try {
			super.doRollback(status);
		}
		catch (RuntimeException ex) {
			throw DataSourceFault.of(this.dataSources, this.name, ex);
		}
	}

}

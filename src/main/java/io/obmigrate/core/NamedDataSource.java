package io.obmigrate.core;

import java.sql.Connection;
import java.sql.SQLException;

import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * A data source that resolves its pool only when a connection is first asked for, so that beans (transaction
 * managers, job steps) can be wired without connecting to databases a command never uses.
 */
public class NamedDataSource extends AbstractDataSource {

	private final ObmigrateDataSources dataSources;

	private final ObmigrateDataSources.Name name;

	public NamedDataSource(ObmigrateDataSources dataSources, ObmigrateDataSources.Name name) {
		this.dataSources = dataSources;
		this.name = name;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return this.dataSources.connect(this.name);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLException("obmigrate data sources take their credentials from configuration");
	}

	@Override
	public String toString() {
		return this.name.property() + " (" + this.dataSources.settings(this.name) + ")";
	}

}

package io.obmigrate.check;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.obmigrate.core.CheckRun;
import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.CoreRule;
import io.obmigrate.core.Finding;
import io.obmigrate.core.Dialect;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.ObmigrateProperties;

/**
 * Connectivity, product and version, driver, dialect and session time zone of every configured data source, and the
 * source time zone obmigrate assumes for OB 2.0's wall-clock columns.
 */
class DataSourceFindings {

	private final ObmigrateDataSources dataSources;

	private final ObmigrateProperties properties;

	DataSourceFindings(ObmigrateDataSources dataSources, ObmigrateProperties properties) {
		this.dataSources = dataSources;
		this.properties = properties;
	}

	/** Adds the findings; returns the data sources that answered. */
	List<Name> check(java.util.Collection<Name> configured, CheckRun run) {
		List<Name> reachable = new ArrayList<>();
		for (Name name : configured) {
			String area = name.area();
			try (Connection connection = this.dataSources.connect(name)) {
				DatabaseMetaData meta = connection.getMetaData();
				Dialect dialect = this.dataSources.dialect(name);
				String zone = sessionTimeZone(connection, dialect);
				run.add(Finding.info(area, CoreRule.DATA_SOURCE, this.dataSources.settings(name) + ": "
						+ meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion() + ", dialect "
						+ dialect.folder() + ", driver " + meta.getDriverName() + " " + meta.getDriverVersion()
						+ ", session time zone " + zone));
				if (name == Name.OB) {
					sourceZone(dialect, zone, run);
				}
				reachable.add(name);
			}
			catch (ConfigurationProblem ex) {
				run.add(Finding.blocker(area, CoreRule.DATA_SOURCE_UNREACHABLE, ex.getMessage(),
						"Every check and job on this database needs a working connection.",
						"Correct the settings named above and run `obmigrate check` again."));
			}
			catch (SQLException ex) {
				run.add(Finding.blocker(area, CoreRule.DATA_SOURCE_UNREACHABLE, "Reading metadata of "
						+ this.dataSources.settings(name) + " failed: " + ex.getMessage(),
						"obmigrate reads table shapes from JDBC metadata before it reads any row.",
						"Grant the user read access to the database's metadata (information schema)."));
			}
		}
		return reachable;
	}

	private void sourceZone(Dialect dialect, String sessionZone, CheckRun run) {
		ZoneId assumed = this.properties.getSourceTimeZone();
		run.add(Finding.info("ob", CoreRule.SOURCE_TIME_ZONE, "obmigrate.source-time-zone = " + assumed
				+ ": OB 2.0 wall-clock (DATETIME) values are read as times in this zone."));
		if (dialect != Dialect.MYSQL || sessionZone == null) {
			return;
		}
		// MySQL DATETIME defaults come from the server clock: a server zone unlike the assumed one shifts every time.
		String system = sessionZone.contains("system ") ? sessionZone.substring(sessionZone.indexOf("system ") + 7)
			.replace(")", "")
			.strip() : null;
		if (system == null) {
			return;
		}
		try {
			ZoneId server = ZoneId.of(system, ZoneId.SHORT_IDS);
			Instant now = Instant.now();
			if (!server.getRules().getOffset(now).equals(assumed.getRules().getOffset(now))) {
				run.add(Finding.warn("ob", CoreRule.SOURCE_TIME_ZONE_DIFFERS, "The OB database server runs in time zone "
						+ system + " but obmigrate.source-time-zone is " + assumed + ".",
						"OB 2.0 filled DATETIME columns from the server clock; reading them in another zone shifts every"
								+ " consent time by the difference.",
						"Set obmigrate.source-time-zone (OBMIGRATE_SOURCETIMEZONE) to the zone OB 2.0 wrote in,"
								+ " usually the server's: " + system + "."));
			}
		}
		catch (RuntimeException ex) {
			// an abbreviation Java does not know: the INFO line above shows it
		}
	}

	static String sessionTimeZone(Connection connection, Dialect dialect) {
		List<String> all = new ArrayList<>(dialect.sessionTimeZoneQueries());
		all.add("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'TIME ZONE'");
		for (String query : all) {
			try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
				if (rs.next() && rs.getString(1) != null) {
					return rs.getString(1);
				}
			}
			catch (SQLException ex) {
				// next candidate
			}
		}
		return "unknown";
	}

}

package io.obmigrate.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/** Every row of the six OB 3.0 consent tables, in key order, as text: two snapshots are equal row for row. */
public final class TargetSnapshot {

	private static final Map<String, String> ORDER = Map.of("OB_CONSENT", "CONSENT_ID", "OB_CONSENT_AUTH_RESOURCE",
			"AUTH_ID", "OB_CONSENT_MAPPING", "MAPPING_ID", "OB_CONSENT_STATUS_AUDIT", "STATUS_AUDIT_ID",
			"OB_CONSENT_FILE", "CONSENT_ID", "OB_CONSENT_ATTRIBUTE", "CONSENT_ID, ATT_KEY");

	private TargetSnapshot() {
	}

	public static Map<String, List<String>> of(DataSource dataSource) {
		Map<String, List<String>> tables = new LinkedHashMap<>();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			for (String table : List.of("OB_CONSENT", "OB_CONSENT_AUTH_RESOURCE", "OB_CONSENT_MAPPING",
					"OB_CONSENT_STATUS_AUDIT", "OB_CONSENT_FILE", "OB_CONSENT_ATTRIBUTE")) {
				List<String> rows = new ArrayList<>();
				try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " ORDER BY " + ORDER.get(table))) {
					while (rs.next()) {
						rows.add(DatabaseSnapshot.row(rs));
					}
				}
				tables.put(table, rows);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return tables;
	}

	public static long count(DataSource dataSource, String table) {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
			rs.next();
			return rs.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package io.obmigrate.core;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

/**
 * A capability's synthetic OB 2.0 data for {@code obmigrate generate} and the demo: the source tables created if
 * absent and filled with realistic rows, a share of them with the defects the job must quarantine or report. For
 * rehearsals and benchmarks, never production.
 */
public interface SampleData {

	/** The job the data is for ({@code consent}, {@code dcr}, {@code reporting}). */
	String job();

	/**
	 * Writes {@code count} sample items (consents, registrations, API requests).
	 *
	 * @param defectRate the share of items with a planted defect, 0 to 1
	 * @return what was written, for the terminal
	 */
	String generate(int count, long seed, double defectRate);

	/**
	 * The tables {@link #generate} fills that already hold rows, with their counts (empty: none does). {@code generate}
	 * refuses such a database unless told {@code --into-existing}: it may be a bank's real one.
	 */
	Map<String, Long> occupiedTables();

	/** The tables of {@code tables} that exist in the database and hold rows, with their row counts. */
	static Map<String, Long> rowsIn(DataSource dataSource, Dialect dialect, List<String> tables) {
		Map<String, Long> occupied = new LinkedHashMap<>();
		try (Connection connection = dataSource.getConnection()) {
			for (String table : tables) {
				if (TableInspector.tableExists(connection, dialect, table)) {
					try (Statement statement = connection.createStatement();
							ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
						long n = rows.next() ? rows.getLong(1) : 0;
						if (n > 0) {
							occupied.put(table, n);
						}
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Counting the rows of " + tables + " failed: " + ex.getMessage(), ex);
		}
		return occupied;
	}

	/** How a capability writes its sample items: returns what was written. */
	@FunctionalInterface
	interface Generator {

		String generate(int count, long seed, double defectRate);

	}

	/** The sample data of {@code job}, written by {@code generator}; {@code occupiedTables} as {@link #occupiedTables}. */
	static SampleData of(String job, Supplier<Map<String, Long>> occupiedTables, Generator generator) {
		return new SampleData() {
			@Override
			public Map<String, Long> occupiedTables() {
				return occupiedTables.get();
			}

			@Override
			public String job() {
				return job;
			}

			@Override
			public String generate(int count, long seed, double defectRate) {
				return generator.generate(count, seed, defectRate);
			}
		};
	}

}

package io.obmigrate.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.Dialect;
import io.obmigrate.support.TestDatabase;

/**
 * The in-database mode's SQL computes exactly what the Java rules compute, on each database it is written for: the
 * name-based IDs (non-ASCII, long and odd IDs, timestamps before 1970 and after 2038) and the REQUEST_TIMESTAMP text
 * (whatever the session's zone).
 */
class InDatabaseExpressionsTest {

	private static final List<String> IDS = List.of("msg-1", "ümlaut-é-ß-日本", "a".repeat(200), "3f2504e0-4f89-11d3-9a0c",
			"with 'quote'", "MiXeD-Case");

	private static final List<Long> TIMESTAMPS = List.of(0L, 1L, 1_700_000_000L, 2_208_988_800L, -86_400L);

	private static final List<Long> MILLIS = List.of(1L, 999L, 1_000L, 1_711_846_799_999L, 1_711_846_800_123L,
			2_208_988_800_001L, 915_148_800_500L);

	private static TestDatabase database(String kind) {
		return switch (kind) {
			case "mariadb" -> TestDatabase.mariadb();
			case "postgresql" -> TestDatabase.postgres();
			default -> TestDatabase.h2();
		};
	}

	private static InDatabaseStatements statements(ReportingTableRule rule, Dialect dialect) {
		ReportingTargetShape shape = ReportingTargetShape.plan(rule, Map.of());
		return new InDatabaseStatements(shape, Set.of("ID", "TIMESTAMP"), new ReportingSources(false, Map.of(), false,
				null), dialect, "T", true, true, Map.of(), false);
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "mariadb", "postgresql" })
	void idsAndRequestTimestampsAreTheJavaOnes(String kind) {
		try (TestDatabase database = database(kind)) {
			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			Dialect dialect = switch (kind) {
				case "mariadb" -> Dialect.MYSQL;
				case "postgresql" -> Dialect.POSTGRESQL;
				default -> Dialect.H2;
			};
			if (dialect == Dialect.MYSQL) {
				jdbc.execute("SET time_zone = '+05:30'");
			}
			jdbc.execute("CREATE TABLE SRC (ID VARCHAR(254) NOT NULL, TIMESTAMP BIGINT NOT NULL, MS BIGINT NOT NULL)"
					+ (dialect == Dialect.MYSQL ? " CHARACTER SET latin1" : ""));
			for (int i = 0; i < IDS.size(); i++) {
				for (Long timestamp : TIMESTAMPS) {
					String id = dialect == Dialect.MYSQL && !IDS.get(i).matches("[\\x00-\\xff]*") ? "latin-only" : IDS.get(i);
					jdbc.update("INSERT INTO SRC VALUES (?, ?, ?)", id + i, timestamp, MILLIS.get((int) ((i + timestamp) % MILLIS.size() + MILLIS.size()) % MILLIS.size()));
				}
			}
			for (ReportingTableRule rule : List.of(ReportingTableRule.ACCOUNTS, ReportingTableRule.API_LATENCY)) {
				InDatabaseStatements statements = statements(rule, dialect);
				jdbc.query("SELECT s.ID, s.TIMESTAMP, " + statements.idExpression() + ", s.MS, "
						+ statements.utcText("s.MS") + " FROM SRC s", rs -> {
							String id = rs.getString(1);
							long timestamp = rs.getLong(2);
							assertThat(rs.getString(3)).as(kind + " " + rule.table() + " " + id + " " + timestamp)
								.isEqualTo(ReportingIds.of(rule.table(), id, timestamp));
							assertThat(rs.getString(5)).as(kind + " " + rs.getLong(4))
								.isEqualTo(LatencyRules.requestTimestamp(rs.getLong(4), null));
						});
			}
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM SRC", Integer.class))
				.isEqualTo(IDS.size() * TIMESTAMPS.size());
		}
	}

}

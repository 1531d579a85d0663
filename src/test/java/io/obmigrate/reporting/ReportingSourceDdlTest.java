package io.obmigrate.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.TableInspector;
import io.obmigrate.support.TestDatabase;

/**
 * The OB 2.0 reporting tables of {@code sql/<dialect>/ob2-reporting.sql} (atlas F.2) load on every database tested here,
 * and are found by unquoted names, as Siddhi created them (including the camel-case {@code TransactionDeliveryAddress}).
 */
class ReportingSourceDdlTest {

	static final List<String> TABLES = List.of("ACCOUNTS_RAW_DATA", "FUNDS_CONFIRMATION_RAW_DATA", "PAYMENTS_RAW_DATA",
			"API_INVOCATION_RAW_DATA", "AUTHENTICATION_RAW_DATA", "AUTHORISATION_RAW_DATA", "UK_ADDITIONAL_RAW_DATA",
			"TransactionDeliveryAddress", "CONSENT_RAW_DATA", "FraudulentTransactionData");

	static Stream<Arguments> databases() {
		return Stream.of(Arguments.of("h2", (Supplier<TestDatabase>) TestDatabase::h2),
				Arguments.of("h2-mssql", (Supplier<TestDatabase>) () -> TestDatabase.h2("MSSQLServer")),
				Arguments.of("h2-oracle", (Supplier<TestDatabase>) () -> TestDatabase.h2("Oracle")),
				Arguments.of("mariadb", (Supplier<TestDatabase>) TestDatabase::mariadb),
				Arguments.of("postgresql", (Supplier<TestDatabase>) TestDatabase::postgres));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void sourceTablesLoadAndTheirOb3ShapesCreate(String name, Supplier<TestDatabase> factory) throws Exception {
		try (TestDatabase database = factory.get(); Connection connection = database.dataSource().getConnection()) {
			Dialect dialect = Dialect.detect(connection);
			ScriptUtils.executeSqlScript(connection,
					new ClassPathResource("sql/" + dialect.folder() + "/ob2-reporting.sql"));
			for (String table : TABLES) {
				assertThat(exists(connection, dialect, table)).as(table).isTrue();
			}
			assertThat(TableInspector.columns(connection, dialect, "API_INVOCATION_RAW_DATA")).containsKeys("ID",
					"TIMESTAMP", "REQUEST_EXQ_START_TIME", "BACKEND_REQ_START_TIME", "BACKEND_REQ_END_TIME",
					"BACKEND_LATENCY", "TPP_ID");
			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			// every OB 3.0 shape planned from the live source columns creates on this database
			for (ReportingTableRule rule : ReportingTableRule.ALL) {
				java.util.Map<String, String> source = rule == ReportingTableRule.API_LATENCY ? java.util.Map.of()
						: ReportingTargetShape.sourceColumns(TableInspector.columns(connection, dialect, rule.table()));
				for (String statement : ReportingTargetShape.plan(rule, source).ddl(dialect, rule.table() + "__OB3")) {
					jdbc.execute(statement);
				}
				assertThat(exists(connection, dialect, rule.table() + "__OB3")).as(rule.table()).isTrue();
			}
			jdbc.update("INSERT INTO TransactionDeliveryAddress (consentId, deliveryAddress, timestamp) VALUES (?, ?, ?)",
					"c1", "x".repeat(300), 1L);
			assertThat(jdbc.queryForObject("SELECT deliveryAddress FROM TransactionDeliveryAddress WHERE consentId = ?",
					String.class, "c1")).hasSize(300);
		}
	}

	private static boolean exists(Connection connection, Dialect dialect, String table) throws java.sql.SQLException {
		return !ReportingSchema.columns(connection, dialect, table).isEmpty();
	}

}

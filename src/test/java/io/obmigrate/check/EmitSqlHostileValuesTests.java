package io.obmigrate.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import io.obmigrate.core.Dialect;
import io.obmigrate.dcr.DcrDataGenerator;
import io.obmigrate.support.TestDatabase;

/**
 * The statements {@code check --emit-sql} writes for a DBA to run, run as written against the database, with service
 * providers whose software IDs are hostile (quotes, backslashes, comment markers, semicolons, client variables,
 * Unicode, control characters, NUL where the database holds one): exactly the intended rows change, to exactly the
 * intended values, and nothing else does.
 */
abstract class EmitSqlHostileValuesTests {

	@TempDir
	Path home;

	TestDatabase database;

	Dialect dialect;

	JdbcTemplate jdbc;

	abstract TestDatabase createDatabase();

	static List<String> hostileSoftwareIds(Dialect dialect) {
		List<String> ids = new ArrayList<>(List.of("ev_il\\' ; DROP TABLE X; -- ", "quote_'_'' end", "back_slash\\\\",
				"semi_colon; UPDATE SP_APP SET APP_NAME = 'pwned';", "comment_/* x */ -- y #z", "uni_café_数据_😀",
				"dollar_$(x)_&amp; :var", "tab_\t_bell\u0007", "ends_with_backslash\\", "percent_%_under_"));
		if (dialect != Dialect.POSTGRESQL) {
			ids.add("nul_a\u0000b");
		}
		return ids;
	}

	@BeforeEach
	void load() throws Exception {
		this.database = createDatabase().withIdentity();
		try (Connection connection = this.database.dataSource().getConnection()) {
			this.dialect = Dialect.detect(connection);
			ScriptUtils.executeSqlScript(connection,
					new ClassPathResource("sql/" + this.dialect.folder() + "/ob2-source.sql"));
		}
		this.jdbc = new JdbcTemplate(this.database.dataSource());
		this.jdbc.execute("CREATE TABLE X (ID INT)");
		DcrDataGenerator data = new DcrDataGenerator(this.database.dataSource(), this.dialect,
				this.database.dataSource(), this.dialect);
		data.ensureTables();
		data.serviceProvider("admin_Bystander_PRODUCTION", "client-b", "client_credentials", -1234);
		data.registration("rb", "client-b", "Bystander", "production", "ACTIVE", "{\"software_id\":\"Bystander\"}");
		int i = 0;
		for (String softwareId : hostileSoftwareIds(this.dialect)) {
			i++;
			data.serviceProvider("admin_" + softwareId + "_PRODUCTION", "client-" + i, "client_credentials", -1234);
			data.registration("r" + i, "client-" + i, softwareId, "production", "ACTIVE", "{\"scope\":\"accounts\"}");
		}
	}

	@AfterEach
	void drop() {
		this.database.close();
	}

	/** Runs the file as a DBA's client would: the whole text, one statement after the other, parsed by the server. */
	abstract void runScript(String sql) throws Exception;

	@Test
	void emittedStatementsChangeExactlyTheIntendedRowsToTheIntendedValues() throws Exception {
		Map<String, String> spBefore = names("SELECT UUID, APP_NAME FROM SP_APP");
		Map<String, String> appsBefore = names("SELECT CONSUMER_KEY, APP_NAME FROM IDN_OAUTH_CONSUMER_APPS");
		Path sql = this.home.resolve("suggested.sql");
		TestDatabase.Result check = this.database.run(this.home, "check", "--emit-sql", sql.toString());
		assertThat(check.out()).as(check.toString()).contains("underscore-in-software-id");
		String text = Files.readString(sql);
		List<String> hostile = hostileSoftwareIds(this.dialect);
		assertThat(text.lines().filter(l -> l.startsWith("UPDATE ")).count()).as(text).isEqualTo(2L * hostile.size());

		runScript(text);

		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM X", Long.class)).as("table X survives").isZero();
		Map<String, String> spAfter = names("SELECT UUID, APP_NAME FROM SP_APP");
		Map<String, String> appsAfter = names("SELECT CONSUMER_KEY, APP_NAME FROM IDN_OAUTH_CONSUMER_APPS");
		Map<String, String> spExpected = new LinkedHashMap<>(spBefore);
		Map<String, String> appsExpected = new LinkedHashMap<>(appsBefore);
		int i = 0;
		for (String softwareId : hostile) {
			i++;
			String oldName = "admin_" + softwareId + "_PRODUCTION";
			String rename = softwareId.replace('_', '-');
			spExpected.replaceAll((uuid, name) -> name.equals(oldName) ? rename : name);
			appsExpected.put("client-" + i, rename);
		}
		assertThat(spAfter).isEqualTo(spExpected);
		assertThat(appsAfter).isEqualTo(appsExpected);
		assertThat(spAfter).containsValue("admin_Bystander_PRODUCTION");
	}

	private Map<String, String> names(String sql) {
		Map<String, String> rows = new LinkedHashMap<>();
		this.jdbc.query(sql + " ORDER BY 1", rs -> {
			rows.put(rs.getString(1), rs.getString(2));
		});
		return rows;
	}

	/** MariaDB in its default SQL mode (backslash escapes on), the file sent as one multi-statement text. */
	static class MariaDb extends EmitSqlHostileValuesTests {

		@Override
		TestDatabase createDatabase() {
			return TestDatabase.mariadb();
		}

		@Override
		void runScript(String sql) throws Exception {
			assertThat(this.jdbc.queryForObject("SELECT @@SESSION.sql_mode", String.class))
				.doesNotContain("NO_BACKSLASH_ESCAPES");
			try (Connection connection = java.sql.DriverManager.getConnection(this.database.url()
					+ (this.database.url().contains("?") ? "&" : "?") + "allowMultiQueries=true", "root", "");
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
				while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
					// drain every statement's result
				}
			}
		}

	}

	/** PostgreSQL, with standard_conforming_strings off as well as on, the file sent as one simple-query text. */
	static class Postgres extends EmitSqlHostileValuesTests {

		@Override
		TestDatabase createDatabase() {
			return TestDatabase.postgres();
		}

		@Override
		void runScript(String sql) throws Exception {
			try (Connection connection = this.database.dataSource().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("SET standard_conforming_strings = off");
				statement.execute(sql);
			}
		}

	}

}

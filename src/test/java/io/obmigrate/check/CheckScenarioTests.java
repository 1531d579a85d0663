package io.obmigrate.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import io.obmigrate.cli.ExitCodes;
import io.obmigrate.core.Dialect;
import io.obmigrate.dcr.DcrDataGenerator;
import io.obmigrate.dcr.DcrRule;
import io.obmigrate.support.TestDatabase;

/**
 * Issue acceptance for {@code check} on one database, as a DBA meets it: a 255-wide {@code SP_METADATA.VALUE}, a DCR
 * application with {@code _} in its software ID and missing OB 3.0 tables give three blockers and exit 4; after
 * {@code check --fix} and the rename {@code --emit-sql} suggests, exit 0; then the dcr job runs clean.
 */
abstract class CheckScenarioTests {

	@TempDir
	Path home;

	TestDatabase database;

	Dialect dialect;

	JdbcTemplate jdbc;

	abstract TestDatabase createDatabase();

	@BeforeEach
	void load() throws Exception {
		this.database = createDatabase().withIdentity();
		try (Connection connection = this.database.dataSource().getConnection()) {
			this.dialect = Dialect.detect(connection);
			ScriptUtils.executeSqlScript(connection,
					new ClassPathResource("sql/" + this.dialect.folder() + "/ob2-source.sql"));
		}
		this.jdbc = new JdbcTemplate(this.database.dataSource());
		DcrDataGenerator data = new DcrDataGenerator(this.database.dataSource(), this.dialect,
				this.database.dataSource(), this.dialect);
		data.ensureTables();
		String statement = "eyJ" + "s".repeat(2000);
		data.serviceProvider("admin_TPPSoftware_PRODUCTION", "client-1", "client_credentials", -1234);
		data.registration("r1", "client-1", "TPPSoftware", "production", "ACTIVE",
				"{\"software_id\":\"TPPSoftware\",\"software_statement\":\"" + statement + "\"}");
		data.serviceProvider("admin_TPP_Software_PRODUCTION", "client-2", "client_credentials", -1234);
		data.registration("r2", "client-2", "TPP_Software", "production", "ACTIVE",
				"{\"software_id\":\"TPP_Software\",\"iss\":\"TPP_Software\",\"software_statement\":\"" + statement
						+ "\"}");
	}

	@AfterEach
	void drop() {
		this.database.close();
	}

	@Test
	void threeBlockersThenFixRenameAndCleanCheck() throws Exception {
		TestDatabase.Result first = this.database.run(this.home, "check");
		assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.PREFLIGHT_BLOCKERS);
		assertThat(first.out()).contains("3 blocker(s)")
			.contains("OB 3.0 consent tables missing")
			.contains("SP_METADATA.VALUE is")
			.contains("the upgrade requires 4096")
			.contains("2 registration(s) would not fit")
			.contains("registration r2: software ID TPP_Software")
			.contains("-> rename to TPP-Software");

		Path sql = this.home.resolve("suggested.sql");
		TestDatabase.Result fixed = this.database.run(this.home, "check", "--fix", "--emit-sql", sql.toString());
		assertThat(fixed.exitCode()).as(fixed.toString()).isEqualTo(ExitCodes.PREFLIGHT_BLOCKERS);
		assertThat(fixed.out()).contains("Applying 2 safe fix(es)").contains("1 blocker(s)");
		List<String> renames = Files.readAllLines(sql).stream().filter(l -> l.startsWith("UPDATE ")).toList();
		assertThat(renames).hasSize(2).allMatch(l -> l.contains("'TPP-Software'"));
		for (String rename : renames) {
			this.jdbc.update(rename.substring(0, rename.length() - 1));
		}

		TestDatabase.Result clean = this.database.run(this.home, "check");
		assertThat(clean.exitCode()).as(clean.toString()).isZero();
		assertThat(clean.out()).contains("0 blocker(s)").contains("No blockers.");

		TestDatabase.Result dcr = this.database.run(this.home, "run", "dcr");
		assertThat(dcr.exitCode()).as(dcr.toString()).isZero();
		assertThat(dcr.out()).contains("2 = 2 + 0 + 0 + 0");
		assertThat(this.jdbc.queryForList("SELECT APP_NAME FROM SP_APP ORDER BY APP_NAME", String.class))
			.containsExactly("TPP-Software", "TPPSoftware");
	}

	@Test
	void jsonListsFindingsWithSeverityCodeAndFix() {
		TestDatabase.Result json = this.database.run(this.home, "check", "--json");
		assertThat(json.exitCode()).isEqualTo(ExitCodes.PREFLIGHT_BLOCKERS);
		assertThat(json.out().strip()).startsWith("{").endsWith("}");
		assertThat(json.out()).contains("\"blockers\" : 3")
			.contains("\"code\" : \"" + DcrRule.SP_METADATA_VALUE_SIZE.slug() + "\"")
			.contains("\"autoFixable\" : true")
			.contains("\"code\" : \"" + DcrRule.UNDERSCORE_IN_SOFTWARE_ID.slug() + "\"");
	}

}

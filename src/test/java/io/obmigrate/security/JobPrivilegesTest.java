package io.obmigrate.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import io.obmigrate.core.Dialect;
import io.obmigrate.support.TestDatabase;

/**
 * Each job run by a database user holding exactly the grants {@code docs/security.md} lists (its {@code -- grants:}
 * blocks are read from the file and run as they are), on MariaDB and PostgreSQL: the job completes and accounts for
 * every row, so the documented grants are enough; and nothing beyond them was given.
 */
class JobPrivilegesTest {

	private static final String PASSWORD = "Obm-pw-" + UUID.randomUUID().toString().substring(0, 8);

	@TempDir
	Path home;

	/** The statements of the block {@code -- grants: <kind> <job>} in docs/security.md. */
	static List<String> grants(String kind, String job) throws Exception {
		String doc = Files.readString(Path.of("docs/security.md"));
		String marker = "-- grants: " + kind + " " + job + "\n";
		int start = doc.indexOf(marker);
		assertThat(start).as("docs/security.md has a block '" + marker.strip() + "'").isPositive();
		String block = doc.substring(start + marker.length(), doc.indexOf("```", start));
		List<String> statements = new ArrayList<>();
		for (String line : block.split("\n")) {
			if (!line.isBlank() && !line.startsWith("--")) {
				statements.add(line.strip().replaceAll(";$", ""));
			}
		}
		return statements;
	}

	@Test
	void mariaDbJobsRunWithTheDocumentedGrants() throws Exception {
		for (String job : List.of("consent", "dcr", "reporting")) {
			try (TestDatabase database = TestDatabase.mariadb()) {
				String user = "obm_" + UUID.randomUUID().toString().substring(0, 8);
				JdbcTemplate root = new JdbcTemplate(database.dataSource());
				prepare(database, job);
				String name = databaseName(database);
				root.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
				try {
					for (String grant : grants("mysql", job)) {
						root.execute(grant.replace("${OB}", name).replace("${IDENTITY}", name).replace("${REPORTING}", name)
							.replace("'obmigrate'@'%'", "'" + user + "'@'%'"));
					}
					runAs(database, user, job);
					if (job.equals("consent")) {
						// one grant less: check names it before any run
						root.execute("REVOKE INSERT ON `" + name + "`.OB_CONSENT_MAPPING FROM '" + user + "'@'%'");
						TestDatabase.Result check = database.run(this.home, "check");
						assertThat(check.exitCode()).as(check.toString()).isEqualTo(4);
						assertThat(check.out()).contains("missing-privilege").contains("INSERT on OB_CONSENT_MAPPING");
					}
				}
				finally {
					root.execute("DROP USER '" + user + "'@'%'");
				}
			}
		}
	}

	@Test
	void postgresJobsRunWithTheDocumentedGrants() throws Exception {
		for (String job : List.of("consent", "dcr", "reporting")) {
			String user = "obm_" + UUID.randomUUID().toString().substring(0, 8);
			TestDatabase database = TestDatabase.postgres();
			JdbcTemplate owner = new JdbcTemplate(database.dataSource());
			owner.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + PASSWORD + "'");
			try {
				prepare(database, job);
				for (String grant : grants("postgresql", job)) {
					owner.execute(grant.replace(" TO obmigrate", " TO " + user));
				}
				runAs(database, user, job);
				owner.execute("DROP OWNED BY " + user);
			}
			finally {
				database.close();
				new JdbcTemplate(TestDatabase.postgresAdmin()).execute("DROP ROLE IF EXISTS " + user);
			}
		}
	}

	/** The source data, and the OB 3.0 tables a bank's DBA created from the vendor's scripts, as the owner. */
	private void prepare(TestDatabase database, String job) throws Exception {
		database.withIdentity().withReporting();
		String option = switch (job) {
			case "consent" -> "--consents";
			case "dcr" -> "--dcr-registrations";
			default -> "--reporting-rows";
		};
		TestDatabase.Result generated = database.run(this.home, "generate", option, "300", "--malformed-rate", "0.02");
		assertThat(generated.exitCode()).as(generated.toString()).isZero();
		try (Connection connection = database.dataSource().getConnection()) {
			Dialect dialect = Dialect.detect(connection);
			if (job.equals("consent")) {
				ScriptUtils.executeSqlScript(connection,
						new ClassPathResource("sql/" + dialect.folder() + "/ob3-consent.sql"));
			}
			if (job.equals("dcr")) {
				new JdbcTemplate(database.dataSource()).execute(io.obmigrate.dcr.IdentitySchema.widenValueStatement(dialect));
				Path script = this.home.resolve("script.js");
				Files.writeString(script, "var onLoginRequest = function(context) { executeStep(1); };");
				database.with("obmigrate.dcr.adaptive-script-file", script.toString());
			}
		}
	}

	private void runAs(TestDatabase database, String user, String job) {
		for (String area : List.of("ob", "identity", "reporting")) {
			database.with("obmigrate." + area + ".username", user).with("obmigrate." + area + ".password", PASSWORD);
		}
		TestDatabase.Result run = database.run(this.home, "run", job);
		assertThat(run.exitCode()).as(job + " as " + user + ": " + run).isZero();
		assertThat(run.out()).contains("every row accounted for");
	}

	private static String databaseName(TestDatabase database) throws Exception {
		try (Connection connection = database.dataSource().getConnection()) {
			return connection.getCatalog();
		}
	}

}

package io.obmigrate.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.obmigrate.cli.ObmigrateCli;

/**
 * A fresh, empty database for one test: an H2 in-memory database (optionally in an MSSQL or Oracle compatibility
 * mode), or a new database on the local MariaDB (through mysql-connector-j) or PostgreSQL. Runs obmigrate commands
 * in-process against it, each with its own job repository.
 */
public final class TestDatabase implements AutoCloseable {

	public static final String MARIADB_URL = System.getenv().getOrDefault("OBMIGRATE_TEST_MARIADB",
			"jdbc:mysql://127.0.0.1:3306/");

	public static final String POSTGRES_URL = System.getenv().getOrDefault("OBMIGRATE_TEST_POSTGRES",
			"jdbc:postgresql://127.0.0.1:5432/");

	private final String kind;

	private final String url;

	private final String username;

	private final String password;

	private final Runnable drop;

	private final Map<String, String> extra = new LinkedHashMap<>();

	private final String jobRepositoryUrl;

	private TestDatabase(String kind, String url, String username, String password, Runnable drop) {
		this.kind = kind;
		this.url = url;
		this.username = username;
		this.password = password;
		this.drop = drop;
		this.jobRepositoryUrl = "jdbc:h2:mem:jobrepo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
	}

	public static TestDatabase h2() {
		return new TestDatabase("h2", "jdbc:h2:mem:ob-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", () -> {
		});
	}

	public static TestDatabase h2(String mode) {
		return new TestDatabase("h2-" + mode.toLowerCase(),
				"jdbc:h2:mem:ob-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=" + mode, "sa", "", () -> {
				});
	}

	public static TestDatabase mariadb() {
		String name = "obm_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute(MARIADB_URL, "root", "", "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
		return new TestDatabase("mariadb", MARIADB_URL + name, "root", "",
				() -> execute(MARIADB_URL, "root", "", "DROP DATABASE IF EXISTS " + name));
	}

	public static TestDatabase postgres() {
		String name = "obm_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute(POSTGRES_URL + "postgres", "postgres", "", "CREATE DATABASE " + name);
		return new TestDatabase("postgresql", POSTGRES_URL + name, "postgres", "",
				() -> execute(POSTGRES_URL + "postgres", "postgres", "", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
	}

	/** The PostgreSQL server's own database, for statements outside any test database (roles). */
	public static DataSource postgresAdmin() {
		return new DriverManagerDataSource(POSTGRES_URL + "postgres", "postgres", "");
	}

	/** A fresh database on a SQL Server a test container started (server URL, administrator); left for the container. */
	public static TestDatabase sqlServer(String serverUrl, String user, String password) {
		String name = "obm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute(serverUrl, user, password, "CREATE DATABASE " + name);
		return external("mssql", serverUrl + ";databaseName=" + name, user, password);
	}

	/** A fresh user (schema) on an Oracle database a test container started; left for the container. */
	public static TestDatabase oracle(String url, String systemPassword) {
		String user = "OBM_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
		execute(url, "system", systemPassword, "CREATE USER " + user + " IDENTIFIED BY obm_test QUOTA UNLIMITED ON USERS");
		execute(url, "system", systemPassword, "GRANT CREATE SESSION, CREATE TABLE, CREATE SEQUENCE TO " + user);
		return external("oracle", url, user, "obm_test");
	}

	/** A database a test container started; nothing to drop. */
	public static TestDatabase external(String kind, String url, String username, String password) {
		return new TestDatabase(kind, url, username, password, () -> {
		});
	}

	public String kind() {
		return this.kind;
	}

	public String url() {
		return this.url;
	}

	/** The job repository of this database's commands (an H2 in-memory database kept for the JVM's life). */
	public DataSource jobRepository() {
		return new DriverManagerDataSource(this.jobRepositoryUrl, "sa", "");
	}

	public java.util.List<String> jobRepositoryQuery(String sql) {
		return new org.springframework.jdbc.core.JdbcTemplate(jobRepository()).queryForList(sql, String.class);
	}

	public void jobRepositoryExecute(String sql) {
		new org.springframework.jdbc.core.JdbcTemplate(jobRepository()).execute(sql);
	}

	/** Uses this database as the reporting statistics database too. */
	public TestDatabase withReporting() {
		return with("obmigrate.reporting.url", this.url).with("obmigrate.reporting.username", this.username)
			.with("obmigrate.reporting.password", this.password);
	}

	/** Builds the OB 3.0 reporting tables in {@code target}, under their final names. */
	public TestDatabase withReportingTarget(TestDatabase target) {
		return with("obmigrate.reporting-target.url", target.url).with("obmigrate.reporting-target.username",
				target.username)
			.with("obmigrate.reporting-target.password", target.password);
	}

	/** Counts {@code summarized}'s tables as the OB 2.0 summarized reporting database. */
	public TestDatabase withReportingSummarized(TestDatabase summarized) {
		return with("obmigrate.reporting-summarized.url", summarized.url)
			.with("obmigrate.reporting-summarized.username", summarized.username)
			.with("obmigrate.reporting-summarized.password", summarized.password);
	}

	/** Uses this database as the Identity Server database too (the DCR job's second connection). */
	public TestDatabase withIdentity() {
		return with("obmigrate.identity.url", this.url).with("obmigrate.identity.username", this.username)
			.with("obmigrate.identity.password", this.password);
	}

	/** Extra obmigrate properties for every command run against this database. */
	public TestDatabase with(String property, String value) {
		this.extra.put(property, value);
		return this;
	}

	public DataSource dataSource() {
		return new DriverManagerDataSource(this.url, this.username, this.password);
	}

	public Map<String, String> properties(Path home) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("obmigrate.ob.url", this.url);
		properties.put("obmigrate.ob.username", this.username);
		properties.put("obmigrate.ob.password", this.password);
		properties.put("obmigrate.jobrepo.url", this.jobRepositoryUrl);
		properties.put("obmigrate.jobrepo.username", "sa");
		properties.put("obmigrate.jobrepo.password", "");
		properties.put("obmigrate.home", home.toString());
		properties.put("obmigrate.consent.chunk-size", "50");
		properties.putAll(this.extra);
		return properties;
	}

	/** Runs one obmigrate command in-process; returns its exit code and what it printed. */
	public Result run(Path home, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = ObmigrateCli.execute(properties(home), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), args);
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	public record Result(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit " + this.exitCode + "\n--- out\n" + this.out + "\n--- err\n" + this.err;
		}

	}

	private static void execute(String url, String user, String password, String sql) {
		try (Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Test database not available at " + url + " (" + ex.getMessage()
					+ "). Start it (see .ci/run) or set OBMIGRATE_TEST_MARIADB / OBMIGRATE_TEST_POSTGRES.", ex);
		}
	}

	@Override
	public void close() {
		this.drop.run();
	}

	@Override
	public String toString() {
		return this.kind;
	}

}

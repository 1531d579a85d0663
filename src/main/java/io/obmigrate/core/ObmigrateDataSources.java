package io.obmigrate.core;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.springframework.core.NestedExceptionUtils;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The named data sources of obmigrate, each a lazily started connection pool: a command only connects to the
 * databases it uses, and a wrong URL or password surfaces as one {@link ConfigurationProblem} naming the data source,
 * its (masked) URL and the properties to fix.
 */
public class ObmigrateDataSources implements AutoCloseable {

	public enum Name {

		OB("ob", "OBMIGRATE_OB"), OB_TARGET("ob-target", "OBMIGRATE_OBTARGET"), IDENTITY("identity", "OBMIGRATE_IDENTITY"),
		REPORTING("reporting", "OBMIGRATE_REPORTING"), REPORTING_TARGET("reporting-target", "OBMIGRATE_REPORTINGTARGET"),
		REPORTING_SUMMARIZED("reporting-summarized", "OBMIGRATE_REPORTINGSUMMARIZED"), JOBREPO("jobrepo", "OBMIGRATE_JOBREPO");

		private final String property;

		private final String envPrefix;

		Name(String property, String envPrefix) {
			this.property = property;
			this.envPrefix = envPrefix;
		}

		public String property() {
			return "obmigrate." + this.property;
		}

		public String envPrefix() {
			return this.envPrefix;
		}

		/** The short name findings are reported under ({@code ob}, {@code identity}, ...). */
		public String area() {
			return this.property;
		}

	}

	private final ObmigrateProperties properties;

	private final Map<Name, HikariDataSource> pools = new ConcurrentHashMap<>();

	private final Map<Name, Dialect> dialects = new ConcurrentHashMap<>();

	private final Map<String, HikariDataSource> namedPools = new ConcurrentHashMap<>();

	/** What the jobs' threads need at the same time; a job raises it when it is configured. */
	private volatile int connectionsNeeded;

	public ObmigrateDataSources(ObmigrateProperties properties) {
		this.properties = properties;
	}

	public DataSourceSettings settings(Name name) {
		return switch (name) {
			case OB -> this.properties.getOb();
			case OB_TARGET -> this.properties.getObTarget().isConfigured() ? this.properties.getObTarget()
					: this.properties.getOb();
			case IDENTITY -> this.properties.getIdentity();
			case REPORTING -> this.properties.getReporting();
			case REPORTING_TARGET -> this.properties.getReportingTarget().isConfigured()
					? this.properties.getReportingTarget() : this.properties.getReporting();
			case REPORTING_SUMMARIZED -> this.properties.getReportingSummarized();
			case JOBREPO -> jobRepositorySettings();
		};
	}

	/** Whether the OB 3.0 target is a database of its own rather than the OB database itself. */
	/**
	 * Makes every pool, present and future, hold at least {@code connections}: a job calls it with what its threads
	 * use at the same time (the consent job's partitions with their reader connections, for example).
	 */
	public synchronized void requireConnections(int connections) {
		this.connectionsNeeded = Math.max(this.connectionsNeeded, connections);
		this.pools.values().forEach(pool -> {
			if (pool.getMaximumPoolSize() < this.connectionsNeeded) {
				pool.setMaximumPoolSize(this.connectionsNeeded);
			}
		});
	}

	/** Whether the database has settings (for the target ones: their own, or the source's they fall back to). */
	public boolean isConfigured(Name name) {
		return settings(name).isConfigured();
	}

	public boolean separateTarget() {
		return this.properties.getObTarget().isConfigured();
	}

	/** Whether the OB 3.0 reporting tables go to a database of their own, under their final names. */
	public boolean separateReportingTarget() {
		return this.properties.getReportingTarget().isConfigured();
	}

	/** A target not configured on its own is its source database: the same pool. */
	private Name effective(Name name) {
		if (name == Name.OB_TARGET && !separateTarget()) {
			return Name.OB;
		}
		if (name == Name.REPORTING_TARGET && !separateReportingTarget()) {
			return Name.REPORTING;
		}
		return name;
	}

	public DataSource get(Name name) {
		return this.pools.computeIfAbsent(effective(name), this::createPool);
	}

	public Dialect dialect(Name name) {
		Name effective = effective(name);
		return this.dialects.computeIfAbsent(effective, n -> {
			DataSourceSettings settings = settings(n);
			if (settings.getDialect() != null && !settings.getDialect().isBlank()) {
				return Dialect.named(settings.getDialect());
			}
			try (Connection connection = connect(n)) {
				return Dialect.detect(connection);
			}
			catch (SQLException ex) {
				throw connectionProblem(n, ex);
			}
		});
	}

	/** Opens a connection, turning any failure into a one-paragraph problem statement. */
	public Connection connect(Name name) {
		// Two commands opening a new embedded (H2 file) job repository at once race for its lock file and server: the
		// loser is refused until the winner has opened it, which H2 can take many seconds to sort out, so such a job
		// repository is asked again for up to 60 s before giving up. A database server is not: a refusal there is a
		// mistake to report at once.
		String url = settings(name).getUrl();
		boolean embedded = name == Name.JOBREPO && url != null && url.startsWith("jdbc:h2:file:");
		long deadline = System.nanoTime() + (embedded ? java.util.concurrent.TimeUnit.SECONDS.toNanos(60) : 0);
		while (true) {
			try {
				return get(name).getConnection();
			}
			catch (ConfigurationProblem ex) {
				throw ex;
			}
			catch (SQLException | RuntimeException ex) {
				if (System.nanoTime() >= deadline) {
					throw connectionProblem(name, ex);
				}
				try {
					Thread.sleep(250);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw connectionProblem(name, ex);
				}
			}
		}
	}

	public ConfigurationProblem connectionProblem(Name name, Exception ex) {
		DataSourceSettings settings = settings(name);
		Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
		String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
		String envPrefix = effective(name).envPrefix();
		return new ConfigurationProblem("Cannot connect to the " + name.property + " database at "
				+ SecretMasking.maskUrl(settings.getUrl())
				+ (settings.getUsername() != null ? " as user '" + settings.getUsername() + "'" : "") + ": " + reason
				+ ". Check the URL (" + envPrefix + "_URL), the user (" + envPrefix + "_USERNAME) and the password ("
				+ envPrefix + "_PASSWORD or " + name.property() + ".password-file), and that the database is running"
				+ " and reachable from this host.", ex);
	}

	/**
	 * Whether a failure is the embedded job repository's serving process ending under this one: a command that finds
	 * the file open in another obmigrate process works through that process's server, and when that process exits in
	 * the middle of a statement (two `status` started together), H2 reports its database closed (90121) or the
	 * connection broken (90067). A command that only reads may simply read again.
	 */
	public static boolean jobRepositoryServerEnded(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.sql.SQLException sql && (sql.getErrorCode() == 90121 || sql.getErrorCode() == 90067)
					&& cause.getClass().getName().startsWith("org.h2.")) {
				return true;
			}
		}
		return false;
	}

	private DataSourceSettings jobRepositorySettings() {
		DataSourceSettings configured = this.properties.getJobrepo();
		if (configured.isConfigured()) {
			return configured;
		}
		DataSourceSettings embedded = new DataSourceSettings();
		Path file = Path.of(this.properties.getHome()).toAbsolutePath().normalize().resolve("jobrepo");
		// AUTO_SERVER lets `status` and `stop` open the repository while a run holds it; AUTO_RECONNECT lets a command
		// connected through another process's server carry on when that process ends first. WRITE_DELAY=0 makes every
		// commit durable: with H2's default 500 ms delay a killed run loses its last checkpoints and replays more.
		embedded.setUrl("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0");
		embedded.setUsername("sa");
		embedded.setPassword("");
		return embedded;
	}

	private HikariDataSource createPool(Name name) {
		DataSourceSettings settings = settings(name);
		if (!settings.isConfigured()) {
			throw new ConfigurationProblem("The " + name.property + " database is not configured. Set "
					+ name.property() + ".url (environment " + name.envPrefix() + "_URL), with " + name.envPrefix()
					+ "_USERNAME and " + name.envPrefix() + "_PASSWORD, in the environment or in the file given with"
					+ " --config.");
		}
		HikariDataSource pool = new HikariDataSource();
		pool.setPoolName("obmigrate-" + name.property);
		Map<String, String> properties = new java.util.LinkedHashMap<>(driverDefaults(settings.getUrl()));
		properties.putAll(settings.getProperties());
		connect(pool, settings.getUrl(), properties);
		pool.setUsername(settings.getUsername());
		pool.setPassword(settings.resolvePassword());
		pool.setMaximumPoolSize(Math.max(this.connectionsNeeded, settings.getMaximumPoolSize()));
		connectOnce(pool);
		return pool;
	}

	/**
	 * The pool opens its first connection when it is made, so an unreachable database fails the command at once with
	 * the driver's message, and keeps that connection for the command's first use. With no idle connection to keep,
	 * the pool closed it and opened another on the first use: two logins for every command, and for the embedded job
	 * repository its file opened, closed (the database ends with its last connection) and opened again.
	 */
	private static void connectOnce(HikariDataSource pool) {
		pool.setMinimumIdle(1);
		pool.setConnectionTimeout(15_000);
		pool.setInitializationFailTimeout(1);
	}

	/** The driver class of each URL prefix obmigrate ships a driver for. */
	private static final Map<String, String> DRIVERS = Map.of("jdbc:mysql:", "com.mysql.cj.jdbc.Driver",
			"jdbc:postgresql:", "org.postgresql.Driver", "jdbc:h2:", "org.h2.Driver", "jdbc:sqlserver:",
			"com.microsoft.sqlserver.jdbc.SQLServerDriver", "jdbc:oracle:", "oracle.jdbc.OracleDriver");

	/**
	 * Points the pool at the URL through its driver's class alone. Left to find the driver itself, the pool asks
	 * {@link java.sql.DriverManager}, which loads and initialises every driver on the class path, and the signed SQL
	 * Server and Oracle jars are verified on the way: a third of a second of every command, for databases it may not
	 * use. An unknown URL goes the pool's own way.
	 */
	private static void connect(HikariDataSource pool, String url, Map<String, String> properties) {
		String driverClass = DRIVERS.entrySet().stream().filter(driver -> url.startsWith(driver.getKey()))
			.map(Map.Entry::getValue).findFirst().orElse(null);
		if (driverClass != null) {
			try {
				java.sql.Driver driver = (java.sql.Driver) Class.forName(driverClass).getDeclaredConstructor()
					.newInstance();
				DriverSource source = new DriverSource(driver, url);
				java.util.Properties connectionProperties = new java.util.Properties();
				if (LoadDataLocal.handles(url)) {
					// rows are loaded from memory (BulkInsert); each connection is first made to send no file
					// (DriverSource, LoadDataLocal); allowLoadLocalInfile=false in the user's properties turns it off
					connectionProperties.put("allowLoadLocalInfile", "true");
				}
				connectionProperties.putAll(properties);
				source.setConnectionProperties(connectionProperties);
				pool.setDataSource(source);
				return;
			}
			catch (ReflectiveOperationException | LinkageError ex) {
				// the pool finds the driver itself
			}
		}
		pool.setJdbcUrl(url);
		properties.forEach(pool::addDataSourceProperty);
	}

	/**
	 * The driver as the pool's data source. Spring's own refuses a login timeout: the pool then logs that it could not
	 * set one, and, closing, gives its connection-opening thread zero seconds to end and logs a "timed-out" warning
	 * at the end of every command. This one accepts the pool's setting (the pool bounds the wait for a connection
	 * itself) and gives that thread a second at close; an idle one ends at once.
	 */
	static final class DriverSource extends org.springframework.jdbc.datasource.SimpleDriverDataSource {

		/** MySQL/MariaDB: each new connection is guarded ({@link LoadDataLocal#guard}) before the pool has it. */
		private final boolean guarded;

		DriverSource(java.sql.Driver driver, String url) {
			super(driver, url);
			this.guarded = LoadDataLocal.handles(url);
		}

		@Override
		protected Connection getConnectionFromDriver(java.util.Properties properties) throws SQLException {
			Connection connection = super.getConnectionFromDriver(properties);
			if (this.guarded) {
				try {
					LoadDataLocal.guard(connection);
				}
				catch (SQLException | RuntimeException ex) {
					connection.close();
					throw ex;
				}
			}
			return connection;
		}

		@Override
		public int getLoginTimeout() {
			return 1;
		}

		@Override
		public void setLoginTimeout(int timeout) {
			// the pool's connection timeout bounds how long a command waits for a connection
		}

	}

	/** Driver settings that the jobs rely on; a user's own {@code properties} entries win. */
	static Map<String, String> driverDefaults(String url) {
		if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
			// TIMESTAMP columns come back in UTC; batches become multi-row inserts.
			return Map.of("rewriteBatchedStatements", "true", "connectionTimeZone", "UTC",
					"forceConnectionTimeZoneToSession", "true", "cachePrepStmts", "true", "prepStmtCacheSize", "64",
					"useLocalSessionState", "true", "characterEncoding", "UTF-8");
		}
		if (url.startsWith("jdbc:postgresql:")) {
			return Map.of("reWriteBatchedInserts", "true");
		}
		if (url.startsWith("jdbc:oracle:")) {
			return Map.of("defaultRowPrefetch", "500");
		}
		return Map.of();
	}

	/** The data source of a name an upgrade plan uses: ob, identity, reporting (and their targets), or one of obmigrate.datasources. */
	public DataSource named(String name) {
		Name known = known(name);
		if (known != null) {
			return get(known);
		}
		DataSourceSettings settings = namedSettings(name);
		return this.namedPools.computeIfAbsent(name, n -> {
			HikariDataSource pool = new HikariDataSource();
			pool.setPoolName("obmigrate-" + n);
			connect(pool, settings.getUrl(), new java.util.LinkedHashMap<>(settings.getProperties()));
			pool.setUsername(settings.getUsername());
			pool.setPassword(settings.resolvePassword());
			pool.setMaximumPoolSize(Math.max(2, settings.getMaximumPoolSize()));
			connectOnce(pool);
			return pool;
		});
	}

	/** The dialect of a named data source ({@link #named(String)}). */
	public Dialect namedDialect(String name) {
		Name known = known(name);
		if (known != null) {
			return dialect(known);
		}
		DataSourceSettings settings = namedSettings(name);
		if (settings.getDialect() != null && !settings.getDialect().isBlank()) {
			return Dialect.named(settings.getDialect());
		}
		try (Connection connection = named(name).getConnection()) {
			return Dialect.detect(connection);
		}
		catch (SQLException ex) {
			throw new ConfigurationProblem("Cannot connect to the database obmigrate.datasources." + name + " at "
					+ SecretMasking.maskUrl(settings.getUrl()) + ": " + ex.getMessage() + ". Check its url, username"
					+ " and password (environment OBMIGRATE_DATASOURCES_" + name.toUpperCase(java.util.Locale.ROOT)
					+ "_URL and so on).", ex);
		}
	}

	/** The URL of a named data source, masked, for messages and the journal. */
	public String describeNamed(String name) {
		Name known = known(name);
		DataSourceSettings settings = known != null ? settings(known) : namedSettings(name);
		return name + " (" + SecretMasking.maskUrl(settings.getUrl()) + ")";
	}

	private static Name known(String name) {
		for (Name candidate : Name.values()) {
			if (candidate.area().equals(name) && candidate != Name.JOBREPO) {
				return candidate;
			}
		}
		return null;
	}

	private DataSourceSettings namedSettings(String name) {
		DataSourceSettings settings = this.properties.getDatasources().get(name);
		if (settings == null || !settings.isConfigured()) {
			throw new ConfigurationProblem("No database is configured under the name '" + name + "'. Use ob, identity,"
					+ " reporting, or set obmigrate.datasources." + name + ".url, .username and .password (environment"
					+ " OBMIGRATE_DATASOURCES_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_')
					+ "_URL and so on).");
		}
		return settings;
	}

	@Override
	public void close() {
		this.pools.values().forEach(HikariDataSource::close);
		this.pools.clear();
		this.namedPools.values().forEach(HikariDataSource::close);
		this.namedPools.clear();
	}

}

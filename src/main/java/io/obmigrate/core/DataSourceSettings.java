package io.obmigrate.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Connection settings of one named data source ({@code obmigrate.ob}, {@code obmigrate.jobrepo}, ...).
 * The password may come from the property itself (usually an environment variable) or from a file;
 * it is never part of {@link #toString()}.
 */
public class DataSourceSettings {

	/** JDBC URL, e.g. jdbc:mysql://db:3306/openbank_openbankingdb. Unset: the database is not configured. */
	private String url;

	/** Database user. */
	private String username;

	/** Password; better given as an environment variable (OBMIGRATE_<NAME>_PASSWORD) or with password-file. */
	private String password;

	/** File whose first line is the password (a Kubernetes or Docker secret). */
	private Path passwordFile;

	/** Overrides the dialect detected from JDBC metadata: mysql, postgresql, mssql, oracle or h2. */
	private String dialect;

	/** Connections at most; raised to what the job's partitions and lanes need. */
	private int maximumPoolSize = 10;

	/** Extra driver properties, added to the defaults obmigrate sets per driver. */
	private Map<String, String> properties = new LinkedHashMap<>();

	public boolean isConfigured() {
		return this.url != null && !this.url.isBlank();
	}

	/** The password from {@code password}, or else the first line of {@code password-file}. */
	public String resolvePassword() {
		if (this.password != null) {
			return this.password;
		}
		if (this.passwordFile == null) {
			return null;
		}
		try {
			String content = Files.readString(this.passwordFile, StandardCharsets.UTF_8);
			int newline = content.indexOf('\n');
			return (newline >= 0 ? content.substring(0, newline) : content).strip();
		}
		catch (IOException ex) {
			throw new ConfigurationProblem("Cannot read the password file " + this.passwordFile + " (" + ex.getMessage()
					+ "). Check the path and that this user may read it.");
		}
	}

	/**
	 * Whether the database runs on the machine obmigrate runs on, so that the two share its cores: an embedded H2
	 * database, or a server at a loopback address ({@code localhost}, {@code 127.x.x.x}, {@code ::1}, or no host, which
	 * the PostgreSQL driver reads as {@code localhost}). Read from the URL alone, without a name lookup: a server named
	 * by this machine's network name or address counts as elsewhere.
	 */
	public boolean runsOnThisMachine() {
		if (!isConfigured()) {
			return false;
		}
		String url = this.url.strip().toLowerCase(Locale.ROOT);
		if (url.startsWith("jdbc:h2:")) {
			return !(url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:")) || isLoopback(hostOf(url));
		}
		if (url.startsWith("jdbc:oracle:")) {
			java.util.regex.Matcher described = ORACLE_DESCRIPTOR_HOST.matcher(url);
			if (described.find()) {
				return isLoopback(described.group(1).strip());
			}
			int at = url.indexOf('@');
			String rest = at < 0 ? "" : url.substring(at + 1);
			rest = rest.startsWith("//") ? rest.substring(2) : rest;
			return isLoopback(host(rest));
		}
		if (url.startsWith("jdbc:sqlserver:") && "".equals(hostOf(url))) {
			java.util.regex.Matcher named = SQLSERVER_SERVER_NAME.matcher(url);
			return named.find() && isLoopback(host(named.group(1).strip()));
		}
		if (url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:postgresql://")) {
			return true; // jdbc:postgresql:database, the driver's localhost
		}
		return isLoopback(hostOf(url));
	}

	private static final java.util.regex.Pattern ORACLE_DESCRIPTOR_HOST = java.util.regex.Pattern
		.compile("\\(\\s*host\\s*=\\s*([^)]+)\\)");

	private static final java.util.regex.Pattern LOOPBACK_IPV4 = java.util.regex.Pattern
		.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

	private static final java.util.regex.Pattern SQLSERVER_SERVER_NAME = java.util.regex.Pattern
		.compile(";\\s*servername\\s*=\\s*([^;]*)");

	/** The first host after {@code //} ({@code ""} for none: {@code jdbc:postgresql:///db} is the driver's localhost). */
	private static String hostOf(String url) {
		int slashes = url.indexOf("//");
		return slashes < 0 ? null : host(url.substring(slashes + 2));
	}

	/** The host at the start of {@code address}: up to a port, path, property, instance name or the next host. */
	private static String host(String address) {
		if (address.startsWith("[")) {
			int end = address.indexOf(']');
			return end < 0 ? address : address.substring(1, end);
		}
		int end = 0;
		while (end < address.length() && ":/;?,\\".indexOf(address.charAt(end)) < 0) {
			end++;
		}
		return address.substring(0, end);
	}

	private static boolean isLoopback(String host) {
		return host != null && (host.isEmpty() || host.equals("localhost") || LOOPBACK_IPV4.matcher(host).matches()
				|| host.equals("::1") || host.equals("0:0:0:0:0:0:0:1"));
	}

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		if (url != null && !url.isBlank() && !SUPPORTED_URL.matcher(url.strip()).lookingAt()) {
			throw new IllegalArgumentException("'" + SecretMasking.maskUrl(url) + "' is not a JDBC URL of a database"
					+ " obmigrate has a driver for: it starts with jdbc:mysql:, jdbc:mariadb:, jdbc:postgresql:,"
					+ " jdbc:sqlserver:, jdbc:oracle: or jdbc:h2:.");
		}
		this.url = url;
	}

	private static final java.util.regex.Pattern SUPPORTED_URL = java.util.regex.Pattern
		.compile("(?i)jdbc:(mysql|mariadb|postgresql|sqlserver|oracle|h2):");

	public String getUsername() {
		return this.username;
	}

	public void setUsername(String username) {
		this.username = username;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public Path getPasswordFile() {
		return this.passwordFile;
	}

	public void setPasswordFile(Path passwordFile) {
		this.passwordFile = passwordFile;
	}

	public String getDialect() {
		return this.dialect;
	}

	public void setDialect(String dialect) {
		this.dialect = dialect;
	}

	public int getMaximumPoolSize() {
		return this.maximumPoolSize;
	}

	public void setMaximumPoolSize(int maximumPoolSize) {
		this.maximumPoolSize = maximumPoolSize;
	}

	public Map<String, String> getProperties() {
		return this.properties;
	}

	public void setProperties(Map<String, String> properties) {
		this.properties = properties;
	}

	@Override
	public String toString() {
		return SecretMasking.maskUrl(this.url) + (this.username != null ? " as " + this.username : "");
	}

}

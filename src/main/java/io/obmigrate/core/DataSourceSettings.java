package io.obmigrate.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

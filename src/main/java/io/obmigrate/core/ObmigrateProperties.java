package io.obmigrate.core;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The shared settings: the databases, the source time zone and obmigrate's home folder, bound from {@code obmigrate.*}
 * (YAML given with {@code --config}, environment variables such as {@code OBMIGRATE_OB_URL}, or system properties).
 * Each job's own settings live with the job ({@code obmigrate.consent.*}, {@code obmigrate.dcr.*},
 * {@code obmigrate.reporting-job.*}); docs/configuration.md lists every one.
 */
@ConfigurationProperties("obmigrate")
public class ObmigrateProperties {

	/** The OB database: OB 2.0 {@code UK_*} source tables and, unless {@link #obTarget} is set, the OB 3.0 tables. */
	@NestedConfigurationProperty
	private DataSourceSettings ob = new DataSourceSettings();

	/** Optional separate database for the OB 3.0 consent tables (rehearsals into a fresh database). */
	@NestedConfigurationProperty
	private DataSourceSettings obTarget = new DataSourceSettings();

	/** The Identity Server database ({@code openbank_apimgtdb}); used by the DCR job. */
	@NestedConfigurationProperty
	private DataSourceSettings identity = new DataSourceSettings();

	/** The reporting statistics database; used by the reporting job. */
	@NestedConfigurationProperty
	private DataSourceSettings reporting = new DataSourceSettings();

	/**
	 * Where the reporting job builds the OB 3.0 tables under their final names; unset: in the reporting database
	 * itself, as {@code <TABLE>__OB3} until {@code reporting-cutover}.
	 */
	@NestedConfigurationProperty
	private DataSourceSettings reportingTarget = new DataSourceSettings();

	/** OB 2.0's summarized reporting database: never changed; when set, its tables are counted in the summary. */
	@NestedConfigurationProperty
	private DataSourceSettings reportingSummarized = new DataSourceSettings();

	/** The Spring Batch job repository; default an H2 file under {@code ./.obmigrate/}. */
	@NestedConfigurationProperty
	private DataSourceSettings jobrepo = new DataSourceSettings();

	/**
	 * Zone in which OB 2.0 wrote its wall-clock times (DATETIME; Oracle and PostgreSQL TIMESTAMP), printed in every
	 * summary. MySQL TIMESTAMP columns are UTC anyway. Daylight-saving overlaps take the earlier offset; gaps shift
	 * forward.
	 */
	private ZoneId sourceTimeZone = ZoneId.of("UTC");

	/** Folder of the default job repository and of the log file obmigrate.log. */
	private String home = ".obmigrate";

	/**
	 * Further databases, by a name of your choice, for upgrade plan steps and guards on a database the jobs do not
	 * use (the user database, the registry): obmigrate.datasources.user.url, .username, .password and so on, the keys
	 * of obmigrate.ob; environment OBMIGRATE_DATASOURCES_USER_URL.
	 */
	private java.util.Map<String, DataSourceSettings> datasources = new java.util.LinkedHashMap<>();

	/** Which databases are staging copies (destructive commands there need only their usual confirmation). */
	@NestedConfigurationProperty
	private Rehearsal rehearsal = new Rehearsal();

	/** Resuming a run that failed on a transient database fault. */
	@NestedConfigurationProperty
	private Retry retry = new Retry();

	/** Where a run's metrics go when it ends (Prometheus text file, Pushgateway). */
	@NestedConfigurationProperty
	private Metrics metrics = new Metrics();

	public Metrics getMetrics() {
		return this.metrics;
	}

	public void setMetrics(Metrics metrics) {
		this.metrics = metrics;
	}

	/**
	 * A run's metrics: Spring Batch's own (spring.batch.job, spring.batch.step, spring.batch.item.read,
	 * spring.batch.chunk.write, ...) and obmigrate's rows and verify mismatches, written when the run ends. Off unless
	 * one of the two is set.
	 */
	public static class Metrics {

		/**
		 * File the metrics are written to in Prometheus text format when a run ends (node-exporter textfile style:
		 * written next to it, then moved in place).
		 */
		private String prometheusFile;

		/** Prometheus Pushgateway base URL (e.g. http://pushgateway:9091); the metrics are pushed when a run ends. */
		private String pushgatewayUrl;

		public String getPrometheusFile() {
			return this.prometheusFile;
		}

		public void setPrometheusFile(String prometheusFile) {
			this.prometheusFile = prometheusFile;
		}

		public String getPushgatewayUrl() {
			return this.pushgatewayUrl;
		}

		public void setPushgatewayUrl(String pushgatewayUrl) {
			if (pushgatewayUrl != null && !pushgatewayUrl.isBlank() && !pushgatewayUrl.matches("https?://.+")) {
				throw new IllegalArgumentException("must be an http:// or https:// URL");
			}
			this.pushgatewayUrl = pushgatewayUrl;
		}

		public boolean isEnabled() {
			return (this.prometheusFile != null && !this.prometheusFile.isBlank())
					|| (this.pushgatewayUrl != null && !this.pushgatewayUrl.isBlank());
		}

	}

	public Retry getRetry() {
		return this.retry;
	}

	public void setRetry(Retry retry) {
		this.retry = retry;
	}

	/**
	 * A run that fails on a transient fault of a database (a lost connection, a deadlock, a lock wait timeout) is
	 * resumed from its last committed chunk by the same command, after a pause that doubles each time.
	 */
	public static class Retry {

		/** How many times run and restart resume a run that failed on a transient fault (0: never). */
		private int attempts = 3;

		/** The pause before the first resumption (seconds, or with a unit: 500ms, 1m); doubled before each further one. */
		@org.springframework.boot.convert.DurationUnit(java.time.temporal.ChronoUnit.SECONDS)
		private java.time.Duration backoff = java.time.Duration.ofSeconds(2);

		public int getAttempts() {
			return this.attempts;
		}

		public void setAttempts(int attempts) {
			if (attempts < 0 || attempts > 100) {
				throw new IllegalArgumentException("must be between 0 and 100");
			}
			this.attempts = attempts;
		}

		public java.time.Duration getBackoff() {
			return this.backoff;
		}

		public void setBackoff(java.time.Duration backoff) {
			if (backoff.isNegative() || backoff.compareTo(java.time.Duration.ofMinutes(10)) > 0) {
				throw new IllegalArgumentException("must be between 0 and 10 minutes");
			}
			this.backoff = backoff;
		}

	}

	public Rehearsal getRehearsal() {
		return this.rehearsal;
	}

	public void setRehearsal(Rehearsal rehearsal) {
		this.rehearsal = rehearsal;
	}

	/** Settings of rehearsals on staging copies. */
	public static class Rehearsal {

		/**
		 * Regular expressions a JDBC URL must match (the whole URL) to count as a staging copy. A destructive command
		 * (reporting-cleanup) against any other database also needs --confirm-production and the database's name
		 * typed back (or --database-name). Environment: OBMIGRATE_REHEARSAL_ALLOWEDTARGETS, comma-separated.
		 */
		private java.util.List<String> allowedTargets = new java.util.ArrayList<>();

		public java.util.List<String> getAllowedTargets() {
			return this.allowedTargets;
		}

		public void setAllowedTargets(java.util.List<String> allowedTargets) {
			for (String pattern : allowedTargets) {
				try {
					java.util.regex.Pattern.compile(pattern);
				}
				catch (java.util.regex.PatternSyntaxException ex) {
					throw new IllegalArgumentException("obmigrate.rehearsal.allowed-targets: '" + pattern
							+ "' is not a regular expression (" + ex.getDescription() + ").");
				}
			}
			this.allowedTargets = allowedTargets;
		}

	}

	public DataSourceSettings getOb() {
		return this.ob;
	}

	public void setOb(DataSourceSettings ob) {
		this.ob = ob;
	}

	public DataSourceSettings getObTarget() {
		return this.obTarget;
	}

	public void setObTarget(DataSourceSettings obTarget) {
		this.obTarget = obTarget;
	}

	public DataSourceSettings getIdentity() {
		return this.identity;
	}

	public void setIdentity(DataSourceSettings identity) {
		this.identity = identity;
	}

	public DataSourceSettings getReporting() {
		return this.reporting;
	}

	public void setReporting(DataSourceSettings reporting) {
		this.reporting = reporting;
	}

	public DataSourceSettings getReportingTarget() {
		return this.reportingTarget;
	}

	public void setReportingTarget(DataSourceSettings reportingTarget) {
		this.reportingTarget = reportingTarget;
	}

	public DataSourceSettings getReportingSummarized() {
		return this.reportingSummarized;
	}

	public void setReportingSummarized(DataSourceSettings reportingSummarized) {
		this.reportingSummarized = reportingSummarized;
	}

	public DataSourceSettings getJobrepo() {
		return this.jobrepo;
	}

	public void setJobrepo(DataSourceSettings jobrepo) {
		this.jobrepo = jobrepo;
	}

	public ZoneId getSourceTimeZone() {
		return this.sourceTimeZone;
	}

	public void setSourceTimeZone(ZoneId sourceTimeZone) {
		this.sourceTimeZone = sourceTimeZone;
	}

	public java.util.Map<String, DataSourceSettings> getDatasources() {
		return this.datasources;
	}

	public void setDatasources(java.util.Map<String, DataSourceSettings> datasources) {
		this.datasources = datasources;
	}

	public String getHome() {
		return this.home;
	}

	public void setHome(String home) {
		this.home = home;
	}

}

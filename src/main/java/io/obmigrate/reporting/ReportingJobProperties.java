package io.obmigrate.reporting;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.QuarantineLimit;

/**
 * Settings of the reporting job ({@code obmigrate.reporting-job.*}; the databases are {@code obmigrate.reporting},
 * {@code obmigrate.reporting-target} and {@code obmigrate.reporting-summarized}). A value out of range is refused
 * when obmigrate starts, naming the setting (exit 2).
 */
@ConfigurationProperties("obmigrate.reporting-job")
public class ReportingJobProperties {

	/**
	 * Rows per key range: the unit of transaction and checkpoint in both copy modes (the chunk mode reads a range in
	 * pages of at most 900 rows, one query per side table per page). A crash re-copies at most one range per table.
	 */
	private int chunkSize = 20_000;

	/**
	 * Tables copied side by side (one step each, in lanes); 1 runs them one after the other. Each lane uses one
	 * connection, so with the in-database mode each lane is one database session.
	 */
	private int parallelTables = 2;

	/**
	 * auto: per table, time both copy modes on the first ranges and keep the faster; chunk: rows through the JVM (any
	 * databases); in-database: one INSERT … SELECT per range (same database; MySQL/MariaDB, PostgreSQL, H2).
	 */
	private CopyMode mode = CopyMode.AUTO;

	/** Write NULL for a negative (or 0-based) request-mediation latency instead of WSO2's raw difference. */
	private boolean guardNegativeLatency = true;

	/** MESSAGE_ID = the old ID on every row; false: only when an API invocation row has that ID, as WSO2 does. */
	private boolean messageIdAlways = true;

	/**
	 * Make a string column of an OB 3.0 table as wide as the longest value it receives where that is longer than OB
	 * 3.0's 254 characters (counted as column-widened notices); false keeps 254 and quarantines such rows
	 * (value-longer-than-column).
	 */
	private boolean widenColumns = true;

	/**
	 * Create an OB 3.0 table with new IDs without its primary key, added when its copy ends, when its source holds more
	 * rows than this; a smaller table gets its key at once. 0 always defers.
	 */
	private long deferKeyAbove = 100_000;

	/** Fail the job when more rows are quarantined (--max-quarantined wins); unset: no limit. */
	private Long maxQuarantined;

	public int getChunkSize() {
		return this.chunkSize;
	}

	public void setChunkSize(int chunkSize) {
		if (chunkSize < 1) {
			throw new ConfigurationProblem("obmigrate.reporting-job.chunk-size must be at least 1 (got " + chunkSize
					+ "); the default 20000 suits most databases.");
		}
		this.chunkSize = chunkSize;
	}

	public int getParallelTables() {
		return this.parallelTables;
	}

	public void setParallelTables(int parallelTables) {
		if (parallelTables < 1 || parallelTables > ReportingTableRule.ALL.size()) {
			throw new ConfigurationProblem("obmigrate.reporting-job.parallel-tables must be between 1 and "
					+ ReportingTableRule.ALL.size() + " (got " + parallelTables + "); 2 suits most databases.");
		}
		this.parallelTables = parallelTables;
	}

	public CopyMode getMode() {
		return this.mode;
	}

	public void setMode(CopyMode mode) {
		this.mode = mode;
	}

	public boolean isGuardNegativeLatency() {
		return this.guardNegativeLatency;
	}

	public void setGuardNegativeLatency(boolean guardNegativeLatency) {
		this.guardNegativeLatency = guardNegativeLatency;
	}

	public boolean isMessageIdAlways() {
		return this.messageIdAlways;
	}

	public void setMessageIdAlways(boolean messageIdAlways) {
		this.messageIdAlways = messageIdAlways;
	}

	public boolean isWidenColumns() {
		return this.widenColumns;
	}

	public void setWidenColumns(boolean widenColumns) {
		this.widenColumns = widenColumns;
	}

	public long getDeferKeyAbove() {
		return this.deferKeyAbove;
	}

	public void setDeferKeyAbove(long deferKeyAbove) {
		if (deferKeyAbove < 0) {
			throw new ConfigurationProblem("obmigrate.reporting-job.defer-key-above must be 0 or more (got "
					+ deferKeyAbove + "); the default 100000 suits most databases.");
		}
		this.deferKeyAbove = deferKeyAbove;
	}

	public Long getMaxQuarantined() {
		return this.maxQuarantined;
	}

	public void setMaxQuarantined(Long maxQuarantined) {
		this.maxQuarantined = QuarantineLimit.validated("obmigrate.reporting-job.max-quarantined", maxQuarantined);
	}

}

package io.obmigrate.consent;

import java.io.PrintStream;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import io.obmigrate.core.JobControl;

/**
 * What a completed consent run does after its last chunk, in the target: builds the foreign-key indexes the tables lack
 * (tables obmigrate creates get them here rather than before the load: one index build over the loaded rows costs less
 * than keeping the index up row by row during it; the vendor's PostgreSQL, SQL Server and Oracle scripts create none),
 * then refreshes stale planner statistics. Both only make later work faster (a catch-up, a rollback, verify): a failure
 * is a warning, the migrated rows are committed whatever happens here. A dry run changes nothing. The execution's end
 * time is moved to the end of this work (Spring Batch stores the execution again after its listeners), so the run's
 * duration includes it.
 */
class ConsentRunEnd implements JobExecutionListener {

	private static final Logger LOG = LoggerFactory.getLogger(ConsentRunEnd.class);

	private final ConsentTargetSchema schema;

	private final PrintStream out;

	ConsentRunEnd(ConsentTargetSchema schema, PrintStream out) {
		this.schema = schema;
		this.out = out;
	}

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() != BatchStatus.COMPLETED
				|| Boolean.parseBoolean(execution.getJobParameters().getString(JobControl.DRY_RUN))) {
			return;
		}
		addForeignKeys();
		try {
			long started = System.nanoTime();
			List<String> built = this.schema.createForeignKeyIndexes();
			if (!built.isEmpty()) {
				String line = String.format("Built %d foreign-key index(es) of the OB 3.0 consent tables after the load"
						+ " in %.1f s: %s", built.size(), (System.nanoTime() - started) / 1e9,
						String.join("; ", built.stream().map(statement -> statement.replace("CREATE INDEX ", "")).toList()));
				LOG.info(line);
				this.out.println(line);
			}
		}
		catch (RuntimeException ex) {
			String line = "Could not build the OB 3.0 consent foreign-key indexes (" + ex.getMessage() + "): a"
					+ " catch-up or rollback builds them first; `obmigrate check --fix` builds them now.";
			LOG.warn(line);
			this.out.println("WARNING: " + line);
		}
		try {
			// what was written gets planner statistics now, not at the next verify or catch-up
			this.schema.refreshStatistics();
		}
		catch (RuntimeException ex) {
			LOG.warn("Could not refresh the OB 3.0 tables' planner statistics: {}", ex.getMessage());
		}
		// the run is over when this is: its recorded end (and the summary's duration) includes it
		execution.setEndTime(java.time.LocalDateTime.now());
	}

	/**
	 * The foreign keys the tables lack (on PostgreSQL, tables obmigrate created get them here): each one's statement
	 * checks every loaded row once. A key the rows refuse is a warning naming what to do; the others are still added.
	 */
	private void addForeignKeys() {
		try {
			long started = System.nanoTime();
			List<ConsentTargetSchema.ForeignKeyConstraint> added = this.schema.addForeignKeys(this::refused);
			if (!added.isEmpty()) {
				String line = String.format("Added %d foreign key(s) of the OB 3.0 consent tables after the load, each"
						+ " checked over the loaded rows, in %.1f s: %s", added.size(),
						(System.nanoTime() - started) / 1e9,
						String.join(", ", added.stream().map(key -> key.name() + " on " + key.table()).toList()));
				LOG.info(line);
				this.out.println(line);
			}
		}
		catch (RuntimeException ex) {
			String line = "Could not add the OB 3.0 consent tables' foreign keys (" + ex.getMessage() + "): `obmigrate"
					+ " check` reports them [" + ConsentRule.FOREIGN_KEY_MISSING.slug() + "]; `check --fix` adds them.";
			LOG.warn(line);
			this.out.println("WARNING: " + line);
		}
	}

	private void refused(String statement, String message) {
		String line = "Could not add a foreign key of the OB 3.0 consent tables (" + statement + "): " + message
				+ ". The table holds rows without their parent row, which obmigrate does not write:"
				+ " find them by the key's column, remove or repair them, then `obmigrate check --fix` adds the key ["
				+ ConsentRule.FOREIGN_KEY_MISSING.slug() + "].";
		LOG.warn(line);
		this.out.println("WARNING: " + line);
	}

}

package io.obmigrate.consent;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.obmigrate.core.JobControl;
import io.obmigrate.core.RunSummary;

/**
 * The consent run's last step ({@link ConsentJobConfiguration#END_STEP}), once every consent is written, in the
 * target: adds the foreign keys the tables lack (on PostgreSQL, tables obmigrate creates get them here: one checking
 * pass over the loaded rows costs less than a check per inserted row), builds the foreign-key indexes they lack (tables
 * obmigrate creates get them here too: one build over the loaded rows costs less than keeping an index up row by row;
 * the vendor's PostgreSQL, SQL Server and Oracle scripts create none), then refreshes stale planner statistics. What it
 * did goes into the run's summary under the step's name. None of it changes a migrated row: a statement the database
 * refuses is a warning naming what to do, and the step still completes. A dry run changes nothing. Being a step, it is
 * restartable: a run stopped or killed during it is restarted into it, and it adds or builds what is still missing.
 */
class ConsentRunEnd implements Tasklet {

	private static final Logger LOG = LoggerFactory.getLogger(ConsentRunEnd.class);

	private final ConsentTargetSchema schema;

	private final PrintStream out;

	ConsentRunEnd(ConsentTargetSchema schema, PrintStream out) {
		this.schema = schema;
		this.out = out;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		if (Boolean.parseBoolean(contribution.getStepExecution().getJobParameters().getString(JobControl.DRY_RUN))) {
			return RepeatStatus.FINISHED;
		}
		// what this step did, in the run's summary under its name
		Map<String, String> done = new LinkedHashMap<>();
		addForeignKeys(done);
		try {
			long started = System.nanoTime();
			List<String> built = this.schema.createForeignKeyIndexes();
			if (!built.isEmpty()) {
				String what = String.format("%d built after the load in %.1f s: %s", built.size(),
						(System.nanoTime() - started) / 1e9,
						String.join("; ", built.stream().map(statement -> statement.replace("CREATE INDEX ", "")).toList()));
				done.put("foreign-key indexes", what);
				info("Foreign-key indexes of the OB 3.0 consent tables: " + what);
			}
		}
		catch (RuntimeException ex) {
			warn(done, "foreign-key indexes", "Could not build the OB 3.0 consent foreign-key indexes (" + ex.getMessage()
					+ "): a catch-up or rollback builds them first; `obmigrate check --fix` builds them now.");
		}
		try {
			// what was written gets planner statistics now, not at the next verify or catch-up
			long started = System.nanoTime();
			List<String> refreshed = this.schema.refreshStatistics();
			if (!refreshed.isEmpty()) {
				done.put("planner statistics", String.format("refreshed in %.1f s: %s", (System.nanoTime() - started) / 1e9,
						String.join(", ", refreshed)));
			}
		}
		catch (RuntimeException ex) {
			LOG.warn("Could not refresh the OB 3.0 tables' planner statistics: {}", ex.getMessage());
			done.put("planner statistics", "not refreshed: " + ex.getMessage());
		}
		if (done.isEmpty()) {
			done.put("tables", "nothing missing: every foreign key and foreign-key index was there");
		}
		contribution.getStepExecution().getExecutionContext().put(RunSummary.DETAILS_KEY, done);
		return RepeatStatus.FINISHED;
	}

	/**
	 * The foreign keys the tables lack (on PostgreSQL, tables obmigrate created get them here): each one's statement
	 * checks every loaded row once. A key the rows refuse is a warning naming what to do; the others are still added.
	 */
	private void addForeignKeys(Map<String, String> done) {
		try {
			long started = System.nanoTime();
			List<String> refused = new ArrayList<>();
			List<ConsentTargetSchema.ForeignKeyConstraint> added = this.schema
				.addForeignKeys((statement, message) -> refused.add(refused(statement, message)));
			if (!added.isEmpty()) {
				String what = String.format("%d added after the load, each checked over the loaded rows, in %.1f s: %s",
						added.size(), (System.nanoTime() - started) / 1e9,
						String.join(", ", added.stream().map(key -> key.name() + " on " + key.table()).toList()));
				done.put("foreign keys", what);
				info("Foreign keys of the OB 3.0 consent tables: " + what);
			}
			for (int i = 0; i < refused.size(); i++) {
				warn(done, "foreign key refused" + (refused.size() > 1 ? " (" + (i + 1) + ")" : ""), refused.get(i));
			}
		}
		catch (RuntimeException ex) {
			warn(done, "foreign keys", "Could not add the OB 3.0 consent tables' foreign keys (" + ex.getMessage()
					+ "): `obmigrate check` reports them [" + ConsentRule.FOREIGN_KEY_MISSING.slug() + "]; `check --fix`"
					+ " adds them.");
		}
	}

	private static String refused(String statement, String message) {
		return "Could not add a foreign key of the OB 3.0 consent tables (" + statement + "): " + message
				+ ". The table holds rows without their parent row, which obmigrate does not write:"
				+ " find them by the key's column, remove or repair them, then `obmigrate check --fix` adds the key ["
				+ ConsentRule.FOREIGN_KEY_MISSING.slug() + "].";
	}

	private void info(String line) {
		LOG.info(line);
		this.out.println(line);
	}

	private void warn(Map<String, String> done, String name, String line) {
		LOG.warn(line);
		this.out.println("WARNING: " + line);
		done.put(name, "WARNING: " + line);
	}

}

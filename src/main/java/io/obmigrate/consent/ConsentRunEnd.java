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
 * did goes into the run's summary under the step's name. Different tables' work runs at once on up to as many
 * connections as the run has threads ({@link ConsentProperties#threads}) where the database allows it without one table's work waiting for
 * another's locks (PostgreSQL: {@link ConsentTargetSchema#completeTables}). None of it changes a migrated row: a
 * statement the database refuses is a warning naming what to do, and the step still completes. A dry run changes nothing. Being a step, it is
 * restartable: a run stopped or killed during it is restarted into it, and it adds or builds what is still missing.
 */
class ConsentRunEnd implements Tasklet {

	private static final Logger LOG = LoggerFactory.getLogger(ConsentRunEnd.class);

	private final ConsentTargetSchema schema;

	private final PrintStream out;

	/** How many tables' work may run at once, each on its own connection. */
	private final int connections;

	ConsentRunEnd(ConsentTargetSchema schema, PrintStream out, int connections) {
		this.schema = schema;
		this.out = out;
		this.connections = connections;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		if (Boolean.parseBoolean(contribution.getStepExecution().getJobParameters().getString(JobControl.DRY_RUN))) {
			return RepeatStatus.FINISHED;
		}
		// what this step did, in the run's summary under its name
		Map<String, String> done = new LinkedHashMap<>();
		List<String> refused = java.util.Collections.synchronizedList(new ArrayList<>());
		ConsentTargetSchema.TableWork work;
		try {
			work = this.schema.completeTables(this.connections,
					(statement, message) -> refused.add(refused(statement, message)));
		}
		catch (RuntimeException ex) {
			warn(done, "tables", "Could not complete the OB 3.0 consent tables (" + ex.getMessage() + "): `obmigrate"
					+ " check` reports the foreign keys and indexes still missing [" + ConsentRule.FOREIGN_KEY_MISSING.slug()
					+ "]; `check --fix` adds them, and a catch-up or rollback builds the indexes first.");
			contribution.getStepExecution().getExecutionContext().put(RunSummary.DETAILS_KEY, done);
			return RepeatStatus.FINISHED;
		}
		if (!work.keysAdded().isEmpty()) {
			String what = String.format("%d added after the load, each checked over the loaded rows, in %.1f s: %s",
					work.keysAdded().size(), work.keySeconds(), String.join(", ",
							work.keysAdded().stream().map(key -> key.name() + " on " + key.table()).toList()));
			done.put("foreign keys", what);
			info("Foreign keys of the OB 3.0 consent tables: " + what);
		}
		for (int i = 0; i < refused.size(); i++) {
			warn(done, "foreign key refused" + (refused.size() > 1 ? " (" + (i + 1) + ")" : ""), refused.get(i));
		}
		if (!work.indexesBuilt().isEmpty()) {
			String what = String.format("%d built after the load in %.1f s: %s", work.indexesBuilt().size(),
					work.indexSeconds(), String.join("; ",
							work.indexesBuilt().stream().map(statement -> statement.replace("CREATE INDEX ", "")).toList()));
			done.put("foreign-key indexes", what);
			info("Foreign-key indexes of the OB 3.0 consent tables: " + what);
		}
		if (!work.indexesFailed().isEmpty()) {
			warn(done, "foreign-key indexes", "Could not build " + String.join("; ", work.indexesFailed())
					+ ": a catch-up or rollback builds them first; `obmigrate check --fix` builds them now.");
		}
		if (!work.refreshed().isEmpty()) {
			done.put("planner statistics", String.format("refreshed in %.1f s: %s", work.statisticsSeconds(),
					String.join(", ", work.refreshed())));
		}
		if (done.isEmpty()) {
			done.put("tables", "nothing missing: every foreign key and foreign-key index was there");
		}
		else if (work.connections() > 1) {
			done.put("connections", String.format("%d tables' work at once, one table's after the other on each"
					+ " connection: %.1f s in all", work.connections(), work.seconds()));
		}
		contribution.getStepExecution().getExecutionContext().put(RunSummary.DETAILS_KEY, done);
		return RepeatStatus.FINISHED;
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

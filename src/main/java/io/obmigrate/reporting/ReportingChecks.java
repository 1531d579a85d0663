package io.obmigrate.reporting;

import java.util.List;
import java.util.Objects;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.CheckRun;
import io.obmigrate.core.Dialect;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.RunSummary;
import io.obmigrate.core.RunSummaryAssembler;
import io.obmigrate.core.Finding;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.UnwrittenPages;
import io.obmigrate.core.SourceShape;

/**
 * The reporting job's checks, declared once. Gates: the OB 2.0 statistics tables are not cut over yet and have the key
 * columns the job reads, and columns obmigrate does not know can be created in the target. Survey, table by table:
 * values that need a wider column, several delivery addresses, rows without an invocation row, pass-through columns,
 * and the rows and expected run time.
 */
class ReportingChecks {

	/** The raw-data tables the reporting job reads, keyset on (ID, TIMESTAMP); other columns pass through. */
	static final SourceShape SOURCE = sourceShape();

	private final ReportingSchema schema;

	private final ObmigrateDataSources dataSources;

	private final JobControl control;

	private final int lanes;

	ReportingChecks(ReportingSchema schema, ObmigrateDataSources dataSources, JobControl control, int lanes) {
		this.schema = schema;
		this.dataSources = dataSources;
		this.control = control;
		this.lanes = lanes;
	}

	private static SourceShape sourceShape() {
		SourceShape.Builder shape = SourceShape.builder();
		ReportingTableRule.ALL.stream()
			.map(ReportingSchema::sourceOf)
			.distinct()
			.forEach(table -> shape.table(table).text("ID").number("TIMESTAMP"));
		return shape.build();
	}

	void check(CheckRun run) {
		boolean[] ready = { false };
		run.gate("reporting", "reporting tables", () -> ready[0] = tables(run));
		if (ready[0]) {
			run.survey("reporting", "reporting tables, one by one", () -> tableByTable(run));
		}
	}

	/** A warning for source tables the database has no planner statistics for (PostgreSQL: never analyzed). */
	private void withoutStatistics(CheckRun run) {
		String query = this.schema.dialect().tablesWithoutStatisticsQuery();
		if (query == null) {
			return;
		}
		String names = String.join(",", SOURCE.tables().stream().map(this.schema.dialect()::storedName).toList());
		List<String> tables = new JdbcTemplate(this.dataSources.get(Name.REPORTING)).queryForList(query, String.class,
				names);
		if (!tables.isEmpty()) {
			run.add(Finding.warn("reporting", ReportingRule.TABLE_WITHOUT_STATISTICS, "PostgreSQL has no planner"
					+ " statistics for " + tables + ".", "Without them it reads the whole table to find each key range:"
							+ " the run slows with the square of the table's size.",
					"ANALYZE " + String.join(", ", tables) + " (or `vacuumdb --analyze-only`) before the run, as after"
							+ " any restore.").withItems(tables));
		}
	}

	/**
	 * What the run will do to each table, before it runs: values that need a wider column (or would be quarantined
	 * without widening), consents with several delivery addresses, rows without an invocation row, columns passed
	 * through, and the rows and expected time per table.
	 */
	void tableByTable(CheckRun run) {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSources.get(Name.REPORTING));
		Dialect dialect = this.schema.dialect();
		ReportingSources sides = ReportingSources.of(this.schema);
		Map<ReportingTableRule, Long> rows = new LinkedHashMap<>();
		for (ReportingTableRule rule : ReportingTableRule.ALL) {
			String source = ReportingSchema.sourceOf(rule);
			rows.put(rule, jdbc.queryForObject("SELECT COUNT(*) FROM " + source, Long.class));
			if (rule == ReportingTableRule.API_LATENCY) {
				continue;
			}
			widths(run, jdbc, dialect, rule, sides);
			if (rule == ReportingTableRule.PAYMENTS && sides.addressTable()) {
				Long payments = jdbc.queryForObject("SELECT COUNT(*) FROM PAYMENTS_RAW_DATA p WHERE p.CONSENT_ID IN"
						+ " (SELECT d.consentId FROM TransactionDeliveryAddress d GROUP BY d.consentId HAVING COUNT(*) > 1)",
						Long.class);
				if (payments != null && payments > 0) {
					run.add(Finding.info("reporting", ReportingRule.DELIVERY_ADDRESS_CHOSEN, String.format("PAYMENTS_RAW_DATA:"
							+ " %,d payments belong to consents with several delivery addresses; the latest is written"
							+ " (ties: the greatest in code-point order), counted as notices.", payments)));
				}
			}
			if (ReportingRowMapping.linksToInvocation(rule)) {
				Long without = jdbc.queryForObject("SELECT COUNT(*) FROM " + rule.table() + " s WHERE NOT EXISTS"
						+ " (SELECT 1 FROM API_INVOCATION_RAW_DATA i WHERE i.ID = s.ID)", Long.class);
				if (without != null && without > 0) {
					run.add(Finding.info("reporting", ReportingRule.NO_INVOCATION_MESSAGE_ID_KEPT, String.format("%s: %,d"
							+ " rows have no API invocation row with their ID; their MESSAGE_ID is still the old ID"
							+ " (counted as notices).", rule.table(), without)));
				}
			}
			ReportingTargetShape shape = this.schema.shape(rule);
			if (shape != null && !shape.passThrough().isEmpty()) {
				Map<String, String> types = this.schema.declaredTypes(rule.table());
				List<String> columns = shape.passThrough().stream().map(c -> c + " " + types.get(c)).toList();
				run.add(Finding.info("reporting", ReportingRule.PASS_THROUGH_COLUMN, rule.table() + ": columns the rules"
						+ " do not name pass through unchanged, with their declared types: " + String.join(", ", columns)
						+ ".").withItems(columns));
			}
		}
		run.add(Finding.info("reporting", ReportingRule.RUN_TIME_ESTIMATE, estimate(rows)));
	}

	/** Values longer than OB 3.0's 254 characters: the column is widened, or (widening off) the rows are quarantined. */
	private void widths(CheckRun run, JdbcTemplate jdbc, Dialect dialect, ReportingTableRule rule, ReportingSources sides) {
		Map<String, List<ReportingSchema.Feed>> wide = this.schema.wideFeeds(rule);
		if (wide.isEmpty()) {
			return;
		}
		Map<String, Integer> longest = this.schema.longest(rule);
		for (Map.Entry<String, List<ReportingSchema.Feed>> column : wide.entrySet()) {
			int width = longest.getOrDefault(column.getKey(), 0);
			if (width <= ReportingColumn.OB3_WIDTH) {
				continue;
			}
			long affected = 0;
			for (ReportingSchema.Feed feed : column.getValue()) {
				String longer = dialect.charLength("d." + feed.column()).get(0) + " > " + ReportingColumn.OB3_WIDTH;
				String sql = feed.table().equals(ReportingSchema.ADDRESS_TABLE)
						? "SELECT COUNT(*) FROM " + rule.table() + " s WHERE EXISTS (SELECT 1 FROM " + feed.table()
								+ " d WHERE d.consentId = s.CONSENT_ID AND " + longer + ")"
						: feed.table().equals(rule.table()) ? "SELECT COUNT(*) FROM " + rule.table() + " d WHERE " + longer
								: "SELECT COUNT(*) FROM " + rule.table() + " s WHERE EXISTS (SELECT 1 FROM " + feed.table()
										+ " d WHERE d.ID = s.ID AND " + longer + ")";
				affected = Math.max(affected, jdbc.queryForObject(sql, Long.class));
			}
			String found = String.format("%s.%s: %,d rows take a value longer than the 254 characters OB 3.0 declares"
					+ " (longest %,d, from %s)", rule.table(), column.getKey(), affected, width,
					String.join(", ", column.getValue().stream().map(f -> f.table() + "." + f.column()).toList()));
			if (this.schema.widensColumns()) {
				run.add(Finding.info("reporting", ReportingRule.COLUMN_WIDENED, found + ": the OB 3.0 column is created"
						+ " " + width + " characters wide; nothing is cut or quarantined."));
			}
			else {
				run.add(Finding.warn("reporting", ReportingRule.VALUE_LONGER_THAN_COLUMN, found + ": these rows will be"
						+ " quarantined.", "obmigrate.reporting-job.widen-columns is false, so the column keeps OB 3.0's"
								+ " 254 characters and a value is never cut.",
						"Set obmigrate.reporting-job.widen-columns=true (the default), or shorten the values first."));
			}
		}
	}

	/** Rows per table, and the run time from the last completed run's rates, lane by lane. */
	private String estimate(Map<ReportingTableRule, Long> rows) {
		Map<String, Double> rates = new LinkedHashMap<>();
		Long measuredBy = null;
		for (JobExecution execution : this.control.executions(200)) {
			if (execution.getJobInstance().getJobName().equals(ReportingJobConfiguration.JOB_NAME)
					&& execution.getStatus() == BatchStatus.COMPLETED
					&& !"true".equals(execution.getJobParameters().getString(JobControl.DRY_RUN))) {
				for (RunSummary.StepSummary step : this.control.summary(execution, RunSummaryAssembler.Rows.NONE).steps()) {
					if (step.written() > 0 && step.seconds() > 0) {
						rates.put(step.name(), step.written() / step.seconds());
					}
				}
				measuredBy = execution.getId();
				break;
			}
		}
		StringBuilder text = new StringBuilder(String.format("%-32s %14s %12s", "table (OB 3.0)", "rows", "seconds"));
		Map<ReportingTableRule, Double> seconds = new LinkedHashMap<>();
		for (Map.Entry<ReportingTableRule, Long> table : rows.entrySet()) {
			Double rate = rates.get(ReportingJobConfiguration.stepName(table.getKey()));
			text.append(String.format("%n%-32s %,14d %12s", table.getKey().table(), table.getValue(),
					rate == null ? "-" : String.format("%,.0f", table.getValue() / rate)));
			if (rate != null) {
				seconds.put(table.getKey(), table.getValue() / rate);
			}
		}
		if (measuredBy == null || seconds.size() < rows.size()) {
			return text.append(String.format("%nNo completed reporting run with every table in this job repository yet:"
					+ " the rates come from one. Rehearse `obmigrate run reporting` on a staging copy with this job"
					+ " repository, and `check` estimates from its rates.")).toString();
		}
		double longestLane = 0;
		for (List<ReportingTableRule> lane : ReportingJobConfiguration.lanes(this.lanes)) {
			longestLane = Math.max(longestLane, lane.stream().mapToDouble(seconds::get).sum());
		}
		return text.append(String.format("%nExpected: about %,.0f s for the tables in %d lane(s), from the rates"
				+ " execution %d measured per table (plus start-up and the final summary).", longestLane, this.lanes,
				measuredBy)).toString();
	}

	/** Returns whether nothing is cut over and every source table can be read. */
	private boolean tables(CheckRun run) {
		List<String> cutOver = ReportingTableRule.ALL.stream()
			.map(rule -> rule.table() + ReportingCutover.OB2_SUFFIX)
			.filter(table -> !this.schema.columns(table).isEmpty())
			.toList();
		if (!cutOver.isEmpty() && !this.schema.separateTarget()) {
			run.add(Finding.blocker("reporting", ReportingRule.ALREADY_CUT_OVER, "The reporting tables are already cut"
					+ " over (" + cutOver + " hold the OB 2.0 data): there is nothing left to migrate.",
					"The OB 3.0 tables carry the statistics now.",
					"Finish with `obmigrate reporting-cutover` if it was interrupted."));
			return false;
		}
		String ddl = "sql/" + this.schema.dialect().folder() + "/ob2-reporting.sql";
		if (SOURCE.check(this.dataSources, Name.REPORTING, "reporting", ddl, run).size() < SOURCE.tables().size()) {
			return false;
		}
		withoutStatistics(run);
		UnwrittenPages.check(run, "reporting", this.dataSources, Name.REPORTING);
		if (this.schema.separateTarget()) {
			UnwrittenPages.check(run, "reporting-target", this.dataSources, Name.REPORTING_TARGET);
		}
		if (this.schema.separateTarget() && this.schema.targetDialect() != this.schema.dialect()) {
			List<String> passThrough = ReportingTableRule.ALL.stream()
				.map(this.schema::shape)
				.filter(Objects::nonNull)
				.flatMap(shape -> shape.passThrough().stream().map(c -> shape.rule().table() + "." + c))
				.toList();
			if (!passThrough.isEmpty()) {
				run.add(Finding.blocker("reporting", ReportingRule.PASS_THROUGH_ACROSS_DIALECTS, "The OB 2.0 tables"
						+ " have columns obmigrate does not know " + passThrough + ", which are copied with their "
						+ this.schema.dialect().folder() + " types, but obmigrate.reporting-target is "
						+ this.schema.targetDialect().folder() + ".", "Another database cannot take those types.",
						"Use a target database of the same kind, or create the OB 3.0 tables there yourself with"
								+ " those columns and run again.")
					.withItems(passThrough));
				return false;
			}
		}
		return true;
	}

}

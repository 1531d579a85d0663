package io.obmigrate.reporting;

import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.CheckRun;
import io.obmigrate.core.CoreRule;
import io.obmigrate.core.Finding;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;

/**
 * The reporting job's checks, declared once. Gates: the OB 2.0 statistics tables exist, they are not cut over yet, and
 * columns obmigrate does not know can be created in the target. Survey: the rows each table holds.
 */
class ReportingChecks {

	private final ReportingSchema schema;

	private final ObmigrateDataSources dataSources;

	ReportingChecks(ReportingSchema schema, ObmigrateDataSources dataSources) {
		this.schema = schema;
		this.dataSources = dataSources;
	}

	void check(CheckRun run) {
		boolean[] ready = { false };
		run.gate("reporting", "reporting tables", () -> ready[0] = tables(run));
		if (ready[0]) {
			run.survey("reporting", "reporting row counts", () -> counts(run));
		}
	}

	/** Returns whether every source table exists and nothing is cut over. */
	private boolean tables(CheckRun run) {
		List<String> sources = ReportingTableRule.ALL.stream().map(ReportingSchema::sourceOf).distinct().toList();
		List<String> missing = sources.stream().filter(table -> this.schema.columns(table).isEmpty()).toList();
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
		for (String table : missing) {
			run.add(Finding.blocker("reporting", CoreRule.SOURCE_TABLE_MISSING, "Table " + table + " is missing in "
					+ this.dataSources.settings(Name.REPORTING) + ".", "The reporting job reads it.",
					"Point obmigrate.reporting.url (OBMIGRATE_REPORTING_URL) at the OB 2.0"
							+ " openbank_ob_reporting_statsdb; " + ddl + " shows the tables."));
		}
		if (!missing.isEmpty()) {
			return false;
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

	private void counts(CheckRun run) {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSources.get(Name.REPORTING));
		StringBuilder text = new StringBuilder("OB 2.0 reporting row counts:");
		for (String table : ReportingTableRule.ALL.stream().map(ReportingSchema::sourceOf).distinct().toList()) {
			text.append(String.format("%n%-32s %,14d", table,
					jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)));
		}
		run.add(Finding.info("reporting", CoreRule.SOURCE_ROW_COUNTS, text.toString()));
	}

}

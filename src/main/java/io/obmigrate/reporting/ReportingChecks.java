package io.obmigrate.reporting;

import java.util.List;
import java.util.Objects;

import io.obmigrate.core.CheckRun;
import io.obmigrate.core.Finding;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.SourceShape;

/**
 * The reporting job's checks, declared once. Gates: the OB 2.0 statistics tables are not cut over yet and have the key
 * columns the job reads, and columns obmigrate does not know can be created in the target. Survey: the rows each
 * table holds.
 */
class ReportingChecks {

	/** The raw-data tables the reporting job reads, keyset on (ID, TIMESTAMP); other columns pass through. */
	static final SourceShape SOURCE = sourceShape();

	private final ReportingSchema schema;

	private final ObmigrateDataSources dataSources;

	ReportingChecks(ReportingSchema schema, ObmigrateDataSources dataSources) {
		this.schema = schema;
		this.dataSources = dataSources;
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
			run.survey("reporting", "reporting row counts",
					() -> SOURCE.count(this.dataSources, Name.REPORTING, "reporting", SOURCE.tables(), run));
		}
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

package io.obmigrate.core;

import java.util.Map;

/** A {@link RunSummary} as the pgloader-style table printed at the end of a run. */
public final class RunSummaryText {

	private RunSummaryText() {
	}

	/**
	 * The end-of-run table.
	 *
	 * @param context one line about the run's settings and databases (no secrets), or empty
	 */
	public static String render(RunSummary summary, String context) {
		StringBuilder out = new StringBuilder();
		double total = summary.seconds();
		out.append(String.format("%n%s execution %d: %s in %s%s%n", summary.jobName(), summary.executionId(), summary.status(),
				formatSeconds(total), context.isEmpty() ? "" : " (" + context + ")"));
		out.append(String.format("%n %-30s %12s %12s %12s %10s %10s %10s %11s%n", "step", "read", "written", "quarantined",
				"filtered", "present", "duration", "rows/s"));
		out.append(" ").append("-".repeat(113)).append('\n');
		for (RunSummary.StepSummary step : summary.steps()) {
			out.append(String.format(" %-30s %,12d %,12d %,12d %,10d %,10d %10s %,11.0f%s%n", step.name(), step.read(),
					step.written(), step.quarantined(), step.filtered(), step.present(), formatSeconds(step.seconds()),
					step.rowsPerSecond(), step.status().equals("COMPLETED") ? "" : "  " + step.status()));
		}
		out.append(" ").append("-".repeat(113)).append('\n');
		out.append(String.format(" %-30s %,12d %,12d %,12d %,10d %,10d %10s%n", "total", summary.read(), summary.written(),
				summary.quarantined(), summary.filtered(), summary.present(), formatSeconds(total)));
		out.append(String.format(" read = written + quarantined + filtered + present: %,d = %,d + %,d + %,d + %,d  %s%n",
				summary.read(), summary.written(), summary.quarantined(), summary.filtered(), summary.present(),
				summary.balanced() ? "(every row accounted for)" : "MISMATCH"));
		table(out, "source table", "rows read", summary.sourceTables());
		table(out, "target table", summary.dryRun() ? "rows to write" : "rows written", summary.targetTables());
		if (!summary.notices().isEmpty()) {
			table(out, "notice (migrated, deviation counted)", "rows", summary.notices());
		}
		for (RunSummary.StepSummary step : summary.steps()) {
			if (!step.details().isEmpty()) {
				out.append(String.format("%n %s%n", step.name()));
				step.details().forEach((name, text) -> out.append(String.format("   %-20s %s%n", name, text)));
			}
		}
		if (!summary.details().isEmpty()) {
			out.append(String.format("%n %s%n", "not migrated, left untouched"));
			summary.details().forEach((name, text) -> out.append(String.format("   %-42s %s%n", name, text)));
		}
		if (summary.quarantinedCount() > 0) {
			out.append(String.format("%n quarantined rows (%,d; showing %d; every rule in docs/rules.md):%n",
					summary.quarantinedCount(), summary.quarantinedRows().size()));
			for (RowReportRepository.StoredRow row : summary.quarantinedRows()) {
				out.append(String.format("  %-26s %-38s %-28s %s%n", row.row().sourceTable(), row.row().sourceKey(),
						row.row().rule(), row.row().message()));
			}
		}
		if (summary.exitDescription() != null && !summary.exitDescription().isBlank() && !summary.status().equals("COMPLETED")) {
			out.append(String.format("%n reason: %s%n", summary.exitDescription()));
		}
		return out.toString();
	}

	private static void table(StringBuilder out, String title, String column, Map<String, Long> rows) {
		out.append(String.format("%n %-44s %14s%n", title, column));
		rows.forEach((name, n) -> out.append(String.format(" %-44s %,14d%n", name, n)));
	}

	private static String formatSeconds(double seconds) {
		return seconds < 60 ? String.format("%.1fs", seconds) : StepProgress.formatDuration((long) seconds);
	}

}

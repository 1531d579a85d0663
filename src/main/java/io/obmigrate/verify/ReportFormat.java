package io.obmigrate.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.obmigrate.core.VerifyFailure;

/** The renderings of an {@link ExecutionReport}: text for a terminal, JSON for tools, HTML for a change ticket. */
public enum ReportFormat {

	TEXT, JSON, HTML;

	public static ReportFormat named(String name) {
		for (ReportFormat format : values()) {
			if (format.name().equalsIgnoreCase(name)) {
				return format;
			}
		}
		throw new io.obmigrate.core.ConfigurationProblem("Unknown report format '" + name + "': use text, json or html.");
	}

	public String render(ExecutionReport report) {
		return switch (this) {
			case TEXT -> text(report);
			case JSON -> json(report);
			case HTML -> ReportHtml.render(report);
		};
	}

	static String json(ExecutionReport report) {
		try {
			return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report) + "\n";
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot write the report as JSON: " + ex.getMessage(), ex);
		}
	}

	static String text(ExecutionReport r) {
		StringBuilder out = new StringBuilder();
		ExecutionReport.Execution e = r.execution();
		out.append(String.format("obmigrate %s report: %s execution %d (job instance %d) %s%s%n", r.obmigrateVersion(),
				e.job(), e.id(), e.instance(), e.status(), e.dryRun() ? ", DRY RUN" : ""));
		out.append(String.format("started %s, ended %s, %.1f s; exit code %s%s%n", e.start(), e.end(), e.seconds(),
				e.exitCode(), e.exitDescription() == null || e.exitDescription().isBlank() ? ""
						: " (" + e.exitDescription() + ")"));
		out.append(String.format("%nSteps%n %-44s %-10s %10s %10s %11s %9s %8s %9s %10s%n", "STEP", "STATUS", "READ",
				"WRITTEN", "QUARANTINED", "FILTERED", "PRESENT", "SECONDS", "ROWS/S"));
		for (ExecutionReport.Step step : r.steps()) {
			out.append(String.format(" %-44s %-10s %10d %10d %11d %9d %8d %9.1f %10.0f%n", step.name(), step.status(),
					step.read(), step.written(), step.quarantined(), step.filtered(), step.present(), step.seconds(),
					step.rowsPerSecond()));
		}
		ExecutionReport.Totals t = r.totals();
		out.append(String.format(" %-44s %-10s %10d %10d %11d %9d %8d   %s%n", "total", "", t.read(), t.written(),
				t.quarantined(), t.filtered(), t.present(), t.balanced() ? "every row accounted for"
						: "NOT BALANCED: read differs from written + quarantined + filtered + present"));
		double peak = r.throughput().stream().mapToDouble(ExecutionReport.Point::rowsPerSecond).max().orElse(0);
		if (peak > 0) {
			out.append(String.format("%nThroughput over time (rows/s, peak %.0f)%n", peak));
			for (int i = 0; i < r.throughput().size(); i += 3) {
				ExecutionReport.Point point = r.throughput().get(i);
				out.append(String.format(" %8.1f s %10.0f %s%n", point.second(), point.rowsPerSecond(),
						"#".repeat((int) Math.round(40 * point.rowsPerSecond() / peak))));
			}
		}
		if (!r.notices().isEmpty()) {
			out.append(String.format("%nNotices%n"));
			r.notices().forEach((rule, count) -> out.append(String.format(" %-40s %d%n", rule, count)));
		}
		out.append(String.format("%nQuarantined rows: %d%n", r.quarantine().count()));
		for (ExecutionReport.QuarantinedRow row : r.quarantine().rows()) {
			out.append(String.format(" %s %s [%s] %s%n", row.table(), row.key(), row.rule(), row.message()));
			if (row.fix() != null) {
				out.append("   fix: ").append(row.fix()).append('\n');
			}
		}
		ExecutionReport.Verification v = r.verification();
		if (v != null) {
			out.append(String.format("%nVerification: %d differences, %d target rows without a source%n",
					v.mismatches(), v.apart()));
			out.append(VerifyStates.table(v.tables(), " "));
			for (VerifyFailure f : v.failures()) {
				out.append(String.format(" %s %s %s key %s (%s) %s: expected %s, found %s%n",
						f.isApart() ? "apart" : "difference", f.job(), f.table(), f.key(), f.subject(), f.column(),
						f.expected(), f.found()));
			}
		}
		out.append(String.format("%nConfiguration%n %s%n", r.configuration().job()));
		r.configuration().dataSources().forEach((name, settings) -> out.append(String.format(" %-22s %s%n", name,
				settings)));
		out.append(String.format("%nParameters%n"));
		r.parameters().forEach((name, value) -> out.append(String.format(" %-22s %s%n", name, value)));
		out.append(String.format("%nDatabases%n"));
		for (ExecutionReport.Database db : r.databases()) {
			out.append(String.format(" %-22s %s%n", db.name(),
					db.error() != null ? db.error() : db.product() + " " + db.version()));
		}
		out.append(String.format("%nReport made %s by obmigrate %s.%n", r.generatedAt(), r.obmigrateVersion()));
		return out.toString();
	}

}

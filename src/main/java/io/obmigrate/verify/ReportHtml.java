package io.obmigrate.verify;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.obmigrate.core.VerifyFailure;

/**
 * The HTML report: one self-contained file (inline CSS and SVG, no script, no font or image from the network) that
 * prints on A4 landscape with its table headers repeated on each page.
 */
final class ReportHtml {

	private static final String CSS = """
			body{font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1b1f24;
			margin:24px auto;max-width:1200px;padding:0 16px}
			h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:2px solid #d0d7de;
			padding-bottom:4px}
			.meta{color:#57606a}.badge{display:inline-block;white-space:nowrap;padding:1px 8px;border-radius:10px;font-weight:600}
			.ok{background:#dafbe1;color:#116329}.bad{background:#ffebe9;color:#a40e26}.warn{background:#fff8c5;
			color:#7d4e00}.na{background:#eaeef2;color:#424a53}
			table{border-collapse:collapse;width:100%;margin:4px 0}th,td{border:1px solid #d0d7de;padding:3px 6px;
			text-align:left;vertical-align:top}th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:
			tabular-nums}tr.part td{color:#57606a;font-size:12px}tr.part td:first-child{padding-left:20px}
			td code{white-space:nowrap}code,.k{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;
			word-break:break-all}
			.cards{display:flex;gap:10px;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:6px;
			padding:8px 12px;min-width:120px}.card b{display:block;font-size:18px}
			svg{width:100%;height:auto;border:1px solid #d0d7de;border-radius:6px;background:#fff}
			.empty{color:#57606a;font-style:italic}
			@page{size:A4 landscape;margin:12mm}
			@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}tr,svg,.card{break-inside:
			avoid}thead{display:table-header-group}a{color:inherit;text-decoration:none}}
			""";

	private ReportHtml() {
	}

	static String render(ExecutionReport r) {
		ExecutionReport.Execution e = r.execution();
		StringBuilder h = new StringBuilder(16384);
		h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
			.append("<title>obmigrate ").append(esc(e.job())).append(" execution ").append(e.id()).append("</title>")
			.append("<style>").append(CSS).append("</style></head><body>\n");
		boolean differences = r.verification() != null && r.verification().mismatches() > 0;
		String verdict = differences ? "bad" : "COMPLETED".equals(e.status()) ? "ok"
				: "FAILED".equals(e.status()) || "CRASHED".equals(e.status()) ? "bad" : "warn";
		h.append("<header id=\"summary\"><h1>obmigrate: ").append(esc(e.job())).append(" execution ").append(e.id())
			.append(" <span class=\"badge ").append(verdict).append("\">").append(esc(e.status()))
			.append(differences ? ", " + r.verification().mismatches() + " differences" : "")
			.append("</span></h1>");
		h.append("<div class=\"meta\">Job instance ").append(e.instance()).append(" · started ").append(esc(e.start()))
			.append(" · ended ").append(esc(e.end())).append(" · ").append(String.format(Locale.ROOT, "%.1f", e.seconds()))
			.append(" s · exit status ").append(esc(e.exitCode()))
			.append(e.dryRun() ? " · <b>dry run: nothing was written</b>" : "").append("</div>");
		if (e.exitDescription() != null && !e.exitDescription().isBlank()) {
			h.append("<p><b>Reason:</b> ").append(esc(e.exitDescription())).append("</p>");
		}
		ExecutionReport.Totals t = r.totals();
		h.append("<div class=\"cards\">");
		card(h, "read", t.read());
		card(h, "written", t.written());
		card(h, "quarantined", t.quarantined());
		card(h, "filtered", t.filtered());
		card(h, "already present", t.present());
		h.append("<div class=\"card\">accounting<b class=\"badge ").append(t.balanced() ? "ok\">balanced" : "bad\">not"
				+ " balanced").append("</b></div></div></header>\n");

		h.append("<section id=\"steps\"><h2>Steps</h2><table><thead><tr><th>Step</th><th>Status</th><th>Read</th>")
			.append("<th>Written</th><th>Quarantined</th><th>Filtered</th><th>Present</th><th>Duration (s)</th>")
			.append("<th>Rows/s</th></tr></thead><tbody>");
		for (ExecutionReport.Step step : r.steps()) {
			step(h, step, "");
			for (ExecutionReport.Step partition : step.partitions()) {
				step(h, partition, " class=\"part\"");
			}
		}
		h.append("</tbody></table></section>\n");

		h.append("<section id=\"throughput\"><h2>Throughput over time</h2>");
		chart(h, r.throughput(), e.seconds());
		h.append("<p class=\"meta\">Rows per second over the execution; each step or partition counts its rows evenly"
				+ " over its own run, and steps that run side by side add up.</p></section>\n");

		h.append("<section id=\"notices\"><h2>Notices</h2>");
		if (r.notices().isEmpty()) {
			h.append("<p class=\"empty\">No notice.</p>");
		}
		else {
			h.append("<table><thead><tr><th>Rule</th><th>Rows</th></tr></thead><tbody>");
			r.notices().forEach((rule, count) -> h.append("<tr><td><code>").append(esc(rule)).append("</code></td>")
				.append("<td class=\"n\">").append(count).append("</td></tr>"));
			h.append("</tbody></table>");
		}
		h.append("</section>\n");

		h.append("<section id=\"quarantine\"><h2>Quarantined rows (").append(r.quarantine().count()).append(")</h2>");
		if (r.quarantine().rows().isEmpty()) {
			h.append("<p class=\"empty\">No row was quarantined.</p>");
		}
		else {
			h.append("<table><thead><tr><th>Table</th><th>Key</th><th>Rule</th><th>Message</th><th>Fix</th></tr>")
				.append("</thead><tbody>");
			for (ExecutionReport.QuarantinedRow row : r.quarantine().rows()) {
				h.append("<tr><td>").append(esc(row.table())).append("</td><td class=\"k\">").append(esc(row.key()))
					.append("</td><td><code>").append(esc(row.rule())).append("</code></td><td>")
					.append(esc(row.message())).append("</td><td>").append(esc(row.fix() == null ? "" : row.fix()))
					.append("</td></tr>");
			}
			h.append("</tbody></table>");
		}
		h.append("</section>\n");

		h.append("<section id=\"verification\"><h2>Verification</h2>");
		ExecutionReport.Verification v = r.verification();
		if (v == null) {
			h.append("<p class=\"empty\">This execution is not a verify run; `obmigrate run verify` checks what the"
					+ " jobs wrote.</p>");
		}
		else {
			h.append("<p>").append(v.mismatches()).append(" differences, ").append(v.apart())
				.append(" target rows without a source (listed apart, they do not fail the run).</p>");
			h.append("<table><thead><tr><th>Job</th><th>Table</th><th>State</th><th>Rows compared</th>")
				.append("<th>Differences</th><th>Apart</th><th>Measures</th><th>Note</th></tr></thead><tbody>");
			for (VerifyStates.TableState state : v.tables()) {
				String css = switch (state.state()) {
					case VerifyStates.VALIDATED -> "ok";
					case VerifyStates.MISMATCHED -> "bad";
					default -> "na";
				};
				h.append("<tr><td>").append(esc(state.job())).append("</td><td>").append(esc(state.table()))
					.append("</td><td><span class=\"badge ").append(css).append("\">").append(esc(state.state()))
					.append("</span></td><td class=\"n\">").append(state.rows()).append("</td><td class=\"n\">")
					.append(state.mismatches()).append("</td><td class=\"n\">").append(state.apart())
					.append("</td><td>").append(measures(state.measures())).append("</td><td>")
					.append(esc(state.reason() == null ? "" : state.reason())).append("</td></tr>");
			}
			h.append("</tbody></table>");
			if (!v.failures().isEmpty()) {
				h.append("<h3>Differences</h3><table><thead><tr><th>Kind</th><th>Job</th><th>Table</th><th>Key</th>")
					.append("<th>Source key</th><th>Column</th><th>Expected</th><th>Found</th></tr></thead><tbody>");
				for (VerifyFailure f : v.failures()) {
					h.append("<tr><td>").append(f.isApart() ? "apart" : "difference").append("</td><td>")
						.append(esc(f.job())).append("</td><td>").append(esc(f.table())).append("</td><td class=\"k\">")
						.append(esc(f.key())).append("</td><td class=\"k\">").append(esc(f.subject()))
						.append("</td><td>").append(esc(f.column())).append("</td><td class=\"k\">")
						.append(esc(f.expected())).append("</td><td class=\"k\">").append(esc(f.found()))
						.append("</td></tr>");
				}
				h.append("</tbody></table>");
			}
		}
		h.append("</section>\n");

		h.append("<section id=\"configuration\"><h2>Configuration</h2><p>").append(esc(r.configuration().job()))
			.append("</p><table><thead><tr><th>Database setting</th><th>Value (secrets masked)</th></tr></thead><tbody>");
		r.configuration().dataSources().forEach((name, value) -> h.append("<tr><td>").append(esc(name))
			.append("</td><td class=\"k\">").append(esc(value)).append("</td></tr>"));
		h.append("</tbody></table><table><thead><tr><th>Job parameter</th><th>Value</th></tr></thead><tbody>");
		r.parameters().forEach((name, value) -> h.append("<tr><td>").append(esc(name)).append("</td><td class=\"k\">")
			.append(esc(value)).append("</td></tr>"));
		h.append("</tbody></table></section>\n");

		h.append("<section id=\"versions\"><h2>Versions</h2><table><thead><tr><th>Component</th><th>Version</th></tr>")
			.append("</thead><tbody><tr><td>obmigrate</td><td>").append(esc(r.obmigrateVersion())).append("</td></tr>");
		for (ExecutionReport.Database db : r.databases()) {
			h.append("<tr><td>database ").append(esc(db.name())).append("</td><td>")
				.append(esc(db.error() != null ? db.error() : db.product() + " " + db.version())).append("</td></tr>");
		}
		h.append("</tbody></table></section>\n<footer class=\"meta\"><p>Report made ").append(esc(r.generatedAt()))
			.append(" by obmigrate ").append(esc(r.obmigrateVersion())).append(" (format ").append(esc(r.format()))
			.append(").</p></footer>\n</body></html>\n");
		return h.toString();
	}

	private static void card(StringBuilder h, String label, long value) {
		h.append("<div class=\"card\">").append(label).append("<b>").append(String.format(Locale.ROOT, "%,d", value))
			.append("</b></div>");
	}

	private static void step(StringBuilder h, ExecutionReport.Step s, String css) {
		h.append("<tr").append(css).append("><td>").append(esc(s.name())).append("</td><td>").append(esc(s.status()))
			.append("</td><td class=\"n\">").append(s.read()).append("</td><td class=\"n\">").append(s.written())
			.append("</td><td class=\"n\">").append(s.quarantined()).append("</td><td class=\"n\">").append(s.filtered())
			.append("</td><td class=\"n\">").append(s.present()).append("</td><td class=\"n\">")
			.append(s.seconds() > 0 ? String.format(Locale.ROOT, "%.1f", s.seconds()) : "")
			.append("</td><td class=\"n\">")
			.append(s.rowsPerSecond() > 0 ? String.format(Locale.ROOT, "%,.0f", s.rowsPerSecond()) : "")
			.append("</td></tr>");
	}

	private static String measures(Map<String, String> measures) {
		StringBuilder text = new StringBuilder();
		int shown = 0;
		for (Map.Entry<String, String> measure : measures.entrySet()) {
			if (shown++ == 12) {
				text.append("… (").append(measures.size()).append(" in the JSON report)");
				break;
			}
			text.append("<div class=\"k\">").append(esc(measure.getKey())).append(" = ").append(esc(measure.getValue()))
				.append("</div>");
		}
		return text.toString();
	}

	/** An area chart of rows/s over seconds, inline SVG with its axes labelled. */
	private static void chart(StringBuilder h, List<ExecutionReport.Point> points, double seconds) {
		double peak = points.stream().mapToDouble(ExecutionReport.Point::rowsPerSecond).max().orElse(0);
		if (points.isEmpty() || peak <= 0) {
			h.append("<p class=\"empty\">No rows were read in this execution.</p>");
			return;
		}
		int w = 900;
		int hgt = 220;
		int left = 70;
		int bottom = 30;
		int top = 26;
		double span = Math.max(seconds, points.get(points.size() - 1).second());
		StringBuilder path = new StringBuilder();
		path.append(left).append(',').append(hgt - bottom);
		for (ExecutionReport.Point p : points) {
			double x = left + (w - left - 10) * p.second() / span;
			double y = (hgt - bottom) - (hgt - bottom - top) * p.rowsPerSecond() / peak;
			path.append(' ').append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
		}
		path.append(' ').append(w - 10).append(',').append(hgt - bottom);
		h.append("<svg viewBox=\"0 0 ").append(w).append(' ').append(hgt)
			.append("\" role=\"img\" aria-label=\"rows per second over time\" xmlns=\"http://www.w3.org/2000/svg\">");
		h.append("<line x1=\"").append(left).append("\" y1=\"").append(hgt - bottom).append("\" x2=\"").append(w - 10)
			.append("\" y2=\"").append(hgt - bottom).append("\" stroke=\"#57606a\"/>");
		h.append("<line x1=\"").append(left).append("\" y1=\"").append(top).append("\" x2=\"").append(left)
			.append("\" y2=\"").append(hgt - bottom).append("\" stroke=\"#57606a\"/>");
		h.append("<polygon points=\"").append(path).append("\" fill=\"#54aeff\" fill-opacity=\"0.45\" stroke=\"#0969da\"")
			.append(" stroke-width=\"1.5\"/>");
		for (int i = 0; i <= 4; i++) {
			double value = peak * i / 4;
			double y = (hgt - bottom) - (hgt - bottom - top) * i / 4.0;
			h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\""
					+ " fill=\"#57606a\">%,.0f</text>", left - 6, y + 4, value));
			double x = left + (w - left - 10) * i / 4.0;
			h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\""
					+ " fill=\"#57606a\">%s s</text>", x, hgt - 10,
					String.format(Locale.ROOT, span < 20 ? "%.1f" : "%.0f", span * i / 4)));
		}
		h.append("<text x=\"12\" y=\"").append(14)
			.append("\" font-size=\"11\" fill=\"#57606a\">rows/s</text></svg>");
	}

	static String esc(String text) {
		return io.obmigrate.core.HtmlText.escape(text);
	}

}

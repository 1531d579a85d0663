package io.obmigrate.rehearsal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code obmigrate rehearsals} as text (a table of nights with their flags, then the projection), JSON (every
 * rehearsal as recorded, its flags, and the projection), or one self-contained HTML page (inline CSS and SVG charts,
 * no script, nothing fetched) that prints on A4.
 */
public final class RehearsalReport {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final String[] COLOURS = { "#1f6feb", "#2da44e", "#bf8700", "#8250df", "#cf222e", "#57606a" };

	private RehearsalReport() {
	}

	public static String text(RehearsalTrend trend) {
		StringBuilder t = new StringBuilder();
		if (trend.nights().isEmpty()) {
			return "No rehearsal is recorded in this job repository. Run `obmigrate rehearse` on a staging copy.\n";
		}
		t.append(String.format("%-4s %-20s %-12s %9s", "#", "started", "outcome", "total"));
		for (String job : trend.jobs()) {
			t.append(String.format(" %11s", job));
		}
		t.append(String.format(" %11s %10s  %s%n", "quarantined", "mismatches", "flags"));
		for (RehearsalTrend.Night night : trend.nights()) {
			Rehearsal r = night.rehearsal();
			t.append(String.format("%-4d %-20s %-12s %9s", r.id(), WHEN.format(r.startedAt()), r.outcome(),
					r.endedAt() == null ? "-" : seconds(r.seconds())));
			for (String job : trend.jobs()) {
				Rehearsal.JobRun run = r.job(job);
				t.append(String.format(" %11s", run == null ? "-" : seconds(run.seconds())));
			}
			t.append(String.format(" %,11d %,10d  %s%n", r.quarantined(), r.mismatches(),
					night.flags().isEmpty() ? "-" : String.join("; ", night.flags())));
		}
		t.append(System.lineSeparator()).append("Throughput (rows read per second) per night:").append(System.lineSeparator());
		for (String job : trend.jobs()) {
			List<String> rates = new ArrayList<>();
			for (Double rate : trend.rateOf(job)) {
				rates.add(rate == null ? "-" : String.format("%,.0f", rate));
			}
			t.append(String.format("  %-10s %s%n", job, String.join("  ", rates)));
		}
		RehearsalTrend.Projection p = trend.projection();
		t.append(System.lineSeparator());
		if (p == null) {
			t.append("No rehearsal has finished yet: no cut-over projection.").append(System.lineSeparator());
			return t.toString();
		}
		t.append(String.format("Cut-over window projected from rehearsal %d for %s:%n", p.basisRehearsal(),
				p.volumeSource()));
		t.append(String.format("  %-10s %14s %10s %14s %12s %12s%n", "job", "rehearsal rows", "took", "cut-over rows",
				"rows/s", "projected"));
		for (RehearsalTrend.JobProjection j : p.jobs()) {
			t.append(String.format("  %-10s %,14d %10s %,14d %,12.0f %12s%n", j.job(), j.rehearsalRows(),
					seconds(j.rehearsalSeconds()), j.cutoverRows(), j.rowsPerSecond(), seconds(j.seconds())));
		}
		t.append(String.format("  %-10s %64s%n", "total", seconds(p.seconds())));
		t.append("A catch-up (`run consent --since-last-run`) in the window reads only the consents changed since the"
				+ " last full run.").append(System.lineSeparator());
		return t.toString();
	}

	public static String json(RehearsalTrend trend) {
		Map<String, Object> document = new LinkedHashMap<>();
		List<Map<String, Object>> nights = new ArrayList<>();
		for (RehearsalTrend.Night night : trend.nights()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("rehearsal", night.rehearsal());
			entry.put("seconds", night.rehearsal().seconds());
			entry.put("quarantined", night.rehearsal().quarantined());
			entry.put("mismatches", night.rehearsal().mismatches());
			entry.put("flags", night.flags());
			nights.add(entry);
		}
		document.put("rehearsals", nights);
		document.put("jobs", trend.jobs());
		document.put("projection", trend.projection());
		return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(document)
				+ System.lineSeparator();
	}

	public static String html(RehearsalTrend trend) {
		StringBuilder h = new StringBuilder();
		h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>obmigrate rehearsals</title>")
			.append("<style>body{font:13px/1.4 system-ui,sans-serif;margin:24px;color:#1f2328}h1{font-size:20px}")
			.append("h2{font-size:15px;margin-top:28px}table{border-collapse:collapse;margin:8px 0}")
			.append("th,td{border-bottom:1px solid #d0d7de;padding:3px 8px;text-align:right}th:first-child,td:first-child")
			.append("{text-align:left}td.flags{text-align:left;color:#cf222e}tr.ok td.flags{color:#57606a}")
			.append(".legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:10px;")
			.append("height:10px;margin-right:4px}svg{border:1px solid #d0d7de;background:#fff}")
			.append("@media print{@page{size:A4 landscape;margin:12mm}body{margin:0}}</style></head><body>");
		h.append("<h1>obmigrate rehearsals</h1>");
		if (trend.nights().isEmpty()) {
			h.append("<p>No rehearsal is recorded in this job repository.</p></body></html>");
			return h.toString();
		}
		h.append("<h2>Duration per night (seconds)</h2>");
		chart(h, trend, true);
		h.append("<h2>Throughput per night (rows read per second)</h2>");
		chart(h, trend, false);
		h.append("<h2>Nights</h2><table><tr><th>#</th><th>started</th><th>outcome</th><th>total</th>");
		for (String job : trend.jobs()) {
			h.append("<th>").append(esc(job)).append("</th>");
		}
		h.append("<th>quarantined</th><th>mismatches</th><th>flags</th></tr>");
		for (RehearsalTrend.Night night : trend.nights()) {
			Rehearsal r = night.rehearsal();
			h.append("<tr class=\"").append(night.flags().isEmpty() ? "ok" : "flagged").append("\"><td>").append(r.id())
				.append("</td><td>").append(WHEN.format(r.startedAt())).append("</td><td>").append(esc(r.outcome()))
				.append("</td><td>").append(r.endedAt() == null ? "-" : seconds(r.seconds())).append("</td>");
			for (String job : trend.jobs()) {
				Rehearsal.JobRun run = r.job(job);
				h.append("<td>").append(run == null ? "-" : seconds(run.seconds())).append("</td>");
			}
			h.append("<td>").append(String.format("%,d", r.quarantined())).append("</td><td>")
				.append(String.format("%,d", r.mismatches())).append("</td><td class=\"flags\">")
				.append(night.flags().isEmpty() ? "&ndash;" : esc(String.join("; ", night.flags()))).append("</td></tr>");
		}
		h.append("</table>");
		RehearsalTrend.Projection p = trend.projection();
		h.append("<h2>Cut-over window</h2>");
		if (p == null) {
			h.append("<p>No rehearsal has finished yet.</p>");
		}
		else {
			h.append("<p>Projected from rehearsal ").append(p.basisRehearsal()).append(" for ")
				.append(esc(p.volumeSource())).append(": <b>").append(seconds(p.seconds())).append("</b>.</p>")
				.append("<table><tr><th>job</th><th>rehearsal rows</th><th>took</th><th>cut-over rows</th>")
				.append("<th>rows/s</th><th>projected</th></tr>");
			for (RehearsalTrend.JobProjection j : p.jobs()) {
				h.append(String.format("<tr><td>%s</td><td>%,d</td><td>%s</td><td>%,d</td><td>%,.0f</td><td>%s</td></tr>",
						esc(j.job()), j.rehearsalRows(), seconds(j.rehearsalSeconds()), j.cutoverRows(),
						j.rowsPerSecond(), seconds(j.seconds())));
			}
			h.append("</table>");
		}
		h.append("</body></html>");
		return h.toString();
	}

	/** A line per job over the nights, as inline SVG; gaps where a job did not run. */
	private static void chart(StringBuilder h, RehearsalTrend trend, boolean duration) {
		int width = 760;
		int height = 220;
		int left = 60;
		int bottom = 30;
		int n = trend.nights().size();
		double max = 0;
		Map<String, List<Double>> series = new LinkedHashMap<>();
		for (String job : trend.jobs()) {
			List<Double> values = duration ? trend.secondsOf(job) : trend.rateOf(job);
			series.put(job, values);
			for (Double v : values) {
				if (v != null) {
					max = Math.max(max, v);
				}
			}
		}
		max = max <= 0 ? 1 : max * 1.1;
		double step = n > 1 ? (width - left - 20.0) / (n - 1) : 0;
		h.append("<svg width=\"").append(width).append("\" height=\"").append(height)
			.append("\" role=\"img\">");
		for (int k = 0; k <= 4; k++) {
			double y = 10 + (height - bottom - 10) * k / 4.0;
			h.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eaeef2\"/>",
					left, y, width - 10, y));
			h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>",
					left - 4, y + 3, String.format(max < 10 ? "%,.1f" : "%,.0f", max * (4 - k) / 4.0)));
		}
		for (int i = 0; i < n; i++) {
			double x = left + (n > 1 ? i * step : (width - left) / 2.0);
			h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">#%d</text>",
					x, height - 10, trend.nights().get(i).rehearsal().id()));
			if (!trend.nights().get(i).flags().isEmpty()) {
				h.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"3\" fill=\"#cf222e\"/>", x,
						height - bottom + 6));
			}
		}
		int colour = 0;
		for (Map.Entry<String, List<Double>> line : series.entrySet()) {
			String stroke = COLOURS[colour++ % COLOURS.length];
			StringBuilder points = new StringBuilder();
			for (int i = 0; i < n; i++) {
				Double v = line.getValue().get(i);
				if (v == null) {
					continue;
				}
				double x = left + (n > 1 ? i * step : (width - left) / 2.0);
				double y = 10 + (height - bottom - 10) * (1 - v / max);
				points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
				h.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>", x, y,
						stroke));
			}
			h.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(stroke).append("\" points=\"")
				.append(points.toString().strip()).append("\"/>");
		}
		h.append("</svg><div class=\"legend\">");
		colour = 0;
		for (String job : series.keySet()) {
			h.append("<span><i style=\"background:").append(COLOURS[colour++ % COLOURS.length]).append("\"></i>")
				.append(esc(job)).append("</span>");
		}
		h.append("<span><i style=\"background:#cf222e;border-radius:5px\"></i>night flagged</span></div>");
	}

	static String seconds(double seconds) {
		if (seconds >= 3600) {
			return String.format("%dh%02dm", (long) seconds / 3600, ((long) seconds % 3600) / 60);
		}
		if (seconds >= 60) {
			return String.format("%dm%02ds", (long) seconds / 60, (long) seconds % 60);
		}
		return String.format("%.1fs", seconds);
	}

	static String esc(String text) {
		return io.obmigrate.core.HtmlText.escape(text);
	}

}

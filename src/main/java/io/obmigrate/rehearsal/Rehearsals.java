package io.obmigrate.rehearsal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.SampleData;

/**
 * The history as {@code obmigrate rehearsals} shows it: the trend of the latest nights and the cut-over projection for
 * a volume given as {@code --rows-at-cutover} (N: the production consent count, every job scaled with it;
 * {@code job=N}: one job's source rows), or for the sources' row counts now.
 */
public class Rehearsals {

	private final RehearsalHistory history;

	private final RehearsalProperties properties;

	private final ObjectProvider<SampleData> samples;

	Rehearsals(RehearsalHistory history, RehearsalProperties properties, ObjectProvider<SampleData> samples) {
		this.history = history;
		this.properties = properties;
		this.samples = samples;
	}

	public RehearsalTrend trend(List<String> rowsAtCutover) {
		List<Rehearsal> all = this.history.all();
		Rehearsal basis = null;
		for (Rehearsal r : all) {
			if (RehearsalTrend.finished(r)) {
				basis = r;
			}
		}
		Map<String, Long> rows = new LinkedHashMap<>();
		String source;
		if (rowsAtCutover.isEmpty()) {
			source = "the sources' row counts now";
			if (basis != null) {
				for (SampleData sample : this.samples.orderedStream().toList()) {
					if (basis.job(sample.job()) != null) {
						try {
							rows.put(sample.job(), sample.occupiedTables().values().stream().mapToLong(Long::longValue)
								.sum());
						}
						catch (RuntimeException ex) {
							// a source not reachable now: its rehearsal volume stands
						}
					}
				}
			}
		}
		else {
			source = "--rows-at-cutover " + String.join(" ", rowsAtCutover);
			for (String given : rowsAtCutover) {
				int equals = given.indexOf('=');
				String job = equals < 0 ? null : given.substring(0, equals).strip();
				long n = number(equals < 0 ? given : given.substring(equals + 1));
				if (job == null) {
					long consents = basis == null ? 0 : basis.sourceRows("consent");
					if (basis == null || consents == 0) {
						throw new ConfigurationProblem("--rows-at-cutover " + given + " scales by the consents, and no"
								+ " finished rehearsal migrated consents; give each job's rows as job=N.");
					}
					for (Rehearsal.JobRun run : basis.jobs()) {
						long base = basis.sourceRows(run.job());
						rows.putIfAbsent(run.job(), Math.round((double) base * n / consents));
					}
				}
				else {
					rows.put(job, n);
				}
			}
		}
		return RehearsalTrend.of(all, this.properties.getTolerance(), this.properties.getNights(), rows, source);
	}

	private static long number(String text) {
		try {
			long n = Long.parseLong(text.strip().replace("_", "").replace(",", ""));
			if (n < 0) {
				throw new NumberFormatException();
			}
			return n;
		}
		catch (NumberFormatException ex) {
			throw new ConfigurationProblem("--rows-at-cutover takes a row count (1200000) or job=count"
					+ " (reporting=40000000), not '" + text + "'.");
		}
	}

}

package io.obmigrate.rehearsal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The history read as a trend: each night with what stands out against the median of the nights before it (slower in
 * total or in one job, more rows quarantined, differences found, not completed), and the cut-over window projected
 * for the production volume from the rates of the latest finished night.
 *
 * @param nights the latest rehearsals, oldest first, each with its flags
 * @param jobs every job that ran in them, in the order of the upgrade
 * @param projection null when no night finished
 */
public record RehearsalTrend(List<Night> nights, List<String> jobs, Projection projection) {

	/** A rehearsal and what stands out in it. */
	public record Night(Rehearsal rehearsal, List<String> flags) {
	}

	/**
	 * The cut-over window: per job, its rows and time in the basis night and the rows and time at the cut-over (time
	 * scaled by rows at the job's own measured rate; verify by the rows of the jobs it checks).
	 *
	 * @param volumeSource where the cut-over volume came from ({@code --rows-at-cutover}, or the sources' counts now)
	 */
	public record Projection(long basisRehearsal, String volumeSource, List<JobProjection> jobs, double seconds) {
	}

	public record JobProjection(String job, long rehearsalRows, double rehearsalSeconds, long cutoverRows,
			double rowsPerSecond, double seconds) {
	}

	static boolean finished(Rehearsal r) {
		return Rehearsal.COMPLETED.equals(r.outcome()) || Rehearsal.MISMATCHED.equals(r.outcome());
	}

	/**
	 * @param cutoverRows rows per job at the cut-over (a job missing: its rehearsal volume); {@code volumeSource} says
	 * where they came from
	 */
	static RehearsalTrend of(List<Rehearsal> history, double tolerance, int keep, Map<String, Long> cutoverRows,
			String volumeSource) {
		List<Rehearsal> all = history.size() > keep ? history.subList(history.size() - keep, history.size()) : history;
		Set<String> jobs = new LinkedHashSet<>();
		all.forEach(r -> r.jobs().forEach(j -> jobs.add(j.job())));
		List<Night> nights = new ArrayList<>();
		List<Rehearsal> earlier = new ArrayList<>();
		for (Rehearsal r : all) {
			nights.add(new Night(r, flags(r, earlier, tolerance)));
			if (finished(r)) {
				earlier.add(r);
			}
		}
		Rehearsal basis = earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
		return new RehearsalTrend(nights, new ArrayList<>(jobs),
				basis == null ? null : project(basis, cutoverRows, volumeSource));
	}

	private static List<String> flags(Rehearsal r, List<Rehearsal> earlier, double tolerance) {
		List<String> flags = new ArrayList<>();
		if (Rehearsal.RUNNING.equals(r.outcome())) {
			flags.add("running");
			return flags;
		}
		if (!finished(r)) {
			flags.add(r.outcome().toLowerCase(java.util.Locale.ROOT)
					+ (r.failedAt() == null ? "" : " at " + r.failedAt()));
		}
		if (r.mismatches() > 0) {
			flags.add(String.format("verify found %,d difference(s)", r.mismatches()));
		}
		if (earlier.isEmpty() || !finished(r)) {
			return flags;
		}
		double total = median(earlier.stream().map(Rehearsal::seconds).toList());
		if (total > 0 && r.seconds() > total * (1 + tolerance)) {
			flags.add(String.format("slower: %.0f s against a median of %.0f s (+%.0f%%)", r.seconds(), total,
					100 * (r.seconds() / total - 1)));
		}
		for (Rehearsal.JobRun job : r.jobs()) {
			List<Double> before = earlier.stream()
				.map(e -> e.job(job.job()))
				.filter(j -> j != null)
				.map(Rehearsal.JobRun::seconds)
				.toList();
			double median = median(before);
			if (median > 0 && job.seconds() > median * (1 + tolerance)) {
				flags.add(String.format("%s slower: %.1f s against %.1f s (+%.0f%%)", job.job(), job.seconds(), median,
						100 * (job.seconds() / median - 1)));
			}
		}
		double quarantined = median(earlier.stream().map(e -> (double) e.quarantined()).toList());
		if (r.quarantined() > quarantined) {
			flags.add(String.format("more quarantined: %,d against a median of %,.0f", r.quarantined(), quarantined));
		}
		return flags;
	}

	private static Projection project(Rehearsal basis, Map<String, Long> cutoverRows, String volumeSource) {
		List<JobProjection> jobs = new ArrayList<>();
		long basisRows = 0;
		long cutover = 0;
		double seconds = 0;
		Rehearsal.JobRun verify = null;
		for (Rehearsal.JobRun run : basis.jobs()) {
			if (run.job().equals(RehearsalRunner.VERIFY)) {
				verify = run;
				continue;
			}
			long rows = basis.sourceRows(run.job());
			if (rows == 0) {
				rows = run.read();
			}
			long target = cutoverRows.getOrDefault(run.job(), rows);
			double rate = run.seconds() > 0 ? rows / run.seconds() : 0;
			double projected = rows == 0 ? run.seconds() : run.seconds() * target / rows;
			jobs.add(new JobProjection(run.job(), rows, run.seconds(), target, rate, projected));
			basisRows += rows;
			cutover += target;
			seconds += projected;
		}
		if (verify != null) {
			double projected = basisRows == 0 ? verify.seconds() : verify.seconds() * cutover / basisRows;
			jobs.add(new JobProjection(verify.job(), basisRows, verify.seconds(), cutover,
					verify.seconds() > 0 ? basisRows / verify.seconds() : 0, projected));
			seconds += projected;
		}
		return new Projection(basis.id(), volumeSource, jobs, seconds);
	}

	static double median(List<Double> values) {
		if (values.isEmpty()) {
			return 0;
		}
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(Double::compare);
		int middle = sorted.size() / 2;
		return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/** Seconds per night of one job (null where it did not run), for the chart. */
	List<Double> secondsOf(String job) {
		return perNight(job, Rehearsal.JobRun::seconds);
	}

	/** Rows per second per night of one job (null where it did not run). */
	List<Double> rateOf(String job) {
		return perNight(job, Rehearsal.JobRun::rowsPerSecond);
	}

	private List<Double> perNight(String job, java.util.function.ToDoubleFunction<Rehearsal.JobRun> figure) {
		List<Double> values = new ArrayList<>();
		for (Night night : this.nights) {
			Rehearsal.JobRun run = night.rehearsal().job(job);
			values.add(run == null ? null : figure.applyAsDouble(run));
		}
		return values;
	}

}

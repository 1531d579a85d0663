package io.obmigrate.cli;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.support.CronExpression;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.JobControl;
import io.obmigrate.rehearsal.Rehearsal;
import io.obmigrate.rehearsal.RehearsalRunner;
import io.obmigrate.rehearsal.RehearsalTrend;
import io.obmigrate.rehearsal.Rehearsals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rehearse", mixinStandardHelpOptions = true,
		description = { "Rehearse the migration on staging copies: refused (exit 2, nothing written) unless every",
				"target database's URL matches obmigrate.rehearsal.allowed-targets. Resets what obmigrate wrote there",
				"(the rollback of each job), runs check (with its safe fixes), consent, dcr, reporting (those",
				"configured) and verify as one numbered rehearsal, kept in the job repository: see `obmigrate",
				"rehearsals`. Exit 0 completed, 5 verify found differences, 1 failed, 3 stopped.",
				"--schedule runs one rehearsal at each time of a cron expression, in this process, until stopped." })
class RehearseCommand extends SessionCommand implements Callable<Integer> {

	@Option(names = "--schedule", paramLabel = "CRON", description = { "Rehearse at each time of this cron expression",
			"(minute hour day month weekday, e.g. '0 1 * * *' for 01:00 every night; a leading seconds field is",
			"allowed), one at a time, until SIGTERM or Ctrl-C." })
	String schedule;

	@Option(names = "--count", paramLabel = "N", description = "With --schedule: stop after N rehearsals.")
	Integer count;

	@Override
	public Integer call() {
		CronExpression cron = this.schedule == null ? null : cron(this.schedule);
		if (this.count != null && (this.count < 1 || cron == null)) {
			throw new ConfigurationProblem("--count takes 1 or more, and only with --schedule.");
		}
		try (ConfigurableApplicationContext context = open()) {
			RehearsalRunner runner = context.getBean(RehearsalRunner.class);
			runner.guard();
			try (GracefulStop graceful = GracefulStop.install(this.root.err, () -> {
				// between rehearsals or steps: the loop sees the request
			})) {
				int exit = ExitCodes.COMPLETED;
				int done = 0;
				while (true) {
					if (cron != null) {
						LocalDateTime next = cron.next(LocalDateTime.now());
						if (next == null) {
							throw new ConfigurationProblem("The schedule '" + this.schedule + "' has no next time.");
						}
						this.root.out.println("obmigrate: next rehearsal at " + next + " (schedule '" + this.schedule
								+ "'); SIGTERM or Ctrl-C stops.");
						this.root.out.flush();
						if (!sleepUntil(next, graceful)) {
							this.root.out.println("obmigrate: schedule stopped.");
							return exit == ExitCodes.COMPLETED ? ExitCodes.STOPPED_OR_WAITING : exit;
						}
					}
					Rehearsal rehearsal = runner.run((job, start) -> {
						runAndReport(context, job, start);
						return context.getBean(JobControl.class).lastExecution(job);
					}, line -> this.root.err.println("obmigrate: rehearsal: " + line), graceful::requested);
					exit = outcome(rehearsal);
					print(context, rehearsal);
					done++;
					if (cron == null || Rehearsal.STOPPED.equals(rehearsal.outcome()) || graceful.requested()
							|| (this.count != null && done >= this.count)) {
						return exit;
					}
				}
			}
		}
	}

	private void print(ConfigurableApplicationContext context, Rehearsal rehearsal) {
		RehearsalTrend trend = context.getBean(Rehearsals.class).trend(List.of());
		List<String> flags = trend.nights()
			.stream()
			.filter(n -> n.rehearsal().id() == rehearsal.id())
			.findFirst()
			.map(RehearsalTrend.Night::flags)
			.orElse(List.of());
		StringBuilder jobs = new StringBuilder();
		for (Rehearsal.JobRun run : rehearsal.jobs()) {
			jobs.append(jobs.isEmpty() ? "" : ", ").append(run.job()).append(' ')
				.append(String.format("%.1fs", run.seconds()));
		}
		this.root.out.printf("%nRehearsal %d %s%s in %.1fs (%s); quarantined %,d, verify differences %,d.%n",
				rehearsal.id(), rehearsal.outcome(), rehearsal.failedAt() == null ? "" : " at " + rehearsal.failedAt(),
				rehearsal.seconds(), jobs.isEmpty() ? "no job ran" : jobs, rehearsal.quarantined(),
				rehearsal.mismatches());
		this.root.out.println(flags.isEmpty() ? "Nothing stands out against the earlier rehearsals."
				: "Stands out: " + String.join("; ", flags) + ".");
		this.root.out.println("History and trend: `obmigrate rehearsals` (--html FILE for the charts).");
		this.root.out.flush();
	}

	static int outcome(Rehearsal rehearsal) {
		return switch (rehearsal.outcome()) {
			case Rehearsal.COMPLETED -> ExitCodes.COMPLETED;
			case Rehearsal.MISMATCHED -> ExitCodes.VERIFICATION_MISMATCH;
			case Rehearsal.STOPPED -> ExitCodes.STOPPED_OR_WAITING;
			default -> ExitCodes.FAILED;
		};
	}

	/** A cron expression: Spring's six fields, or the five of crontab (seconds 0). */
	static CronExpression cron(String text) {
		String expression = text.strip();
		if (expression.split("\\s+").length == 5) {
			expression = "0 " + expression;
		}
		try {
			return CronExpression.parse(expression);
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigurationProblem("--schedule '" + text + "' is not a cron expression (" + ex.getMessage()
					+ "). Write minute hour day month weekday, e.g. '0 1 * * *' for 01:00 every night.");
		}
	}

	/** Sleeps until {@code next}; false when a stop was requested first. */
	private static boolean sleepUntil(LocalDateTime next, GracefulStop graceful) {
		while (LocalDateTime.now().isBefore(next)) {
			if (graceful.requested()) {
				return false;
			}
			try {
				Thread.sleep(Math.min(500, Math.max(1, Duration.between(LocalDateTime.now(), next).toMillis())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return !graceful.requested();
	}

}

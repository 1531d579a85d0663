package io.obmigrate.cli;

import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.JobControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restart", mixinStandardHelpOptions = true,
		description = { "Resume a failed, stopped or crashed run from its last committed chunk.",
				"A run whose process died (kill -9, lost host) is recognised and recovered first." })
class RestartCommand extends SessionCommand implements Callable<Integer> {

	@Parameters(index = "0", arity = "0..1", paramLabel = "JOB", description = "Restart the job's last run.")
	String jobName;

	@Option(names = "--execution", paramLabel = "ID", description = "Restart this execution.")
	Long executionId;

	@Option(names = "--owner-gone", description = "The process recorded as the run's owner is gone (its container or"
			+ " host no longer exists): recover the run now instead of waiting for "
			+ io.obmigrate.core.ExecutionOwner.SILENCE_MINUTES + " minutes without progress.")
	boolean ownerGone;

	@Override
	public Integer call() {
		if (this.jobName == null && this.executionId == null) {
			throw new ConfigurationProblem("Name the job (`obmigrate restart consent`) or the execution"
					+ " (`obmigrate restart --execution ID`).");
		}
		try (ConfigurableApplicationContext context = open()) {
			JobControl control = context.getBean(JobControl.class);
			String name = this.jobName;
			if (name == null) {
				JobExecution execution = control.execution(this.executionId);
				if (execution == null) {
					throw new ConfigurationProblem("There is no execution " + this.executionId
							+ ". `obmigrate status` lists the executions.");
				}
				name = execution.getJobInstance().getJobName();
			}
			// an unknown job name is a usage error before anything else
			preflight(migrationJob(context, name), false, false);
			String job = name;
			return runAndReport(context, job, () -> control.restart(job, this.executionId, this.ownerGone));
		}
	}

}

package io.obmigrate.cli;

import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.core.JobControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stop", mixinStandardHelpOptions = true,
		description = { "Ask a running execution to stop at its next chunk boundary.",
				"It ends STOPPED; `obmigrate restart` resumes it." })
class StopCommand extends SessionCommand implements Callable<Integer> {

	@Option(names = "--execution", required = true, paramLabel = "ID", description = "The execution to stop.")
	long executionId;

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = openJobControl()) {
			JobExecution execution = context.getBean(JobControl.class).stop(this.executionId);
			this.root.out.println("Execution " + this.executionId + " is " + execution.getStatus()
					+ "; it stops after its current chunk commits. Resume it with `obmigrate restart --execution "
					+ this.executionId + "`.");
			return ExitCodes.COMPLETED;
		}
	}

}

package io.obmigrate.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;

import io.obmigrate.core.JobControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "abandon", mixinStandardHelpOptions = true,
		description = { "Give up a failed or stopped execution so that a new run may start.",
				"Rows it already committed stay in the target; a new run recognises and skips them." })
class AbandonCommand extends SessionCommand implements Callable<Integer> {

	@Option(names = "--execution", required = true, paramLabel = "ID", description = "The execution to abandon.")
	long executionId;

	@Option(names = "--owner-gone", description = "The process recorded as the run's owner is gone (its container or"
			+ " host no longer exists): abandon the run now instead of waiting for "
			+ io.obmigrate.core.ExecutionOwner.SILENCE_MINUTES + " minutes without progress.")
	boolean ownerGone;

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = openJobControl()) {
			context.getBean(JobControl.class).abandon(this.executionId, this.ownerGone);
			this.root.out.println("Execution " + this.executionId + " is ABANDONED.");
			return ExitCodes.COMPLETED;
		}
	}

}

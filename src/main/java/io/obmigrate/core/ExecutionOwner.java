package io.obmigrate.core;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Records which process runs an execution ({@code pid@host}), so that after a crash ({@code kill -9}, a lost host) a
 * later {@code restart} can tell a dead execution still marked STARTED from one that is really running.
 */
public class ExecutionOwner implements JobExecutionListener {

	public static final String OWNER = "obmigrate.owner";

	private final JobRepository jobRepository;

	public ExecutionOwner(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		jobExecution.getExecutionContext().putString(OWNER, current());
		this.jobRepository.updateExecutionContext(jobExecution);
	}

	public static String current() {
		return ProcessHandle.current().pid() + "@" + hostName();
	}

	/** Whether the owner recorded on an execution is a live process on this host; unknown owners count as alive. */
	public static boolean isAlive(JobExecution execution) {
		if (!execution.getExecutionContext().containsKey(OWNER)) {
			return false;
		}
		String owner = execution.getExecutionContext().getString(OWNER);
		int at = owner.indexOf('@');
		if (at < 0 || !owner.substring(at + 1).equals(hostName())) {
			return true;
		}
		long pid = Long.parseLong(owner.substring(0, at));
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	public static String ownerOf(JobExecution execution) {
		return execution.getExecutionContext().getString(OWNER, "unknown process");
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}

package io.obmigrate.core;

import java.time.Duration;
import java.time.LocalDateTime;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

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

	/**
	 * Whether the owner recorded on an execution is alive: a process of this host is looked up; an owner on another
	 * host counts as alive until the execution has recorded no progress for {@value #SILENCE_MINUTES} minutes.
	 */
	public static boolean isAlive(JobExecution execution) {
		if (!execution.getExecutionContext().containsKey(OWNER)) {
			return false;
		}
		Boolean local = localProcessAlive(execution.getExecutionContext().getString(OWNER));
		// Another host (a container that is gone, say): alive while its steps still record progress.
		return local != null ? local : !silentSince(execution, Duration.ofMinutes(SILENCE_MINUTES));
	}

	/**
	 * For an owner recorded as {@code pid@host}: whether that process is alive when the host is this one; null when it
	 * is another host (or the owner is not in that form), where only that host can tell.
	 */
	public static Boolean localProcessAlive(String owner) {
		int at = owner == null ? -1 : owner.indexOf('@');
		if (at < 0 || !owner.substring(at + 1).equals(hostName())) {
			return null;
		}
		try {
			return ProcessHandle.of(Long.parseLong(owner.substring(0, at))).map(ProcessHandle::isAlive).orElse(false);
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/** Minutes without any progress record after which an execution owned by another host counts as dead. */
	public static final int SILENCE_MINUTES = 10;

	/** Whether neither the execution nor any of its steps has been updated for {@code silence}. */
	static boolean silentSince(JobExecution execution, Duration silence) {
		LocalDateTime latest = execution.getLastUpdated();
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getLastUpdated() != null && (latest == null || step.getLastUpdated().isAfter(latest))) {
				latest = step.getLastUpdated();
			}
		}
		return latest != null && latest.isBefore(LocalDateTime.now().minus(silence));
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

package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/** Whether a running-looking execution still has a live owner (a lost container must not block `restart` forever). */
class ExecutionOwnerTest {

	private static JobExecution execution(String owner, LocalDateTime jobUpdated, LocalDateTime stepUpdated) {
		JobExecution execution = new JobExecution(1L, new JobInstance(1L, "consent"), new JobParameters());
		execution.getExecutionContext().putString(ExecutionOwner.OWNER, owner);
		execution.setLastUpdated(jobUpdated);
		StepExecution step = new StepExecution(2L, "consent.accounts:p0", execution);
		step.setLastUpdated(stepUpdated);
		execution.addStepExecution(step);
		return execution;
	}

	@Test
	void ownerOnAnotherHostIsAliveWhileItsStepsRecordProgress() {
		LocalDateTime now = LocalDateTime.now();
		assertThat(ExecutionOwner.isAlive(execution("42@gone-pod-7f9c", now.minusHours(1), now.minusSeconds(5))))
			.isTrue();
	}

	@Test
	void ownerOnAnotherHostIsDeadAfterTenMinutesWithoutProgress() {
		LocalDateTime now = LocalDateTime.now();
		assertThat(ExecutionOwner.isAlive(execution("42@gone-pod-7f9c", now.minusHours(1), now.minusMinutes(11))))
			.isFalse();
	}

	@Test
	void ownerOnThisHostIsLookedUpByPid() {
		LocalDateTime now = LocalDateTime.now();
		assertThat(ExecutionOwner.isAlive(execution(ExecutionOwner.current(), now, now))).isTrue();
		String host = ExecutionOwner.current().substring(ExecutionOwner.current().indexOf('@'));
		assertThat(ExecutionOwner.isAlive(execution(Long.MAX_VALUE / 2 + host, now, now))).isFalse();
	}

}

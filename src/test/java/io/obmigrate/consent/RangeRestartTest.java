package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

/**
 * A restart resumes the ranges the first start made, however many: an execution started by an earlier version (one
 * range per thread) or with another {@code obmigrate.consent.partitions} must neither gain unbounded ranges nor leave
 * some unfinished.
 */
class RangeRestartTest {

	@AfterEach
	void release() {
		StepSynchronizationManager.release();
	}

	@Test
	void aRestartAsksForThePartitionsTheFirstStartMade() {
		StepExecution manager = MetaDataInstanceFactory.createStepExecution("consent.accounts", 7L);
		StepSynchronizationManager.register(manager);
		Set<String> madeBefore = Set.of("consent.accounts:p0", "consent.accounts:p1");
		JobRepository repository = mock(JobRepository.class);
		when(repository.getLastStepExecution(any(JobInstance.class), anyString())).thenAnswer(call -> madeBefore
			.contains(call.getArgument(1, String.class)) ? MetaDataInstanceFactory.createStepExecution() : null);

		ConsentIdRangePartitioner partitioner = new ConsentIdRangePartitioner(ConsentType.ACCOUNTS, null, () -> null)
			.resumingWith(repository);
		assertThat(partitioner.getPartitionNames(16)).containsExactly("p0", "p1");
	}

	@Test
	void aFirstStartMakesTheGridSize() {
		StepSynchronizationManager.register(MetaDataInstanceFactory.createStepExecution(new JobParameters()));
		JobRepository repository = mock(JobRepository.class);
		ConsentIdRangePartitioner partitioner = new ConsentIdRangePartitioner(ConsentType.ACCOUNTS, null, () -> null)
			.resumingWith(repository);
		assertThat(partitioner.getPartitionNames(3)).isEqualTo(List.of("p0", "p1", "p2"));
	}

}

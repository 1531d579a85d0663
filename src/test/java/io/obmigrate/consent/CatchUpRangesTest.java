package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.MetaDataInstanceFactory;

import io.obmigrate.core.HighWaterMark;

/**
 * A catch-up's partitions split the changed consents, found once by the partitioner, and each partition's reader gets
 * exactly its part; a full run's partitioner never looks for changes.
 */
class CatchUpRangesTest {

	@AfterEach
	void release() {
		StepSynchronizationManager.release();
	}

	@Test
	void changedConsentsAreFoundOnceAndSplitIntoEqualRanges() {
		StepExecution manager = managerStep(new JobParametersBuilder().addString(HighWaterMark.CHANGED_SINCE, "1700000000")
			.toJobParameters());
		AtomicInteger searches = new AtomicInteger();
		List<String> changed = List.of("a1", "b2", "c3", "d4", "e5");
		CatchUpSlices slices = new CatchUpSlices();
		ConsentIdRangePartitioner partitioner = new ConsentIdRangePartitioner(ConsentType.ACCOUNTS, null, () -> null)
			.catchingUp(since -> {
				assertThat(since).isEqualTo(1700000000L);
				searches.incrementAndGet();
				return changed;
			}, slices);

		Map<String, ExecutionContext> ranges = partitioner.partition(2);

		assertThat(searches).hasValue(1);
		assertThat(ranges.get("p0").containsKey(ConsentIdRangePartitioner.FROM)).isFalse();
		assertThat(ranges.get("p0").getString(ConsentIdRangePartitioner.TO)).isEqualTo("c3");
		assertThat(ranges.get("p1").getString(ConsentIdRangePartitioner.FROM)).isEqualTo("c3");
		assertThat(ranges.get("p1").containsKey(ConsentIdRangePartitioner.TO)).isFalse();
		long execution = manager.getJobExecutionId();
		assertThat(slices.take(execution, "consent.accounts:p0")).containsExactly("a1", "b2", "c3");
		assertThat(slices.take(execution, "consent.accounts:p1")).containsExactly("d4", "e5");
		assertThat(slices.take(execution, "consent.accounts:p1")).as("a slice is handed out once").isNull();
	}

	@Test
	void fewerChangedConsentsThanPartitionsLeaveTheOthersEmpty() {
		StepExecution manager = managerStep(new JobParametersBuilder().addString(HighWaterMark.CHANGED_SINCE, "1")
			.toJobParameters());
		CatchUpSlices slices = new CatchUpSlices();
		Map<String, ExecutionContext> ranges = new ConsentIdRangePartitioner(ConsentType.PAYMENTS, null, () -> null)
			.catchingUp(since -> List.of("only"), slices)
			.partition(3);
		List<List<String>> parts = new ArrayList<>();
		for (String partition : ranges.keySet()) {
			parts.add(slices.take(manager.getJobExecutionId(), "consent.payments:" + partition));
		}
		assertThat(parts).containsExactly(List.of("only"), List.of(), List.of());
	}

	@Test
	void theChangedConsentsOfEveryTypeAreSplitTogetherAndAnIdStaysInOneRange() {
		StepExecution manager = managerStep(new JobParametersBuilder().addString(HighWaterMark.CHANGED_SINCE, "5")
			.toJobParameters());
		CatchUpSlices slices = new CatchUpSlices();
		java.util.Map<ConsentType, List<String>> changed = java.util.Map.of(ConsentType.ACCOUNTS,
				List.of("a1", "c3", "d4"), ConsentType.FUNDS_CONFIRMATIONS, List.of("c3"), ConsentType.PAYMENTS,
				List.of("e5", "f6"));
		Map<String, ExecutionContext> ranges = new ConsentIdRangePartitioner(List.of(ConsentType.values()), null,
				() -> null)
			.catchingUp((type, since) -> changed.get(type), slices)
			.partition(3);

		// six changes in ranges of two: c3 (two types) would be cut, so the first range takes three
		assertThat(ranges.get("p0").getString(ConsentIdRangePartitioner.TO)).isEqualTo("c3");
		assertThat(ranges.get("p1").getString(ConsentIdRangePartitioner.FROM)).isEqualTo("c3");
		assertThat(ranges.get("p1").getString(ConsentIdRangePartitioner.TO)).isEqualTo("e5");
		assertThat(ranges.get("p2").getString(ConsentIdRangePartitioner.FROM)).isEqualTo("e5");
		long execution = manager.getJobExecutionId();
		String p0 = ConsentJobConfiguration.TYPES_STEP + ":p0/";
		assertThat(slices.take(execution, p0 + "accounts")).containsExactly("a1", "c3");
		assertThat(slices.take(execution, p0 + "fundsconfirmations")).containsExactly("c3");
		assertThat(slices.take(execution, p0 + "payments")).isEmpty();
		String p1 = ConsentJobConfiguration.TYPES_STEP + ":p1/";
		assertThat(slices.take(execution, p1 + "accounts")).containsExactly("d4");
		assertThat(slices.take(execution, p1 + "payments")).containsExactly("e5");
		assertThat(slices.take(execution, ConsentJobConfiguration.TYPES_STEP + ":p2/payments")).containsExactly("f6");
	}

	@Test
	void aFullRunNeverLooksForChanges() {
		managerStep(new JobParameters());
		ConsentIdRangePartitioner partitioner = new ConsentIdRangePartitioner(ConsentType.ACCOUNTS,
				new org.springframework.jdbc.core.JdbcTemplate(h2()), () -> io.obmigrate.core.Dialect.named("H2"))
			.catchingUp(since -> {
				throw new AssertionError("a full run looked for changed consents");
			}, new CatchUpSlices());
		assertThat(partitioner.partition(2)).hasSize(2);
	}

	private static StepExecution managerStep(JobParameters parameters) {
		StepExecution step = MetaDataInstanceFactory.createStepExecution(parameters);
		StepSynchronizationManager.register(step);
		return step;
	}

	private static javax.sql.DataSource h2() {
		org.springframework.jdbc.datasource.DriverManagerDataSource source = new org.springframework.jdbc.datasource.DriverManagerDataSource(
				"jdbc:h2:mem:catchupranges;DB_CLOSE_DELAY=-1");
		new org.springframework.jdbc.core.JdbcTemplate(source)
			.execute("CREATE TABLE IF NOT EXISTS UK_ACCOUNT_INITIATION (ID VARCHAR(40) PRIMARY KEY)");
		return source;
	}

}

package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.obmigrate.ObmigrateApplication;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.MigrationJob;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.Preflight;
import io.obmigrate.core.RunSummary;
import io.obmigrate.core.RunSummaryAssembler;
import io.obmigrate.core.SampleData;

/**
 * The consent job run as Spring Batch runs it, without the command line: the application context, the job bean,
 * {@link JobOperatorTestUtils}. Exact row counts, as spring-batch-samples' functional tests assert them.
 */
@SpringBootTest(classes = ObmigrateApplication.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsentJobFunctionalTests {

	private static final int CONSENTS = 240;

	@TempDir
	static Path home;

	@DynamicPropertySource
	static void embeddedDatabases(DynamicPropertyRegistry registry) {
		registry.add("obmigrate.ob.url", () -> "jdbc:h2:mem:functional-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		registry.add("obmigrate.ob.username", () -> "sa");
		registry.add("obmigrate.ob.password", () -> "");
		registry.add("obmigrate.jobrepo.url", () -> "jdbc:h2:mem:functional-repo-" + UUID.randomUUID()
				+ ";DB_CLOSE_DELAY=-1");
		registry.add("obmigrate.jobrepo.username", () -> "sa");
		registry.add("obmigrate.jobrepo.password", () -> "");
		registry.add("obmigrate.home", () -> home.toString());
	}

	@Autowired
	JobOperator jobOperator;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobControl control;

	@Autowired
	@Qualifier("consentJob")
	Job consentJob;

	@Autowired
	List<MigrationJob> migrationJobs;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Autowired
	List<SampleData> sampleData;

	@Autowired
	ObmigrateDataSources dataSources;

	@Autowired
	ConsentProperties consentProperties;

	JobOperatorTestUtils jobs;

	JdbcTemplate ob;

	@BeforeEach
	void consentsAndTargetTables() {
		this.control.repository();
		this.jobs = new JobOperatorTestUtils(this.jobOperator, this.jobRepository);
		this.jobs.setJob(this.consentJob);
		this.ob = new JdbcTemplate(this.dataSources.get(ObmigrateDataSources.Name.OB));
		if (count("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'OB_CONSENT'") == 0) {
			this.sampleData.stream().filter(data -> data.job().equals("consent")).findFirst().orElseThrow()
				.generate(CONSENTS, 7, 0);
			Preflight.prepare(consentCapability(), true, false);
		}
	}

	/**
	 * Each capability's bean is named after its job ({@code consentMigrationJob}), so a command finds its own without
	 * building the others ({@link MigrationJob#find}).
	 */
	@Test
	void eachCapabilityIsFoundByItsJobsNameAlone() {
		java.util.Map<String, MigrationJob> beans = this.context.getBeansOfType(MigrationJob.class);
		assertThat(beans.values()).extracting(MigrationJob::name).contains("consent", "dcr", "reporting", "verify");
		beans.forEach((bean, capability) -> {
			assertThat(bean).isEqualTo(MigrationJob.beanName(capability.name()));
			assertThat(MigrationJob.find(this.context, capability.name())).isSameAs(capability);
		});
	}

	private MigrationJob consentCapability() {
		return this.migrationJobs.stream().filter(job -> job.name().equals("consent")).findFirst().orElseThrow();
	}

	private long count(String sql) {
		Long n = this.ob.queryForObject(sql, Long.class);
		return n == null ? 0 : n;
	}

	private long sourceConsents() {
		return count("SELECT (SELECT COUNT(*) FROM UK_ACCOUNT_INITIATION) + (SELECT COUNT(*) FROM UK_COF_INITIATION)"
				+ " + (SELECT COUNT(*) FROM UK_TRANSACTION_INITIATION)");
	}

	@Test
	@Order(2) // after the test that needs an empty target; on a migrated one every range still runs
	void eachRangeReadsEveryTypeAndTheRangesShareThePartitionThreads() throws Exception {
		JobExecution execution = this.jobs.startJob(this.jobs.getUniqueJobParameters());
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<StepExecution> steps = execution.getStepExecutions().stream()
			.filter(step -> !step.getStepName().contains(":"))
			.toList();
		List<StepExecution> ranges = execution.getStepExecutions().stream()
			.filter(step -> step.getStepName().contains(":"))
			.toList();
		assertThat(steps).extracting(StepExecution::getStepName)
			.containsExactly(ConsentJobConfiguration.TYPES_STEP, ConsentJobConfiguration.END_STEP);
		int threads = this.consentProperties.threads(this.dataSources);
		assertThat(ranges).hasSize(threads * ConsentJobConfiguration.RANGES_PER_THREAD);
		// a range reads the consents of its bounds of every type: each initiation table is read by most ranges
		for (ConsentType type : ConsentType.values()) {
			long reading = ranges.stream()
				.filter(range -> range.getExecutionContext().containsKey(io.obmigrate.core.MigrationTally.CONTEXT_KEY)
						&& ((java.util.Map<?, ?>) range.getExecutionContext()
							.get(io.obmigrate.core.MigrationTally.CONTEXT_KEY))
							.containsKey("source." + type.initiationTable()))
				.count();
			assertThat(reading).as("ranges reading %s", type.initiationTable()).isGreaterThan(ranges.size() / 2);
		}
		// never more ranges at once than obmigrate.consent.partitions threads
		for (StepExecution range : ranges) {
			long runningThen = ranges.stream()
				.filter(other -> !other.getStartTime().isAfter(range.getStartTime())
						&& other.getEndTime().isAfter(range.getStartTime()))
				.count();
			assertThat(runningThen).as("ranges running when %s started", range.getStepName()).isLessThanOrEqualTo(threads);
		}
	}

	@Test
	@Order(3) // last: it leaves a failed execution behind
	void aRunBegunWithOneStepPerTypeIsNotResumedByThisVersion() {
		org.springframework.batch.core.job.parameters.JobParameters parameters =
				new org.springframework.batch.core.job.parameters.JobParametersBuilder()
					.addString("run.id", UUID.randomUUID().toString())
					.toJobParameters();
		org.springframework.batch.core.job.JobInstance instance = this.jobRepository
			.createJobInstance(ConsentJobConfiguration.JOB_NAME, parameters);
		JobExecution earlier = this.jobRepository.createJobExecution(instance, parameters,
				new org.springframework.batch.infrastructure.item.ExecutionContext());
		for (String name : List.of("consent.accounts", "consent.accounts:p0")) {
			StepExecution step = this.jobRepository.createStepExecution(name, earlier);
			step.setStatus(BatchStatus.FAILED);
			this.jobRepository.update(step);
		}
		earlier.setStatus(BatchStatus.FAILED);
		earlier.setEndTime(java.time.LocalDateTime.now());
		this.jobRepository.update(earlier);

		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.control.restart(ConsentJobConfiguration.JOB_NAME, earlier.getId()))
			.isInstanceOf(io.obmigrate.core.ConfigurationProblem.class)
			.hasMessageContaining("its step consent.accounts is not a step of this version's consent job")
			.hasMessageContaining("`obmigrate abandon --execution " + earlier.getId() + "`");
		assertThat(this.jobRepository.getJobExecutions(instance)).as("nothing was started").hasSize(1);
	}

	@Test
	@Order(1)
	void everyConsentIsWrittenOnceAndAccountedFor() throws Exception {
		JobExecution execution = this.jobs.startJob(this.jobs.getUniqueJobParameters());
		RunSummary summary = this.control.summary(execution, RunSummaryAssembler.Rows.NONE);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(summary.steps()).extracting(RunSummary.StepSummary::name)
			.containsExactly(ConsentJobConfiguration.TYPES_STEP, ConsentJobConfiguration.END_STEP);
		assertThat(summary.balanced()).isTrue();
		assertThat(summary.read()).isEqualTo(sourceConsents());
		assertThat(count("SELECT COUNT(*) FROM OB_CONSENT")).isEqualTo(summary.written() + summary.present());
		assertThat(summary.quarantined()).as("no planted defect at rate 0").isZero();

		// a second run reads every consent again, finds each written, and writes nothing
		JobExecution again = this.jobs.startJob(this.jobs.getUniqueJobParameters());
		RunSummary second = this.control.summary(again, RunSummaryAssembler.Rows.NONE);
		assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(second.written()).isZero();
		assertThat(second.present()).isEqualTo(sourceConsents());
		assertThat(count("SELECT COUNT(*) FROM OB_CONSENT")).isEqualTo(summary.written());
	}

}

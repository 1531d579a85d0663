package io.obmigrate.verify;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import io.obmigrate.core.ExecutionOwner;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.MigrationJob;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.RunMetrics;
import io.obmigrate.core.StepName;
import io.obmigrate.core.Verification;
import io.obmigrate.core.VerifyFailureRepository;

/**
 * The verify capability: the {@code verify} job checks what the consent, dcr and reporting jobs wrote against what
 * their rules say, with their own readers and mappings. Per verified job, a partitioned step pages through the
 * verification's scopes (checkpoint: the last key of each page, committed with the page's failures in the job
 * repository), then a step checks the whole set (rows without a source, totals); the last step ends the run
 * {@code MISMATCHED} when any difference was found.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VerifyProperties.class)
public class VerifyJobConfiguration {

	public static final String JOB_NAME = "verify";

	static final String STEP_PREFIX = "verify.";

	static final String TOTALS = ".totals";

	static final String RESULT_STEP = "verify.result";

	/** Context key prefix of the tables a run could not check, with the reason. */
	static final String NOT_VERIFIABLE = "verify.not-verifiable.";

	@Bean
	Job verifyJob(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			List<Verification> verifications, VerifyProperties properties, ObmigrateDataSources dataSources,
			Partitioner verifyPartitioner, VerifyPageReader verifyReader, VerifyFailureWriter verifyWriter,
			VerifyFailureRepository failures, RunMetrics runMetrics) {
		ObservationRegistry observations = runMetrics.observations();
		int partitions = Math.max(1, properties.getPartitions());
		// each partition reads the source and the target with a connection each, and commits in the job repository
		dataSources.requireConnections(2 * partitions + 2);
		SimpleJobBuilder job = null;
		for (Verification verification : verifications) {
			String name = STEP_PREFIX + verification.job();
			Step worker = new StepBuilder(name, jobRepository).observationRegistry(observations)
				.<Verification.Page, Verification.Page>chunk(1)
				.transactionManager(transactionManager)
				.reader(verifyReader)
				.writer(verifyWriter)
				.build();
			SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("verify-" + verification.job() + "-");
			threads.setConcurrencyLimit(partitions);
			Step pages = new StepBuilder(name, jobRepository).observationRegistry(observations).partitioner(name, verifyPartitioner)
				.step(worker)
				.gridSize(partitions)
				.taskExecutor(threads)
				.build();
			Step totals = new StepBuilder(name + TOTALS, jobRepository).observationRegistry(observations)
				.tasklet((contribution, chunk) -> {
					StepExecution step = contribution.getStepExecution();
					JobParameters parameters = step.getJobExecution().getJobParameters();
					if (!selected(parameters, verification)) {
						return RepeatStatus.FINISHED;
					}
					verification.notVerifiable()
						.forEach((table, reason) -> step.getExecutionContext().putString(NOT_VERIFIABLE + table, reason));
					Collection<String> only = onlyKeys(parameters, verification.job(), failures);
					Verification.Totals result = verification.totals(only, pageMeasures(jobRepository, step,
							STEP_PREFIX + verification.job()));
					failures.replaceAll(step.getJobExecution().getJobInstance().getInstanceId(),
							step.getJobExecutionId(), step.getStepName(), result.failures());
					result.measures()
						.forEach((key, value) -> step.getExecutionContext()
							.putString(VerifyPageReader.MEASURE + key, value.toPlainString()));
					return RepeatStatus.FINISHED;
				}, transactionManager)
				.build();
			job = job == null ? new JobBuilder(JOB_NAME, jobRepository).observationRegistry(observations).listener(new ExecutionOwner(jobRepository))
				.start(pages) : job.next(pages);
			job.next(totals);
		}
		Step result = new StepBuilder(RESULT_STEP, jobRepository).observationRegistry(observations).tasklet((contribution, chunk) -> {
			StepExecution step = contribution.getStepExecution();
			long mismatches = failures.mismatches(step.getJobExecution().getJobInstance().getInstanceId());
			if (mismatches > 0) {
				contribution.setExitStatus(new ExitStatus(Verification.MISMATCHED, mismatches + " differences"));
			}
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
		if (job == null) {
			return new JobBuilder(JOB_NAME, jobRepository).observationRegistry(observations)
				.listener(new ExecutionOwner(jobRepository))
				.start(result)
				.build();
		}
		return job.next(result).build();
	}

	/**
	 * The measures of every page of this verify run for one job, added up: the latest execution of each of its
	 * partitions (a restarted run's partitions done in an earlier execution count too).
	 */
	static Map<String, BigDecimal> pageMeasures(JobRepository jobRepository, StepExecution step, String pageStep) {
		Map<String, StepExecution> latest = new LinkedHashMap<>();
		jobRepository.getJobExecutions(step.getJobExecution().getJobInstance())
			.stream()
			.sorted(java.util.Comparator.comparingLong(JobExecution::getId))
			.forEach(execution -> execution.getStepExecutions()
				.stream()
				.filter(s -> s.getStepName().startsWith(pageStep + ":"))
				.forEach(s -> latest.put(s.getStepName(), s)));
		Map<String, BigDecimal> measures = new HashMap<>();
		for (StepExecution partition : latest.values()) {
			VerifyPageReader.addMeasures(partition.getExecutionContext(), measures);
		}
		return measures;
	}

	/** Whether this run verifies that job, and the verification could start (every table present). */
	static boolean selected(JobParameters parameters, Verification verification) {
		return VerifyParameters.jobs(parameters).contains(verification.job());
	}

	/** In a {@code --failed-only} run, the keys of the job that failed in the earlier run; else null (every key). */
	static Collection<String> onlyKeys(JobParameters parameters, String job, VerifyFailureRepository failures) {
		Long earlier = VerifyParameters.failedOnly(parameters);
		return earlier == null ? null : failures.failedKeys(earlier, job);
	}

	@Bean
	@StepScope
	Partitioner verifyPartitioner(@Value("#{stepExecution}") StepExecution stepExecution,
			List<Verification> verifications) {
		Verification verification = verificationOf(stepExecution.getStepName(), verifications);
		return new VerifyPartitioner(verification,
				selected(stepExecution.getJobExecution().getJobParameters(), verification));
	}

	@Bean
	@StepScope
	VerifyPageReader verifyReader(@Value("#{stepExecution}") StepExecution stepExecution,
			List<Verification> verifications, VerifyProperties properties, VerifyFailureRepository failures) {
		Verification verification = verificationOf(stepExecution.getStepName(), verifications);
		var context = stepExecution.getExecutionContext();
		boolean skipped = context.containsKey(VerifyPartitioner.SKIPPED);
		Verification.Scope scope = skipped ? null : new Verification.Scope(context.getString(VerifyPartitioner.SCOPE),
				context.containsKey(VerifyPartitioner.FROM) ? context.getString(VerifyPartitioner.FROM) : null,
				context.containsKey(VerifyPartitioner.TO) ? context.getString(VerifyPartitioner.TO) : null);
		Collection<String> only = skipped ? null
				: onlyKeys(stepExecution.getJobExecution().getJobParameters(), verification.job(), failures);
		return new VerifyPageReader(verification, scope, only, Math.max(1, properties.getPageSize()), skipped);
	}

	@Bean
	@StepScope
	VerifyFailureWriter verifyWriter(@Value("#{stepExecution}") StepExecution stepExecution,
			VerifyFailureRepository failures) {
		return new VerifyFailureWriter(failures, stepExecution.getJobExecution().getJobInstance().getInstanceId(),
				stepExecution.getJobExecutionId(), stepExecution.getStepName());
	}

	/** The verification of a step ({@code verify.consent}, {@code verify.consent:consent.accounts-p0}). */
	static Verification verificationOf(String stepName, List<Verification> verifications) {
		String step = StepName.of(stepName).step();
		String job = step.substring(STEP_PREFIX.length());
		if (job.endsWith(TOTALS)) {
			job = job.substring(0, job.length() - TOTALS.length());
		}
		for (Verification verification : verifications) {
			if (verification.job().equals(job)) {
				return verification;
			}
		}
		throw new IllegalArgumentException("No verification for step " + stepName);
	}

	@Bean
	@Order(20)
	VerifyJob verifyMigrationJob(@Qualifier("verifyJob") ObjectProvider<Job> verifyJob,
			List<Verification> verifications, ObjectProvider<MigrationJob> migrationJobs,
			ObjectProvider<JobControl> controls, VerifyFailureRepository failures, ObmigrateDataSources dataSources) {
		return new VerifyJob(verifyJob::getObject, verifications, migrationJobs, controls, failures, dataSources);
	}

	/** For the report: the names of the steps that hold a job's measures. */
	static boolean measuresOf(String stepName, String job) {
		String step = StepName.of(stepName).step();
		return step.equals(STEP_PREFIX + job) || step.equals(STEP_PREFIX + job + TOTALS);
	}

}

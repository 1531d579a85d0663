package io.obmigrate.consent;

import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.obmigrate.core.ChunkReport;
import io.obmigrate.core.ExecutionOwner;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.NamedDataSource;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateProperties;
import io.obmigrate.core.SampleData;
import io.obmigrate.core.SourceClock;
import io.obmigrate.core.SourceTimes;
import io.obmigrate.core.StepBeans;
import io.obmigrate.core.StepName;
import io.obmigrate.core.StepProgress;

/**
 * The consent job: one partitioned step per consent type (accounts, funds confirmations, payments), the three
 * started together; their partitions (ID ranges, each a chunk-oriented step with its keyset reader, pure mapping
 * processor and batch writer) share one pool of {@code obmigrate.consent.partitions} threads, so no thread waits at the
 * end of one type while another type has ranges left. The chunk transaction is the target database's; the job
 * repository records the checkpoints. Once the three have completed, a last step ({@link #END_STEP}) adds the target
 * tables' missing foreign keys, foreign-key indexes and statistics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsentProperties.class)
public class ConsentJobConfiguration {

	public static final String JOB_NAME = "consent";

	/**
	 * Ranges per type for each thread: smaller ranges than one per thread, so the last ones to finish (of whichever
	 * type) leave the other threads idle for a short while only.
	 */
	static final int RANGES_PER_THREAD = 4;

	/** The last step of a consent run ({@link ConsentRunEnd}): it runs once the three types' steps have completed. */
	public static final String END_STEP = JOB_NAME + ".tables";

	@Bean
	Job consentJob(JobRepository jobRepository, Step consentAccountsStep, Step consentFundsConfirmationsStep,
			Step consentPaymentsStep, io.obmigrate.core.RunMetrics runMetrics, ConsentTargetSchema consentTargetSchema,
			ConsentProperties consentProperties, ObmigrateDataSources dataSources) {
		// a step, not a job listener: a run stopped or killed during this work ends FAILED or unfinished, and `restart`
		// does it again (the types' completed steps are not run again)
		Step end = new StepBuilder(END_STEP, jobRepository).observationRegistry(runMetrics.observations())
			.tasklet(new ConsentRunEnd(consentTargetSchema, System.out, consentProperties.threads(dataSources)),
					new ResourcelessTransactionManager())
			.build();
		return new JobBuilder(JOB_NAME, jobRepository).observationRegistry(runMetrics.observations()).listener(new ExecutionOwner(jobRepository))
			.start(new FlowBuilder<SimpleFlow>(JOB_NAME + ".types").split(new SimpleAsyncTaskExecutor("consent-type-"))
				.add(flowOf(consentAccountsStep), flowOf(consentFundsConfirmationsStep), flowOf(consentPaymentsStep))
				.build())
			.next(end)
			.end()
			.build();
	}

	private static Flow flowOf(Step step) {
		return new FlowBuilder<SimpleFlow>(step.getName()).start(step).build();
	}

	@Bean
	Step consentAccountsStep(ConsentStepFactory steps) {
		return steps.step(ConsentType.ACCOUNTS);
	}

	@Bean
	Step consentFundsConfirmationsStep(ConsentStepFactory steps) {
		return steps.step(ConsentType.FUNDS_CONFIRMATIONS);
	}

	@Bean
	Step consentPaymentsStep(ConsentStepFactory steps) {
		return steps.step(ConsentType.PAYMENTS);
	}

	/**
	 * The step of a consent type is a partitioned step: its ID ranges run as worker steps
	 * ({@code consent.accounts:p0}, ...), each with its own chunk transactions and checkpoint, on the threads every
	 * type's ranges share: a range waits for a free thread, whichever type it belongs to.
	 */
	@Bean
	ConsentStepFactory consentStepFactory(JobRepository jobRepository,
			@Qualifier("obTargetTransactionManager") PlatformTransactionManager targetTransactionManager,
			ConsentProperties consentProperties, ObmigrateDataSources dataSources,
			@Qualifier("obDataSource") DataSource source, ObmigrateProperties properties,
			ConsentPageReader consentReader, ConsentProcessor consentProcessor,
			ConsentWriter consentWriter, ChunkReport chunkReport, StepProgress stepProgress,
			io.obmigrate.core.RunMetrics runMetrics, CatchUpSlices catchUpSlices) {
		int partitions = consentProperties.threads(dataSources);
		// each running partition reads with one connection while its chunk writes with another; the three types'
		// partitioners count and split their tables at the same time
		dataSources.requireConnections(2 * partitions + 4);
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("consent-range-");
		threads.setConcurrencyLimit(partitions); // a range beyond the limit waits (blocks its type's step) for a thread
		return type -> {
			Step worker = new StepBuilder(type.stepName(), jobRepository).observationRegistry(runMetrics.observations())
				.<ConsentSource, MigratedConsent>chunk(consentProperties.getChunkSize())
				.transactionManager(targetTransactionManager)
				.reader(StepBeans.reader(consentReader))
				.processor(StepBeans.processor(consentProcessor))
				.writer(consentWriter)
				.listener(chunkReport)
				.listener(stepProgress)
				.build();
			ConsentIdRangePartitioner ranges = new ConsentIdRangePartitioner(type, new JdbcTemplate(source),
					() -> dataSources.dialect(ObmigrateDataSources.Name.OB))
				.catchingUp(since -> ConsentPageReader.changedIds(type, dataSources,
						new SourceClock(new SourceTimes(properties.getSourceTimeZone())), since), catchUpSlices)
				.named(dataSources)
				.resumingWith(jobRepository);
			return new StepBuilder(type.stepName(), jobRepository).observationRegistry(runMetrics.observations())
				.partitioner(type.stepName(), ranges)
				.step(worker)
				.gridSize(partitions * RANGES_PER_THREAD)
				.taskExecutor(threads)
				.build();
		};
	}

	/** Catch-up: the changed consents each partitioner found, waiting for their partitions' readers. */
	@Bean
	CatchUpSlices consentCatchUpSlices() {
		return new CatchUpSlices();
	}

	/** Builds the step of one consent type. */
	@FunctionalInterface
	public interface ConsentStepFactory {

		Step step(ConsentType type);

	}

	/** The OB 3.0 target: the OB database itself unless obmigrate.ob-target is set. */
	@Bean
	DataSource obTargetDataSource(ObmigrateDataSources dataSources) {
		return new NamedDataSource(dataSources, ObmigrateDataSources.Name.OB_TARGET);
	}

	/** Chunk transactions of the consent job: the OB 3.0 target database's. */
	@Bean
	PlatformTransactionManager obTargetTransactionManager(@Qualifier("obTargetDataSource") DataSource target,
			ObmigrateDataSources dataSources) {
		return new io.obmigrate.core.NamedTransactionManager(target, dataSources, ObmigrateDataSources.Name.OB_TARGET);
	}

	@Bean
	ConsentTargetSchema consentTargetSchema(ObmigrateDataSources dataSources) {
		return new ConsentTargetSchema(dataSources);
	}

	@Bean
	@Order(1)
	ConsentJob consentMigrationJob(@Qualifier("consentJob") ObjectProvider<Job> consentJob,
			ObmigrateDataSources dataSources, ConsentTargetSchema consentTargetSchema, ObmigrateProperties properties,
			ConsentProperties consentProperties,
			org.springframework.beans.factory.ObjectProvider<JobControl> controls,
			org.springframework.beans.factory.ObjectProvider<io.obmigrate.core.OperationJournal> journal) {
		return new ConsentJob(consentJob::getObject, dataSources, properties, consentProperties, consentTargetSchema,
				controls, journal);
	}

	@Bean
	@Order(1)
	ConsentRollback consentRollback(ObmigrateDataSources dataSources, ConsentTargetSchema consentTargetSchema,
			ConsentProperties consentProperties) {
		return new ConsentRollback(dataSources, consentTargetSchema, consentProperties.getChunkSize());
	}

	@Bean
	ConsentVerification consentVerification(ObmigrateDataSources dataSources, ObmigrateProperties properties,
			ConsentProperties consentProperties, ConsentTargetSchema consentTargetSchema,
			io.obmigrate.core.RowReportRepository rowReports) {
		return new ConsentVerification(dataSources, properties, consentProperties, consentTargetSchema, rowReports);
	}

	@Bean
	SampleData consentSampleData(ConsentDataGenerator generator, ObmigrateDataSources dataSources) {
		return SampleData.of(JOB_NAME,
				() -> SampleData.rowsIn(dataSources.get(ObmigrateDataSources.Name.OB),
						dataSources.dialect(ObmigrateDataSources.Name.OB),
						java.util.Arrays.stream(ConsentType.values()).map(ConsentType::initiationTable).toList()),
				(count, seed, defectRate) -> generator.generate(count, seed, defectRate)
			.describe());
	}

	@Bean
	ConsentDataGenerator consentDataGenerator(ObmigrateDataSources dataSources, ObmigrateProperties properties) {
		return new ConsentDataGenerator(dataSources, new SourceClock(new SourceTimes(properties.getSourceTimeZone())));
	}

	@Bean
	@StepScope
	ConsentPageReader consentReader(@Value("#{stepExecution.stepName}") String stepName,
			@Value("#{stepExecutionContext['" + ConsentIdRangePartitioner.FROM + "']}") String from,
			@Value("#{stepExecutionContext['" + ConsentIdRangePartitioner.TO + "']}") String to,
			ObmigrateDataSources dataSources, @Qualifier("obDataSource") DataSource source,
			@Qualifier("obTargetDataSource") DataSource target, ObmigrateProperties properties, ConsentProperties consentProperties,
			MigrationTally stepTally, CatchUpSlices catchUpSlices, @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId,
			@Value("#{jobParameters['" + io.obmigrate.core.HighWaterMark.CHANGED_SINCE + "']}") String changedSince) {
		ConsentPageReader reader = new ConsentPageReader(typeOf(stepName), source,
				dataSources.dialect(ObmigrateDataSources.Name.OB), target,
				new SourceClock(new SourceTimes(properties.getSourceTimeZone())), StepBeans.current(stepTally),
				consentProperties.getChunkSize(), from, to).named(dataSources);
		return changedSince == null ? reader
				: reader.changedSince(Long.parseLong(changedSince)).changedIdsFoundBy(catchUpSlices, jobExecutionId, stepName);
	}

	/**
	 * The live target column sizes, read once per job execution (its many ranges share them; a restart reads them
	 * again). Only step-scoped beans use it: no proxy.
	 */
	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.NO)
	TargetLimits consentTargetLimits(ConsentTargetSchema targetSchema,
			@Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
		return targetSchema.limits(jobExecutionId);
	}

	@Bean
	@StepScope
	ConsentProcessor consentProcessor(TargetLimits consentTargetLimits, ConsentProperties consentProperties,
			MigrationTally stepTally, ChunkReport chunkReport, ConsentWriter consentWriter,
			@Value("#{jobParameters['" + JobControl.STARTED_AT + "']}") Long startedAt) {
		ConsentRules rules = ConsentRules.from(consentProperties, consentTargetLimits,
				startedAt == null ? Long.MAX_VALUE : startedAt);
		// each migrated consent goes to the step's writer as it is made, which stages its rows
		return new ConsentProcessor(new ConsentMapping(rules), StepBeans.current(stepTally),
				StepBeans.current(chunkReport), StepBeans.current(consentWriter)::made);
	}

	@Bean
	@StepScope
	ConsentWriter consentWriter(@Value("#{stepExecution.stepName}") String stepName, TargetLimits consentTargetLimits,
			ObmigrateDataSources dataSources, @Qualifier("obTargetDataSource") DataSource target,
			MigrationTally stepTally, ChunkReport chunkReport,
			@Value("#{jobParameters['" + JobControl.DRY_RUN + "']}") String dryRun,
			@Value("#{jobParameters['" + io.obmigrate.core.HighWaterMark.CHANGED_SINCE + "']}") String changedSince) {
		return new ConsentWriter(typeOf(stepName), dataSources, target, StepBeans.current(stepTally),
				StepBeans.current(chunkReport),
				Boolean.parseBoolean(dryRun),
				consentTargetLimits.isBinary(TargetColumn.CONSENT_FILE)).replacing(changedSince != null);
	}

	/** The consent type of a worker step execution ({@code consent.accounts:p0}). */
	static ConsentType typeOf(String stepName) {
		String base = StepName.of(stepName).step();
		for (ConsentType type : ConsentType.values()) {
			if (type.stepName().equals(base.toLowerCase(Locale.ROOT))) {
				return type;
			}
		}
		throw new IllegalArgumentException("Not a consent step: " + stepName);
	}

}

package io.obmigrate.consent;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
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
import io.obmigrate.core.StepProgress;

/**
 * The consent job: one partitioned step over the consents of every type ({@link #TYPES_STEP}); its partitions are ID
 * ranges, each a chunk-oriented step whose reader reads the range's consents of the three types merged in ID order
 * ({@link ConsentRangeReader}), with a pure mapping processor and a batch writer; they share one pool of
 * {@code obmigrate.consent.partitions} threads. The chunk transaction is the target database's; the job repository
 * records the checkpoints. Once that step has completed, a last step ({@link #END_STEP}) adds the target tables'
 * missing foreign keys, foreign-key indexes and statistics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsentProperties.class)
public class ConsentJobConfiguration {

	public static final String JOB_NAME = "consent";

	/**
	 * The step of every consent type: its partitions ({@code consent.all-types:p0}, ...) each read one ID range of
	 * the three types together.
	 */
	public static final String TYPES_STEP = JOB_NAME + ".all-types";

	/**
	 * Ranges per thread: smaller ranges than one per thread, so the last ones to finish leave the other threads idle
	 * for a short while only; not many more, since each range opens its readers and steps (100k consents on MariaDB
	 * as installed, 2 threads: 6 per thread 0.4 s sooner than 12 in six pairs; the same at 1 M; docs/benchmarks.md).
	 */
	static final int RANGES_PER_THREAD = 6;

	/** The last step of a consent run ({@link ConsentRunEnd}): it runs once the consents' step has completed. */
	public static final String END_STEP = JOB_NAME + ".tables";

	@Bean
	Job consentJob(JobRepository jobRepository, Step consentTypesStep, io.obmigrate.core.RunMetrics runMetrics,
			ConsentTargetSchema consentTargetSchema, ConsentProperties consentProperties,
			ObmigrateDataSources dataSources) {
		// a step, not a job listener: a run stopped or killed during this work ends FAILED or unfinished, and `restart`
		// does it again (the consents' completed step is not run again)
		Step end = new StepBuilder(END_STEP, jobRepository).observationRegistry(runMetrics.observations())
			.tasklet(new ConsentRunEnd(consentTargetSchema, System.out, consentProperties.threads(dataSources)),
					new ResourcelessTransactionManager())
			.build();
		// a run begun by an earlier obmigrate (one step per type) is not restarted by this one: JobControl refuses it
		return new JobBuilder(JOB_NAME, jobRepository).observationRegistry(runMetrics.observations())
			.listener(new ExecutionOwner(jobRepository))
			.start(consentTypesStep)
			.next(end)
			.build();
	}

	/**
	 * The consents' step is a partitioned step: its ID ranges run as worker steps ({@code consent.all-types:p0}, ...),
	 * each with its own chunk transactions and checkpoint, on a pool of threads: a range waits for a free thread.
	 */
	@Bean
	Step consentTypesStep(JobRepository jobRepository,
			@Qualifier("obTargetTransactionManager") PlatformTransactionManager targetTransactionManager,
			ConsentProperties consentProperties, ObmigrateDataSources dataSources,
			@Qualifier("obDataSource") DataSource source, ObmigrateProperties properties,
			ConsentRangeReader consentReader, ConsentProcessor consentProcessor,
			ConsentWriter consentWriter, ChunkReport chunkReport, StepProgress stepProgress,
			io.obmigrate.core.RunMetrics runMetrics, ConsentIdRangePartitioner consentRanges) {
		int partitions = consentProperties.threads(dataSources);
		// each running partition reads with one connection while its chunk writes with another; the partitioner
		// counts and splits the tables
		dataSources.requireConnections(2 * partitions + 4);
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("consent-range-");
		threads.setConcurrencyLimit(partitions); // a range beyond the limit waits for a thread
		Step worker = new StepBuilder(TYPES_STEP, jobRepository).observationRegistry(runMetrics.observations())
			.<ConsentSource, MigratedConsent>chunk(consentProperties.getChunkSize())
			.transactionManager(targetTransactionManager)
			.reader(StepBeans.reader(consentReader))
			.processor(StepBeans.processor(consentProcessor))
			.writer(consentWriter)
			.listener(chunkReport)
			.listener(stepProgress)
			.build();
		return new StepBuilder(TYPES_STEP, jobRepository).observationRegistry(runMetrics.observations())
			.partitioner(TYPES_STEP, consentRanges)
			.step(worker)
			.gridSize(gridSize(consentProperties, dataSources))
			.taskExecutor(threads)
			.build();
	}

	/** The source tables' columns, read once per job execution for all its ranges. */
	@Bean
	io.obmigrate.core.TableShapes consentSourceShapes() {
		return new io.obmigrate.core.TableShapes();
	}

	/** The ID ranges of the consents' step: how many ranges a run makes. */
	static int gridSize(ConsentProperties consentProperties, ObmigrateDataSources dataSources) {
		return consentProperties.threads(dataSources) * RANGES_PER_THREAD;
	}

	/** Splits the consents of every type into the ID ranges of the consents' step. */
	@Bean
	ConsentIdRangePartitioner consentRanges(JobRepository jobRepository, ObmigrateDataSources dataSources,
			@Qualifier("obDataSource") DataSource source, ObmigrateProperties properties,
			CatchUpSlices catchUpSlices) {
		SourceClock clock = new SourceClock(new SourceTimes(properties.getSourceTimeZone()));
		return new ConsentIdRangePartitioner(List.of(ConsentType.values()), new JdbcTemplate(source),
				() -> dataSources.dialect(ObmigrateDataSources.Name.OB))
			.catchingUp((type, since) -> ConsentPageReader.changedIds(type, dataSources, clock, since), catchUpSlices)
			.named(dataSources)
			.resumingWith(jobRepository)
			// the launcher's JIT for the next run (a rehearsal each night, a restart) follows the source's size
			.reportingCount(consents -> io.obmigrate.core.LaunchJit.remember(properties.getHome(), consents));
	}

	/** Catch-up: the changed consents each partitioner found, waiting for their partitions' readers. */
	@Bean
	CatchUpSlices consentCatchUpSlices() {
		return new CatchUpSlices();
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
			org.springframework.beans.factory.ObjectProvider<io.obmigrate.core.OperationJournal> journal,
			ObjectProvider<ConsentIdRangePartitioner> consentRanges) {
		return new ConsentJob(consentJob::getObject, dataSources, properties, consentProperties, consentTargetSchema,
				controls, journal)
			.splittingAheadWith(() -> consentRanges.getObject().prepare(gridSize(consentProperties, dataSources)));
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

	/** The reader of one range: the range's consents of every type, merged in ID order. */
	@Bean
	@StepScope
	ConsentRangeReader consentReader(@Value("#{stepExecution.stepName}") String stepName,
			@Value("#{stepExecutionContext['" + ConsentIdRangePartitioner.FROM + "']}") String from,
			@Value("#{stepExecutionContext['" + ConsentIdRangePartitioner.TO + "']}") String to,
			ObmigrateDataSources dataSources, @Qualifier("obDataSource") DataSource source,
			@Qualifier("obTargetDataSource") DataSource target, ObmigrateProperties properties, ConsentProperties consentProperties,
			MigrationTally stepTally, CatchUpSlices catchUpSlices, io.obmigrate.core.TableShapes consentSourceShapes,
			@Value("#{stepExecution.jobExecutionId}") Long jobExecutionId,
			@Value("#{jobParameters['" + io.obmigrate.core.HighWaterMark.CHANGED_SINCE + "']}") String changedSince) {
		SourceClock clock = new SourceClock(new SourceTimes(properties.getSourceTimeZone()));
		List<ConsentType> types = List.of(ConsentType.values());
		List<ConsentPageReader> readers = new ArrayList<>();
		for (ConsentType type : types) {
			ConsentPageReader reader = new ConsentPageReader(type, source,
					dataSources.dialect(ObmigrateDataSources.Name.OB), target, clock, StepBeans.current(stepTally),
					consentProperties.getChunkSize(), from, to).named(dataSources)
				.sharingShapes(consentSourceShapes, jobExecutionId);
			readers.add(changedSince == null ? reader
					: reader.changedSince(Long.parseLong(changedSince)).changedIdsFoundBy(catchUpSlices, jobExecutionId,
							ConsentIdRangePartitioner.slice(stepName, type, true)));
		}
		return new ConsentRangeReader(types, readers, StepBeans.current(stepTally));
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
	ConsentWriter consentWriter(TargetLimits consentTargetLimits,
			ObmigrateDataSources dataSources, @Qualifier("obTargetDataSource") DataSource target,
			MigrationTally stepTally, ChunkReport chunkReport,
			@Value("#{jobParameters['" + JobControl.DRY_RUN + "']}") String dryRun,
			@Value("#{jobParameters['" + io.obmigrate.core.HighWaterMark.CHANGED_SINCE + "']}") String changedSince) {
		return new ConsentWriter(dataSources, target, StepBeans.current(stepTally),
				StepBeans.current(chunkReport),
				Boolean.parseBoolean(dryRun),
				consentTargetLimits.isBinary(TargetColumn.CONSENT_FILE)).replacing(changedSince != null);
	}

}

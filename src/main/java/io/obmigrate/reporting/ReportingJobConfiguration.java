package io.obmigrate.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.obmigrate.core.ChunkReport;
import io.obmigrate.core.Dialect;
import io.obmigrate.core.ExecutionOwner;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.NamedDataSource;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.SampleData;
import io.obmigrate.core.ObmigrateProperties;
import io.obmigrate.core.StepBeans;
import io.obmigrate.core.StepProgress;
import io.obmigrate.core.TableInspector;

/**
 * The reporting job: one chunk step per OB 2.0 raw-data table, in parallel lanes ({@link #lanes}), each step
 * copying its table's key ranges into a new OB 3.0 table, {@code <TABLE>__OB3} in the same database or under
 * its final name in {@code obmigrate.reporting-target}, in the copy mode {@link ReportingCopyMode} picks. The OB 2.0
 * tables are only read.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportingJobProperties.class)
public class ReportingJobConfiguration {

	public static final String JOB_NAME = "reporting";

	static String stepName(ReportingTableRule rule) {
		return "reporting." + rule.table().toLowerCase(Locale.ROOT).replace("_raw_data", "");
	}

	static ReportingTableRule ruleOf(String stepName) {
		for (ReportingTableRule rule : ReportingTableRule.ALL) {
			if (stepName(rule).equals(stepName)) {
				return rule;
			}
		}
		throw new IllegalArgumentException("Not a reporting step: " + stepName);
	}

	@Bean
	DataSource reportingDataSource(ObmigrateDataSources dataSources) {
		return new NamedDataSource(dataSources, ObmigrateDataSources.Name.REPORTING);
	}

	@Bean
	ReportingSchema reportingSchema(ObmigrateDataSources dataSources, ReportingJobProperties reportingProperties) {
		ReportingSchema schema = new ReportingSchema(dataSources, reportingProperties.isMessageIdAlways(),
				reportingProperties.isWidenColumns());
		schema.setDeferKeyAbove(reportingProperties.getDeferKeyAbove());
		return schema;
	}

	@Bean
	@org.springframework.core.annotation.Order(3)
	ReportingRollback reportingRollback(ObmigrateDataSources dataSources, ReportingCutover reportingCutover) {
		return new ReportingRollback(dataSources, reportingCutover);
	}

	@Bean
	ReportingCutover reportingCutover(ReportingSchema reportingSchema, ObmigrateDataSources dataSources,
			JobControl jobControl, io.obmigrate.core.RowReportRepository rowReportRepository,
			io.obmigrate.core.OperationJournal operationJournal) {
		return new ReportingCutover(reportingSchema, dataSources, jobControl, rowReportRepository, operationJournal);
	}

	@Bean
	ReportingVerification reportingVerification(ReportingSchema reportingSchema,
			ReportingJobProperties reportingProperties, ObmigrateDataSources dataSources,
			io.obmigrate.core.RowReportRepository rowReportRepository) {
		return new ReportingVerification(reportingSchema, reportingProperties, dataSources, rowReportRepository);
	}

	@Bean
	SampleData reportingSampleData(ObmigrateDataSources dataSources) {
		return SampleData.of(JOB_NAME,
				() -> SampleData.rowsIn(dataSources.get(ObmigrateDataSources.Name.REPORTING),
						dataSources.dialect(ObmigrateDataSources.Name.REPORTING),
						java.util.List.of("API_INVOCATION_RAW_DATA", "ACCOUNTS_RAW_DATA", "PAYMENTS_RAW_DATA",
								"FUNDS_CONFIRMATION_RAW_DATA")),
				(count, seed, defectRate) -> new ReportingDataGenerator(
				dataSources.get(ObmigrateDataSources.Name.REPORTING),
				dataSources.dialect(ObmigrateDataSources.Name.REPORTING))
			.generate(count, seed, defectRate)
			.describe());
	}

	@Bean
	@Order(3)
	ReportingJob reportingMigrationJob(@Qualifier("reportingJob") ObjectProvider<Job> reportingJob,
			ReportingSchema reportingSchema, ObmigrateDataSources dataSources,
			ReportingJobProperties reportingProperties, JobControl jobControl) {
		return new ReportingJob(reportingJob::getObject, reportingSchema, dataSources, reportingProperties, jobControl);
	}

	/**
	 * The database the OB 3.0 tables are written to. The chunk's transaction manager and every statement that writes
	 * use this one object, so the writes join the chunk's transaction (a copy on another handle of the same pool would
	 * commit on its own, before the checkpoint).
	 */
	@Bean
	DataSource reportingTargetDataSource(ObmigrateDataSources dataSources) {
		return new NamedDataSource(dataSources, ObmigrateDataSources.Name.REPORTING_TARGET);
	}

	@Bean
	PlatformTransactionManager reportingTargetTransactionManager(
			@Qualifier("reportingTargetDataSource") DataSource reportingTarget, ObmigrateDataSources dataSources) {
		return new io.obmigrate.core.NamedTransactionManager(reportingTarget, dataSources,
				ObmigrateDataSources.Name.REPORTING_TARGET);
	}

	@Bean
	Job reportingJob(JobRepository jobRepository,
			@Qualifier("reportingTargetTransactionManager") PlatformTransactionManager transactionManager,
			ReportingRangeReader reportingRangeReader, ReportingRangeWriter reportingRangeWriter,
			ChunkReport chunkReport, StepProgress stepProgress, ReportingUntouchedTables untouchedTables,
			ReportingJobProperties reportingProperties, io.obmigrate.core.RunMetrics runMetrics) {
		List<Flow> flows = new ArrayList<>();
		int n = 0;
		for (List<ReportingTableRule> lane : lanes(reportingProperties.getParallelTables())) {
			FlowBuilder<SimpleFlow> flow = new FlowBuilder<>("reporting.lane" + (++n));
			for (ReportingTableRule rule : lane) {
				// one key range per chunk: each range is one transaction and one checkpoint, in either copy mode
				Step step = new StepBuilder(stepName(rule), jobRepository)
					.observationRegistry(runMetrics.observations())
					.<KeyRange, KeyRange>chunk(1)
					.transactionManager(transactionManager)
					.reader(reportingRangeReader)
					.writer(reportingRangeWriter)
					.listener(chunkReport)
					.listener(stepProgress)
					.build();
				flow = lane.indexOf(rule) == 0 ? flow.start(step) : flow.next(step);
			}
			flows.add(flow.build());
		}
		Flow all = flows.size() == 1 ? flows.get(0)
				: new FlowBuilder<SimpleFlow>("reporting.tables").split(new SimpleAsyncTaskExecutor("reporting-"))
					.add(flows.toArray(Flow[]::new))
					.build();
		return new JobBuilder(JOB_NAME, jobRepository).observationRegistry(runMetrics.observations())
			.listener(new ExecutionOwner(jobRepository))
			.listener(untouchedTables)
			.start(all)
			.end()
			.build();
	}

	/**
	 * The tables' steps in {@code parallel} lanes that run side by side, each in the order the tables are listed. The order
	 * only mattered to WSO2's in-place script (a table's IDs changed under the next one); here every step reads
	 * unchanged OB 2.0 tables, so the steps are independent. Tables go to the least loaded lane, largest first, by
	 * their share of the migration's time measured with bench/reporting.sh (in-database mode, MariaDB, 300k requests).
	 */
	static List<List<ReportingTableRule>> lanes(int parallel) {
		// seconds per table at 300k requests, MariaDB defaults, in-database mode, key not deferred (bench/reporting.sh)
		Map<ReportingTableRule, Integer> weight = Map.of(ReportingTableRule.API_INVOCATION, 61,
				ReportingTableRule.API_LATENCY, 46, ReportingTableRule.PAYMENTS, 43, ReportingTableRule.ACCOUNTS, 42,
				ReportingTableRule.FUNDS_CONFIRMATION, 19, ReportingTableRule.AUTHORISATION, 17,
				ReportingTableRule.AUTHENTICATION, 12);
		int count = Math.max(1, Math.min(parallel, ReportingTableRule.ALL.size()));
		List<List<ReportingTableRule>> lanes = new ArrayList<>();
		int[] load = new int[count];
		for (int i = 0; i < count; i++) {
			lanes.add(new ArrayList<>());
		}
		ReportingTableRule.ALL.stream()
			.sorted(java.util.Comparator.comparing(weight::get).reversed())
			.forEach(rule -> {
				int least = 0;
				for (int i = 1; i < count; i++) {
					least = load[i] < load[least] ? i : least;
				}
				lanes.get(least).add(rule);
				load[least] += weight.get(rule);
			});
		lanes.forEach(lane -> lane.sort(java.util.Comparator.comparing(ReportingTableRule.ALL::indexOf)));
		return lanes;
	}

	@Bean
	ReportingUntouchedTables reportingUntouchedTables(ReportingSchema schema, ObmigrateDataSources dataSources) {
		return new ReportingUntouchedTables(schema, dataSources);
	}

	@Bean
	@StepScope
	ReportingRangeReader reportingRangeReader(@Value("#{stepExecution.stepName}") String stepName,
			ReportingSchema schema, @Qualifier("reportingDataSource") DataSource reporting, ReportingJobProperties reportingProperties,
			MigrationTally stepTally) {
		return new ReportingRangeReader(ruleOf(stepName), new JdbcTemplate(reporting), schema.dialect(),
				StepBeans.current(stepTally), reportingProperties.getChunkSize());
	}

	@Bean
	@StepScope
	ReportingRangeWriter reportingRangeWriter(@Value("#{stepExecution.stepName}") String stepName,
			ReportingSchema schema, ObmigrateDataSources dataSources,
			@Qualifier("reportingTargetDataSource") DataSource reportingTarget, ReportingJobProperties reportingProperties,
			MigrationTally stepTally, ChunkReport chunkReport,
			@Value("#{jobParameters['" + JobControl.DRY_RUN + "']}") String dryRunParameter) {
		MigrationTally tally = StepBeans.current(stepTally);
		ChunkReport report = StepBeans.current(chunkReport);
		ReportingTableRule rule = ruleOf(stepName);
		boolean dryRun = Boolean.parseBoolean(dryRunParameter);
		ReportingTargetShape shape = schema.shape(rule);
		String target = schema.targetName(rule);
		ReportingJobProperties options = reportingProperties;
		JdbcTemplate source = new JdbcTemplate(dataSources.get(ObmigrateDataSources.Name.REPORTING));
		JdbcTemplate targetJdbc = new JdbcTemplate(reportingTarget);
		Map<String, TableInspector.Column> targetColumns = schema.targetColumns(target);
		boolean targetExists = !targetColumns.isEmpty();
		boolean byMessageId = targetExists && schema.findsRowsByMessageId(rule);
		ReportingSources sides = ReportingSources.of(schema);
		Map<String, Integer> widths = widths(schema, rule, targetColumns);
		List<String> names = shape.columns().stream().map(ReportingColumn::upperName).toList();
		ReportingProcessor processor = new ReportingProcessor(new ReportingRowMapping(shape, options.isMessageIdAlways(),
				new LatencyRules(options.isGuardNegativeLatency())), tally, report,
				widths.entrySet().stream().map(width -> new ReportingProcessor.WidthLimit(names.indexOf(width.getKey()),
						width.getKey(), width.getValue())).toList());
		ChunkRangeCopy chunkCopy = new ChunkRangeCopy(new ReportingRowLoader(rule, targetExists ? target : null, source,
				targetJdbc, schema.dialect(), sides, byMessageId), processor, targetJdbc, shape, target, tally, report,
				dryRun);
		InDatabaseStatements statements = new InDatabaseStatements(shape, schema.columns(ReportingSchema.sourceOf(rule))
			.keySet(), sides, schema.dialect(), target, options.isMessageIdAlways(), options.isGuardNegativeLatency(),
				widths, byMessageId);
		String unavailable = schema.separateTarget() ? "the OB 3.0 tables are in obmigrate.reporting-target, another"
				+ " database" : !targetExists ? "a dry run, the OB 3.0 table does not exist" : statements.unsupported();
		InDatabaseRangeCopy inDatabaseCopy = unavailable != null ? null
				: new InDatabaseRangeCopy(statements, targetJdbc, tally, report, dryRun,
						hasRows(targetJdbc, schema.targetDialect(), target), schema.sideIdsUnique());
		Runnable finish = () -> {
			if (!dryRun && targetExists && !schema.hasPrimaryKey(rule)) {
				targetJdbc.execute(shape.primaryKey(target));
			}
		};
		return new ReportingRangeWriter(new ReportingCopyMode(options.getMode(), unavailable, tally), chunkCopy,
				inDatabaseCopy, tally, shape, target, finish, byMessageId, widths);
	}

	/**
	 * The width of each string column that may receive a value longer than OB 3.0's 254 characters, as the OB 3.0 table
	 * has it (sized by {@link ReportingSchema#ensureTargets}); without a table (a dry run), what it would be created with.
	 */
	static Map<String, Integer> widths(ReportingSchema schema, ReportingTableRule rule,
			Map<String, TableInspector.Column> targetColumns) {
		Map<String, Integer> widths = new java.util.LinkedHashMap<>();
		for (String column : schema.wideFeeds(rule).keySet()) {
			TableInspector.Column live = targetColumns.get(column);
			int width = live != null ? live.size() : schema.widensColumns() ? Integer.MAX_VALUE : ReportingColumn.OB3_WIDTH;
			widths.put(column, width <= 0 ? Integer.MAX_VALUE : width);
		}
		return widths;
	}

	private static boolean hasRows(JdbcTemplate jdbc, Dialect dialect, String table) {
		String exists = "CASE WHEN EXISTS (SELECT 1 FROM " + table + ") THEN 1 ELSE 0 END";
		return jdbc.queryForObject(dialect.selectWithoutTable(exists),
				Integer.class) == 1;
	}

}

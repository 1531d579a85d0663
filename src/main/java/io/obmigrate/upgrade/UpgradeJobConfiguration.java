package io.obmigrate.upgrade;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.obmigrate.check.PreflightCheck;
import io.obmigrate.core.ExecutionOwner;
import io.obmigrate.core.JobControl;
import io.obmigrate.core.JobRepositorySchema;
import io.obmigrate.core.MigrationJob;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateProperties;

/**
 * The upgrade capability: the {@code upgrade} job that runs a plan file's steps (the base products' migration tools,
 * SQL scripts, commands, operator steps and obmigrate's own jobs) as restartable, journalled batch steps.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UpgradeProperties.class)
public class UpgradeJobConfiguration {

	public static final String JOB_NAME = "upgrade";

	@Bean
	UpgradeJournal upgradeJournal(ObmigrateDataSources dataSources, JobRepositorySchema schema) {
		return new UpgradeJournal(dataSources, schema);
	}

	@Bean
	Job upgradeJob(JobRepository jobRepository, ObmigrateDataSources dataSources, ObmigrateProperties properties,
			UpgradeProperties upgrade, UpgradeJournal journal, ObjectProvider<JobControl> controls,
			ObjectProvider<MigrationJob> migrationJobs, io.obmigrate.core.RunMetrics runMetrics) {
		// JobControl and the jobs are looked up when a plan runs: the job operator collects the Job beans when it is
		// created, and would miss this one if creating this bean created it
		Path workDir = workDir(properties, upgrade);
		Duration grace = upgrade.getStopGrace();
		Map<StepKind, StepRun.Action> actions = new EnumMap<>(StepKind.class);
		actions.put(StepKind.SERVER_RUN, new ServerRun(upgrade.getServerTimeout(), upgrade.getIdleTimeout(), grace));
		actions.put(StepKind.COMMAND, new CommandRun(upgrade.getCommandTimeout(), grace));
		actions.put(StepKind.SQL_SCRIPT, new SqlScriptRun(dataSources));
		actions.put(StepKind.FILE, new FileChange());
		actions.put(StepKind.JOB, new JobRun(
				() -> migrationJobs.orderedStream().filter(job -> !job.name().equals(JOB_NAME)).toList(),
				() -> new PreflightCheck(dataSources, properties,
						migrationJobs.orderedStream().filter(job -> !job.name().equals(JOB_NAME)).toList()),
				controls::getObject));
		actions.put(StepKind.MANUAL, run -> {
			throw new IllegalStateException("a manual step is decided by the journal, never run");
		});
		GuardCheck guards = new GuardCheck(dataSources);
		UpgradePlanJob job = new UpgradePlanJob(jobRepository, parameters -> UpgradePlan.load(
				UpgradePlanJob.path(parameters, UpgradePlanJob.PLAN), UpgradePlanJob.path(parameters, UpgradePlanJob.VARS),
				System::getenv),
				plan -> UpgradePlanJob.build(plan, jobRepository,
						step -> new PlanStepTasklet(plan, step, journal, guards, actions, controls.getObject(), workDir,
								System.out), runMetrics.observations()),
				journal);
		job.registerJobExecutionListener(new ExecutionOwner(jobRepository));
		job.setObservationRegistry(runMetrics.observations());
		return job;
	}

	@Bean
	@Order(10)
	UpgradeJob upgradeMigrationJob(@Qualifier("upgradeJob") ObjectProvider<Job> upgradeJob, UpgradeJournal journal,
			JobControl control) {
		return new UpgradeJob(upgradeJob::getObject, journal, control);
	}

	static Path workDir(ObmigrateProperties properties, UpgradeProperties upgrade) {
		return (upgrade.getWorkDir() != null ? Path.of(upgrade.getWorkDir())
				: Path.of(properties.getHome()).resolve("upgrade")).toAbsolutePath().normalize();
	}

}

package io.obmigrate.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.obmigrate.core.DataSourceSettings;
import io.obmigrate.core.JobRepositorySchema;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateProperties;

/**
 * Runs single upgrade steps without the CLI: a plan file written by the test, a journal in an in-memory job repository,
 * stand-in Carbon homes copied from the test resources.
 */
final class UpgradeFixture implements AutoCloseable {

	final Path dir;

	final ObmigrateDataSources dataSources;

	final UpgradeJournal journal;

	final AtomicBoolean stop = new AtomicBoolean();

	final List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();

	UpgradeFixture(Path dir) {
		this(dir, Map.of());
	}

	UpgradeFixture(Path dir, Map<String, DataSourceSettings> named) {
		this.dir = dir;
		ObmigrateProperties properties = new ObmigrateProperties();
		DataSourceSettings jobrepo = new DataSourceSettings();
		jobrepo.setUrl("jdbc:h2:mem:upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		jobrepo.setUsername("sa");
		jobrepo.setPassword("");
		properties.setJobrepo(jobrepo);
		properties.getDatasources().putAll(named);
		this.dataSources = new ObmigrateDataSources(properties);
		this.journal = new UpgradeJournal(this.dataSources, new JobRepositorySchema(this.dataSources));
	}

	/** A copy of the stand-in Carbon home, named {@code name}, behaving as {@code mode}. */
	Path carbonHome(String name, String mode) throws IOException {
		Path home = this.dir.resolve(name);
		Files.createDirectories(home.resolve("bin"));
		try (InputStream script = UpgradeFixture.class.getResourceAsStream("/upgrade/carbon-home/bin/wso2server.sh")) {
			Files.write(home.resolve("bin/wso2server.sh"), script.readAllBytes());
		}
		mode(home, mode);
		return home;
	}

	static void mode(Path home, String mode) throws IOException {
		Files.writeString(home.resolve("standin-mode"), mode, StandardCharsets.UTF_8);
	}

	/** Writes {@code yaml} as plan.yaml (and {@code vars} as vars.yaml) and reads it. */
	UpgradePlan plan(String yaml, String vars) throws IOException {
		Path plan = this.dir.resolve("plan.yaml");
		Files.writeString(plan, yaml, StandardCharsets.UTF_8);
		Path varsFile = null;
		if (vars != null) {
			varsFile = this.dir.resolve("vars.yaml");
			Files.writeString(varsFile, vars, StandardCharsets.UTF_8);
		}
		return UpgradePlan.load(plan, varsFile, name -> null);
	}

	StepRun run(UpgradePlan plan, String stepId, long executionId) {
		return new StepRun(plan, plan.step(stepId), executionId, this.journal, this.dir.resolve("work"), this.stop::get,
				this.progress::add);
	}

	ServerRun serverRun() {
		return new ServerRun(Duration.ofMinutes(1), Duration.ofSeconds(20), Duration.ofSeconds(3));
	}

	CommandRun commandRun() {
		return new CommandRun(Duration.ofMinutes(1), Duration.ofSeconds(3));
	}

	/** Whether a process of this PID is alive. */
	static boolean alive(long pid) {
		return ProcessTree.isLive(pid);
	}

	static long pidIn(Path file) throws IOException {
		return Long.parseLong(Files.readString(file).strip());
	}

	@Override
	public void close() {
		this.dataSources.close();
	}

}

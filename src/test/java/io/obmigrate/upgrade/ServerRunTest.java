package io.obmigrate.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * server-run against stand-in Carbon servers (a shell script that logs the phrases the vendor's tools log): every
 * outcome is classified right, and no process of the server is left when the step ends, whatever the outcome.
 */
class ServerRunTest {

	@TempDir
	Path dir;

	private static final String SUCCESS = "[\"Execution was done through all the requested version list\","
			+ " \"WSO2 Carbon started in\"]";

	private static final String FAILURE = "[\"ERROR \\\\{org\\\\.wso2\\\\.carbon\\\\.is\\\\.migration\","
			+ " \"Migration process was stopped\"]";

	private StepRun.Result run(UpgradeFixture fixture, Path home, String extra) throws Exception {
		UpgradePlan plan = fixture.plan("plan: t\nsteps:\n  - id: is\n    kind: server-run\n    home: " + home
				+ "\n    start: sh bin/wso2server.sh -Dmigrate -Dcomponent=identity\n"
				+ "    log: repository/logs/wso2carbon.log\n    success: " + SUCCESS + "\n    failure: " + FAILURE + "\n"
				+ "    stop-grace: 2s\n" + extra, null);
		return fixture.serverRun().run(fixture.run(plan, "is", 1));
	}

	/** No process of the stand-in's group (its PID file's process, its child) is alive. */
	private static void assertGone(Path home) throws Exception {
		for (String file : List.of("standin-pid", "standin-child.pid")) {
			if (Files.exists(home.resolve(file))) {
				assertThat(UpgradeFixture.alive(UpgradeFixture.pidIn(home.resolve(file)))).as(file).isFalse();
			}
		}
		Path log = home.resolve("repository/logs/wso2carbon.log");
		assertThat(Files.exists(home.resolve("wso2carbon.pid")) ? UpgradeFixture.alive(UpgradeFixture.pidIn(home
			.resolve("wso2carbon.pid"))) : false).as("server process, log:\n" + (Files.exists(log)
					? Files.readString(log) : "")).isFalse();
	}

	@Test
	void aServerThatLogsEverySuccessPhraseIsDoneAndStoppedWithSigterm() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			Path home = fixture.carbonHome("is", "ok");
			StepRun.Result result = run(fixture, home, "");
			assertThat(result.outcome()).as(result.toString()).isEqualTo(StepRun.Result.Outcome.DONE);
			assertThat(result.logSlice()).contains("WSO2 Carbon started in");
			assertThat(Files.readString(home.resolve("repository/logs/wso2carbon.log")))
				.contains("Shutdown hook triggered");
			assertGone(home);
		}
	}

	@Test
	void anErrorBeforeTheSuccessLinesFailsTheStepAlthoughEverySuccessPhraseAppears() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			Path home = fixture.carbonHome("is", "lying");
			StepRun.Result result = run(fixture, home, "");
			assertThat(result.outcome()).isEqualTo(StepRun.Result.Outcome.FAILED);
			assertThat(result.rule()).isEqualTo(UpgradeRule.SERVER_FAILURE_PHRASE);
			assertThat(result.detail()).contains("Error occurred while executing SQL script");
			assertThat(result.logSlice()).contains("FAILURE");
			assertGone(home);
		}
	}

	@Test
	void linesOfAnEarlierStartInTheLogDoNotCount() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			Path home = fixture.carbonHome("is", "hang");
			Path log = home.resolve("repository/logs/wso2carbon.log");
			Files.createDirectories(log.getParent());
			Files.writeString(log, "Execution was done through all the requested version list\nWSO2 Carbon started in 9"
					+ " sec\n");
			StepRun.Result result = run(fixture, home, "    idle-timeout: 3s\n");
			assertThat(result.outcome()).isEqualTo(StepRun.Result.Outcome.FAILED);
			assertThat(result.rule()).isEqualTo(UpgradeRule.SERVER_IDLE);
			assertGone(home);
		}
	}

	@Test
	void aServerThatHangsFailsOnItsTimeoutAndIsKilled() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			Path home = fixture.carbonHome("is", "hang");
			StepRun.Result result = run(fixture, home, "    timeout: 3s\n");
			assertThat(result.rule()).isEqualTo(UpgradeRule.SERVER_TIMEOUT);
			assertThat(result.detail()).contains("missing");
			assertGone(home);
		}
	}

	@Test
	void aServerThatExitsEarlyFailsWithItsExitCode() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			Path home = fixture.carbonHome("is", "early-exit");
			StepRun.Result result = run(fixture, home, "");
			assertThat(result.rule()).isEqualTo(UpgradeRule.SERVER_EXITED_EARLY);
			assertThat(result.detail()).contains("exit code 1");
		}
	}

	@Test
	void aServerThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			Path home = fixture.carbonHome("is", "ignore-term");
			long started = System.nanoTime();
			StepRun.Result result = run(fixture, home, "");
			assertThat(result.outcome()).as(result.toString()).isEqualTo(StepRun.Result.Outcome.DONE);
			assertThat(Files.readString(home.resolve("repository/logs/wso2carbon.log"))).contains("SIGTERM ignored");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
			assertGone(home);
		}
	}

	@Test
	void aChildThatIgnoresSigtermIsKilledWithTheServer() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			Path home = fixture.carbonHome("is", "child");
			StepRun.Result result = run(fixture, home, "");
			assertThat(result.outcome()).as(result.toString()).isEqualTo(StepRun.Result.Outcome.DONE);
			assertThat(home.resolve("standin-child.pid")).exists();
			assertGone(home);
		}
	}

	@Test
	void aServerAlreadyRunningFromTheHomeIsRefusedBeforeStarting() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			Path home = fixture.carbonHome("is", "ok");
			Files.writeString(home.resolve("wso2carbon.pid"), Long.toString(ProcessHandle.current().pid()));
			StepRun.Result result = run(fixture, home, "");
			assertThat(result.rule()).isEqualTo(UpgradeRule.SERVER_ALREADY_RUNNING);
			assertThat(home.resolve("repository/logs/wso2carbon.log")).doesNotExist();
		}
	}

	@Test
	void aStopRequestStopsTheServerAndEndsTheStepStopped() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			Path home = fixture.carbonHome("is", "hang");
			fixture.stop.set(true);
			StepRun.Result result = run(fixture, home, "");
			assertThat(result.outcome()).isEqualTo(StepRun.Result.Outcome.STOPPED);
			assertGone(home);
		}
	}

	@Test
	void aRequiredServerRunsWhileTheStepsServerMigratesAndBothAreStoppedLastFirst() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			Path keyManager = fixture.carbonHome("km", "ok");
			Path home = fixture.carbonHome("is", "ok");
			StepRun.Result result = run(fixture, home, "    requires:\n      - home: " + keyManager + "\n"
					+ "        start: sh bin/wso2server.sh\n        log: repository/logs/wso2carbon.log\n"
					+ "        ready: [\"WSO2 Carbon started in\"]\n");
			assertThat(result.outcome()).as(result.toString()).isEqualTo(StepRun.Result.Outcome.DONE);
			assertThat(result.logSlice()).contains("required server 1").contains("the server");
			String keyManagerLog = Files.readString(keyManager.resolve("repository/logs/wso2carbon.log"));
			String serverLog = Files.readString(home.resolve("repository/logs/wso2carbon.log"));
			assertThat(keyManagerLog).contains("Shutdown hook triggered");
			assertThat(serverLog).contains("Shutdown hook triggered");
			assertGone(keyManager);
			assertGone(home);
		}
	}

	@Test
	void aRequiredServerThatNeverGetsReadyFailsTheStepBeforeTheServerStarts() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			Path keyManager = fixture.carbonHome("km", "early-exit");
			Path home = fixture.carbonHome("is", "ok");
			StepRun.Result result = run(fixture, home, "    requires:\n      - home: " + keyManager + "\n"
					+ "        start: sh bin/wso2server.sh\n        ready: [\"WSO2 Carbon started in\"]\n");
			assertThat(result.rule()).isEqualTo(UpgradeRule.SERVER_EXITED_EARLY);
			assertThat(result.detail()).contains("required server 1");
			assertThat(home.resolve("repository/logs/wso2carbon.log")).doesNotExist();
		}
	}

	@Test
	void theTreeDiesWithItsOwnerProcessAlsoWhenThatIsKilled() throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(ProcessTree.sessions(), "needs setsid (util-linux)");
		Process owner = new ProcessBuilder("sleep", "2").start();
		Path output = this.dir.resolve("out");
		ProcessTree tree = ProcessTree.start(List.of("sh", "-c", "sleep 600 & echo $! > child.pid; sleep 600"),
				this.dir, java.util.Map.of(), output, line -> line, owner.pid());
		try {
			ProcessTree.sleep(500);
			assertThat(tree.members()).hasSizeGreaterThanOrEqualTo(2);
			owner.waitFor();
			assertThat(tree.awaitGone(Duration.ofSeconds(10))).as("members " + tree.members()).isTrue();
			assertThat(UpgradeFixture.alive(UpgradeFixture.pidIn(this.dir.resolve("child.pid")))).isFalse();
		}
		finally {
			tree.end(Duration.ofSeconds(1));
		}
	}

}

package io.obmigrate.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.obmigrate.support.ChildRun;
import io.obmigrate.support.TestDatabase;

/**
 * The upgrade job in a JVM of its own, signalled while a (stand-in) server migrates: SIGKILL leaves no server behind
 * (its session dies with obmigrate) and `restart upgrade` runs the step again to the end; SIGTERM stops the server,
 * ends the run STOPPED with exit 3, and `restart upgrade` finishes it. The small version of the upgrade crash trials.
 */
class UpgradeCrashTest {

	@TempDir
	Path dir;

	private Process start(TestDatabase db, Path home, Path plan, Path vars) throws Exception {
		Files.createDirectories(home);
		db.with("obmigrate.jobrepo.url", "jdbc:h2:file:" + home.resolve("jobrepo") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
		return ChildRun.start(db, home, "run", "upgrade", "--plan", plan.toString(), "--vars", vars.toString());
	}

	private Path plan(Path is) throws Exception {
		Path plan = this.dir.resolve("plan.yaml");
		Files.writeString(plan, """
				plan: crash
				steps:
				  - id: is-migrate
				    kind: server-run
				    home: ${IS_HOME}
				    start: sh bin/wso2server.sh -Dmigrate -Dcomponent=identity
				    log: repository/logs/wso2carbon.log
				    env: {STANDIN_DELAY: "1"}
				    success: ["Execution was done through all the requested version list", "WSO2 Carbon started in"]
				    failure: ["Migration process was stopped"]
				    stop-grace: 5s
				  - id: after
				    kind: command
				    run: sh -c 'echo after >> after.out'
				""");
		return plan;
	}

	private static void awaitLine(Path log, String text) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		while (!(Files.exists(log) && Files.readString(log).contains(text))) {
			assertThat(System.nanoTime()).as("'" + text + "' in " + log).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static void awaitDead(long pid) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (ProcessTree.isLive(pid)) {
			assertThat(System.nanoTime()).as("process " + pid + " still alive").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	@Test
	void sigkillLeavesNoServerAndRestartFinishesSigtermStopsAndRestartFinishes() throws Exception {
		Assumptions.assumeTrue(ProcessTree.sessions(), "needs setsid (util-linux)");
		try (TestDatabase db = TestDatabase.mariadb()) {
			for (boolean kill : new boolean[] { true, false }) {
				Path case_ = this.dir.resolve(kill ? "kill" : "term");
				Path is;
				try (UpgradeFixture fixture = new UpgradeFixture(Files.createDirectories(case_))) {
					is = fixture.carbonHome("is", "ok");
				}
				Path plan = plan(is);
				Path vars = case_.resolve("vars.yaml");
				Files.writeString(vars, "IS_HOME: " + is + "\n");
				Path home = case_.resolve("home");
				Process child = start(db, home, plan, vars);
				Path log = is.resolve("repository/logs/wso2carbon.log");
				awaitLine(log, "Executing Migration client");
				long server = UpgradeFixture.pidIn(is.resolve("wso2carbon.pid"));
				if (kill) {
					child.destroyForcibly();
					assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
					awaitDead(server); // killed by its session's watcher, obmigrate being gone
				}
				else {
					child.destroy();
					assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
					String out = Files.readString(home.resolve("child.log"));
					assertThat(child.exitValue()).as(out).isEqualTo(3);
					assertThat(out).contains("stopped by request");
					assertThat(Files.readString(log)).contains("Shutdown hook triggered");
					awaitDead(server);
				}
				TestDatabase.Result restarted = db.run(home, "restart", "upgrade");
				assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
				assertThat(restarted.out()).contains("2 steps: 2 done");
				assertThat(Files.readString(log).lines().filter(line -> line.contains("Starting WSO2 Carbon")).count())
					.as("the server step ran again").isEqualTo(2);
				assertThat(Files.readAllLines(this.dir.resolve("after.out"))).hasSize(kill ? 1 : 2);
				assertThat(is.resolve("wso2carbon.pid")).as("the server stopped with SIGTERM removes it").doesNotExist();
			}
		}
	}

}

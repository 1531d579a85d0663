package io.obmigrate.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.obmigrate.core.ConfigurationProblem;

/** command and file steps, and the plan file's own checks. */
class CommandAndFileStepTest {

	@TempDir
	Path dir;

	private StepRun.Result command(UpgradeFixture fixture, String step) throws Exception {
		UpgradePlan plan = fixture.plan("plan: t\nsteps:\n  - id: c\n    kind: command\n" + step,
				"KEYSTORE_PASSWORD: wso2carbon-secret\n");
		return fixture.commandRun().run(fixture.run(plan, "c", 1));
	}

	@Test
	void exitCodeZeroIsNotEnoughWhenADeclaredOutputIsMissing() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			StepRun.Result result = command(fixture, "    run: sh -c 'echo Complete!'\n    outputs: [merged/consentmgr]\n");
			assertThat(result.rule()).isEqualTo(UpgradeRule.COMMAND_OUTPUT_MISSING);
			assertThat(result.detail()).contains("exit code 0").contains("merged/consentmgr");
		}
	}

	@Test
	void anUnexpectedExitCodeOrAFailurePhraseFails() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			StepRun.Result exit = command(fixture, "    run: sh -c 'exit 2'\n");
			assertThat(exit.rule()).isEqualTo(UpgradeRule.COMMAND_FAILED);
			assertThat(exit.detail()).contains("exit code 2 (expected 0)");
			StepRun.Result allowed = command(fixture, "    run: sh -c 'exit 2'\n    expect-exit: [0, 2]\n");
			assertThat(allowed.outcome()).isEqualTo(StepRun.Result.Outcome.DONE);
			StepRun.Result phrase = command(fixture,
					"    run: sh -c 'echo ERROR:specified product path is not a valid carbon product path'\n"
							+ "    failure: ['^ERROR:']\n");
			assertThat(phrase.rule()).isEqualTo(UpgradeRule.COMMAND_FAILED);
			assertThat(phrase.detail()).contains("not a valid carbon product path");
		}
	}

	@Test
	void aCommandPastItsTimeoutIsStoppedWithEveryProcessItStarted() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			StepRun.Result result = command(fixture,
					"    run: sh -c 'sleep 600 & echo $! > child.pid; sleep 600'\n    timeout: 2s\n");
			assertThat(result.rule()).isEqualTo(UpgradeRule.COMMAND_FAILED);
			assertThat(result.detail()).contains("timeout");
			assertThat(UpgradeFixture.alive(UpgradeFixture.pidIn(this.dir.resolve("child.pid")))).isFalse();
		}
	}

	@Test
	void secretsAreMaskedInTheOutputFileTheSliceAndTheDescription() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			StepRun.Result result = command(fixture,
					"    run: sh -c 'echo storepass is $STOREPASS'\n    env: {STOREPASS: \"${KEYSTORE_PASSWORD}\"}\n");
			assertThat(result.outcome()).isEqualTo(StepRun.Result.Outcome.DONE);
			assertThat(result.logSlice()).contains("storepass is ****").doesNotContain("wso2carbon-secret");
			try (var files = Files.list(this.dir.resolve("work"))) {
				for (Path file : files.toList()) {
					assertThat(Files.readString(file)).doesNotContain("wso2carbon-secret");
				}
			}
		}
	}

	@Test
	void tomlSetKeepsThePreviousContentAndIsIdempotent() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			Path toml = this.dir.resolve("deployment.toml");
			Files.writeString(toml, "[server]\nhostname = \"localhost\"\n\n[oauth]\n# scopes\nallowed_scopes = [\n"
					+ "  \"openid\",\n]\ntoken_renewal = true\n\n[indexing]\nre_indexing = 1\n");
			UpgradePlan plan = fixture.plan("plan: t\nsteps:\n  - id: scopes\n    kind: file\n    action: toml-set\n"
					+ "    path: deployment.toml\n    table: oauth\n    key: allowed_scopes\n"
					+ "    value: [\"consent.*\", \"OB_.*\"]\n  - id: reindex\n    kind: file\n    action: toml-set\n"
					+ "    path: deployment.toml\n    table: indexing\n    key: re_indexing\n    value: 2\n", null);
			StepRun.Result first = new FileChange().run(fixture.run(plan, "scopes", 1));
			assertThat(first.outcome()).isEqualTo(StepRun.Result.Outcome.DONE);
			new FileChange().run(fixture.run(plan, "reindex", 1));
			assertThat(Files.readString(toml)).isEqualTo("[server]\nhostname = \"localhost\"\n\n[oauth]\n# scopes\n"
					+ "allowed_scopes = [\"consent.*\", \"OB_.*\"]\ntoken_renewal = true\n\n[indexing]\nre_indexing = 2\n");
			assertThat(Files.readString(this.dir.resolve("deployment.toml.before-scopes"))).contains("\"openid\"");
			StepRun.Result again = new FileChange().run(fixture.run(plan, "scopes", 2));
			assertThat(again.detail()).contains("unchanged");
		}
	}

	@Test
	void removeMovesTheFileAsideInsteadOfDeletingIt() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			Path dropins = Files.createDirectories(this.dir.resolve("dropins"));
			Files.writeString(dropins.resolve("org.wso2.carbon.is.migration-1.0.147.jar"), "jar");
			UpgradePlan plan = fixture.plan("plan: t\nsteps:\n  - id: rm\n    kind: file\n    action: remove\n"
					+ "    path: dropins/org.wso2.carbon.is.migration-*.jar\n", null);
			new FileChange().run(fixture.run(plan, "rm", 1));
			assertThat(dropins.resolve("org.wso2.carbon.is.migration-1.0.147.jar")).doesNotExist();
			assertThat(dropins.resolve("org.wso2.carbon.is.migration-1.0.147.jar.before-rm")).hasContent("jar");
		}
	}

	@Test
	void planMistakesAreOneParagraphWithTheLine() throws Exception {
		try (UpgradeFixture fixture = new UpgradeFixture(this.dir)) {
			assertThatThrownBy(() -> fixture.plan("plan: t\nsteps:\n  - id: a\n    kind: command\n    rnu: x\n", null))
				.isInstanceOf(ConfigurationProblem.class)
				.hasMessageContaining("line 5")
				.hasMessageContaining("did you mean 'run'");
			assertThatThrownBy(() -> fixture.plan("plan: t\nsteps:\n  - id: a\n    kind: manual\n    instructions: x\n"
					+ "  - id: a\n    kind: manual\n    instructions: y\n", null))
				.hasMessageContaining("step id 'a' twice");
			assertThatThrownBy(() -> fixture.plan("plan: t\nsteps:\n  - id: a\n    kind: sql-script\n"
					+ "    datasource: ob\n    file: ${SCRIPTS}/x.sql\n", "OTHER: 1\n"))
				.hasMessageContaining("SCRIPTS")
				.hasMessageContaining("does not give");
			assertThatThrownBy(() -> fixture.plan("plan: t\nsteps:\n  - id: a\n    kind: server-run\n    home: h\n"
					+ "    start: s\n    success: ['(unclosed']\n", null))
				.hasMessageContaining("does not compile");
			assertThatThrownBy(() -> fixture.plan("plan: t\nsteps:\n\t- id: a\n", null))
				.hasMessageContaining("not valid YAML");
		}
	}

}

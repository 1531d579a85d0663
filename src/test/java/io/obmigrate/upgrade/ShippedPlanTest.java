package io.obmigrate.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.obmigrate.core.Dialect;
import io.obmigrate.support.TestDatabase;

/** The plan obmigrate ships reads with its example variables, in the guide's order, and `plan` shows all of it. */
class ShippedPlanTest {

	private static final Path PLAN = Path.of("jobs/uk-2.0.0-to-3.0.0.yaml");

	private static final Path VARS = Path.of("jobs/uk-2.0.0-to-3.0.0.vars.example.yaml");

	@TempDir
	Path home;

	@Test
	void theShippedPlanReadsWithTheExampleVariablesPhaseByPhase() {
		UpgradePlan plan = UpgradePlan.load(PLAN, VARS, name -> null);
		assertThat(plan.name()).isEqualTo("uk-2.0.0-to-3.0.0");
		List<String> phases = plan.steps().stream().map(UpgradePlan.Step::phase).distinct().toList();
		assertThat(phases).hasSize(8);
		for (int i = 0; i < phases.size(); i++) {
			assertThat(phases.get(i)).as("phases in order").startsWith("Phase " + i + ":");
		}
		assertThat(plan.steps()).allSatisfy(step -> assertThat(step.phase()).isNotNull());
		assertThat(plan.steps().stream().map(step -> step.kind()).distinct())
			.containsExactlyInAnyOrder(StepKind.values());
		// every step that changes a base product's schema or runs its migration client has a guard or is re-runnable
		assertThat(plan.step("p2-is-migrate").guard().skipIf()).hasSize(3);
		assertThat(plan.step("p2-is-migrate").guard().refuseIf()).hasSize(1);
		assertThat(plan.step("p4-am-migrate").list("failure")).isNotEmpty();
	}

	@Test
	void theShippedScriptsSplitInTheirDialects() throws Exception {
		for (Dialect dialect : List.of(Dialect.MYSQL, Dialect.POSTGRESQL, Dialect.MSSQL, Dialect.ORACLE)) {
			Path script = Path.of("jobs/uk-2.0.0-to-3.0.0", dialect.folder(), "widen-identity-columns.sql");
			assertThat(SqlScriptSplitter.split(Files.readString(script), dialect)).as(script.toString())
				.hasSize(dialect == Dialect.ORACLE ? 1 : 2);
		}
		try (Stream<Path> folders = Files.list(Path.of("jobs/uk-2.0.0-to-3.0.0"))) {
			assertThat(folders.filter(Files::isDirectory).map(path -> path.getFileName().toString()))
				.containsExactlyInAnyOrder("mysql", "postgresql", "mssql", "oracle");
		}
	}

	@Test
	void planShowsEveryStepWithItsKindAndStateAndExitsZero() {
		try (TestDatabase db = TestDatabase.h2()) {
			TestDatabase.Result result = db.run(this.home, "plan", "--plan", PLAN.toString(), "--vars", VARS.toString());
			assertThat(result.exitCode()).as(result.toString()).isZero();
			UpgradePlan plan = UpgradePlan.load(PLAN, VARS, name -> null);
			assertThat(result.out()).contains(plan.steps().size() + " steps: " + plan.steps().size() + " pending");
			for (UpgradePlan.Step step : plan.steps()) {
				assertThat(result.out()).contains(step.id()).contains(step.phase());
			}
		}
	}

}

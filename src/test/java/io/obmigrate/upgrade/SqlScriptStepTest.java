package io.obmigrate.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.DataSourceSettings;

/**
 * sql-script on H2: a statement running when obmigrate died is in doubt and never silently run twice or skipped; an
 * applied statement that changed in the file is refused.
 */
class SqlScriptStepTest {

	@TempDir
	Path dir;

	private UpgradeFixture fixture() {
		DataSourceSettings db = new DataSourceSettings();
		db.setUrl("jdbc:h2:mem:script-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		db.setUsername("sa");
		db.setPassword("");
		return new UpgradeFixture(this.dir, Map.of("am", db));
	}

	@Test
	void aStatementRunningWhenObmigrateDiedIsInDoubtUntilTheOperatorSaysWhatHappened() throws Exception {
		try (UpgradeFixture fixture = fixture()) {
			Files.writeString(this.dir.resolve("am.sql"),
					"CREATE TABLE T (ID INT);\nINSERT INTO T VALUES (1);\nINSERT INTO T VALUES (2);\n");
			UpgradePlan plan = fixture.plan("plan: t\nsteps:\n  - id: s\n    kind: sql-script\n    datasource: am\n"
					+ "    file: am.sql\n", null);
			SqlScriptRun script = new SqlScriptRun(fixture.dataSources);
			JdbcTemplate jdbc = new JdbcTemplate(fixture.dataSources.named("am"));
			// what a kill -9 between applying statement 2 and recording it leaves: statement 1 recorded, 2 applying
			jdbc.execute("CREATE TABLE T (ID INT)");
			jdbc.execute("INSERT INTO T VALUES (1)");
			var statements = SqlScriptSplitter.split(Files.readString(this.dir.resolve("am.sql")), io.obmigrate.core.Dialect.H2);
			fixture.journal.record("t", "s", 1L, UpgradeJournal.Event.STATEMENT, 1, null, statements.get(0).checksum(),
					"ok", null, null);
			fixture.journal.record("t", "s", 1L, UpgradeJournal.Event.APPLYING, 2, null, statements.get(1).checksum(),
					"line 2: INSERT INTO T VALUES (1)", null, null);

			StepRun.Result doubt = script.run(fixture.run(plan, "s", 2));
			assertThat(doubt.rule()).isEqualTo(UpgradeRule.STATEMENT_IN_DOUBT);
			assertThat(doubt.detail()).contains("confirm s --statement 2 --applied");
			fixture.journal.record("t", "s", 2L, UpgradeJournal.Event.FAILED, null, doubt.rule().slug(), null,
					doubt.detail(), null, null);
			assertThat(script.run(fixture.run(plan, "s", 3)).rule()).as("the step's own failure settles nothing")
				.isEqualTo(UpgradeRule.STATEMENT_IN_DOUBT);

			fixture.journal.record("t", "s", null, UpgradeJournal.Event.STATEMENT, 2, null, statements.get(1).checksum(),
					"applied, as the operator found", null, "dba");
			StepRun.Result resumed = script.run(fixture.run(plan, "s", 3));
			assertThat(resumed.outcome()).as(resumed.toString()).isEqualTo(StepRun.Result.Outcome.DONE);
			assertThat(resumed.detail()).contains("1 now").contains("2 by an earlier attempt");
			assertThat(jdbc.queryForList("SELECT ID FROM T ORDER BY ID", Integer.class)).containsExactly(1, 2);
		}
	}

	@Test
	void anAppliedStatementThatReadsDifferentlyNowIsRefused() throws Exception {
		try (UpgradeFixture fixture = fixture()) {
			Path file = this.dir.resolve("am.sql");
			Files.writeString(file, "CREATE TABLE T (ID INT);\nINSERT INTO MISSING VALUES (1);\n");
			UpgradePlan plan = fixture.plan("plan: t\nsteps:\n  - id: s\n    kind: sql-script\n    datasource: am\n"
					+ "    file: am.sql\n", null);
			SqlScriptRun script = new SqlScriptRun(fixture.dataSources);
			StepRun.Result failed = script.run(fixture.run(plan, "s", 1));
			assertThat(failed.rule()).isEqualTo(UpgradeRule.STATEMENT_FAILED);
			assertThat(failed.detail()).contains("statement 2 of 2 (line 2");
			fixture.journal.record("t", "s", 1L, UpgradeJournal.Event.FAILED, null, failed.rule().slug(), null,
					failed.detail(), null, null);
			Files.writeString(file, "CREATE TABLE T2 (ID INT);\nINSERT INTO T VALUES (1);\n");
			StepRun.Result changed = script.run(fixture.run(plan, "s", 2));
			assertThat(changed.rule()).isEqualTo(UpgradeRule.SCRIPT_CHANGED);
			Files.writeString(file, "CREATE TABLE T (ID INT);\nINSERT INTO T VALUES (1);\n");
			StepRun.Result fixed = script.run(fixture.run(plan, "s", 3));
			assertThat(fixed.outcome()).as(fixed.toString()).isEqualTo(StepRun.Result.Outcome.DONE);
		}
	}

}

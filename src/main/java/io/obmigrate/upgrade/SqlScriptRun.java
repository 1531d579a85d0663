package io.obmigrate.upgrade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.ObmigrateDataSources;

/**
 * {@code sql-script}: runs a vendor SQL file against one of obmigrate's data sources, one statement at a time with
 * auto-commit (DDL commits anyway on MySQL and Oracle), each applied statement journalled with its checksum. A restart
 * resumes at the statement that failed and never runs an applied one again; statements that only set up the session
 * ({@code SET ...}, {@code ALTER SESSION}, {@code USE}) are replayed first, since the new connection lost them.
 */
final class SqlScriptRun implements StepRun.Action {

	private final ObmigrateDataSources dataSources;

	SqlScriptRun(ObmigrateDataSources dataSources) {
		this.dataSources = dataSources;
	}

	@Override
	public StepRun.Result run(StepRun run) throws IOException {
		UpgradePlan.Step step = run.step();
		Path file = run.resolve(step.text("file"));
		if (!Files.isRegularFile(file)) {
			return StepRun.Result.failed(UpgradeRule.STATEMENT_FAILED, "the script " + file + " does not exist", null);
		}
		String name = step.text("datasource");
		String target = this.dataSources.describeNamed(name);
		Dialect dialect = this.dataSources.namedDialect(name);
		List<SqlScriptSplitter.Statement> statements = SqlScriptSplitter
			.split(Files.readString(file, StandardCharsets.UTF_8), dialect);
		String checksum = "sha256 " + Checksums.ofFile(file) + " of " + file;
		Map<Integer, String> applied = run.journal().appliedStatements(run.plan().name(), step.id());
		for (Map.Entry<Integer, String> done : applied.entrySet()) {
			int number = done.getKey();
			if (number > statements.size() || !statements.get(number - 1).checksum().equals(done.getValue())) {
				return new StepRun.Result(StepRun.Result.Outcome.FAILED, UpgradeRule.SCRIPT_CHANGED, "statement "
						+ number + " was applied by an earlier attempt and "
						+ (number > statements.size() ? "is no longer in " : "reads differently in ") + file
						+ " now", null, checksum);
			}
		}
		UpgradeJournal.Entry doubt = run.journal().statementInDoubt(run.plan().name(), step.id());
		if (doubt != null) {
			return new StepRun.Result(StepRun.Result.Outcome.FAILED, UpgradeRule.STATEMENT_IN_DOUBT, "statement "
					+ doubt.item() + " (" + doubt.detail() + ") was running when obmigrate's process ended at "
					+ doubt.recordedAt() + "; whether the database applied it is unknown. Look at the database, then"
					+ " record what you found: `obmigrate confirm " + step.id() + " --statement " + doubt.item()
					+ " --applied` (the restart goes on after it) or `--not-applied` (the restart runs it)", null,
					checksum);
		}
		int ranNow = 0;
		try (Connection connection = this.dataSources.named(name).getConnection()) {
			connection.setAutoCommit(true);
			try (Statement jdbc = connection.createStatement()) {
				if (!applied.isEmpty()) {
					for (SqlScriptSplitter.Statement statement : statements) {
						if (applied.containsKey(statement.number()) && statement.sessionSetting()) {
							jdbc.execute(statement.text()); // the session the script set up before the interruption
						}
					}
					run.progress().accept("resuming " + file.getFileName() + " after " + applied.size() + " applied"
							+ " statement(s) of " + statements.size());
				}
				for (SqlScriptSplitter.Statement statement : statements) {
					if (applied.containsKey(statement.number())) {
						continue;
					}
					if (run.stopRequested().getAsBoolean()) {
						return new StepRun.Result(StepRun.Result.Outcome.STOPPED, null, "stopped by request after "
								+ (statement.number() - 1) + " of " + statements.size() + " statements", null,
								checksum);
					}
					long started = System.nanoTime();
					run.journal().record(run.plan().name(), step.id(), run.executionId(), UpgradeJournal.Event.APPLYING,
							statement.number(), null, statement.checksum(),
							run.mask("line " + statement.line() + ": " + statement.preview()), null, null);
					try {
						boolean resultSet = jdbc.execute(statement.text());
						int count = resultSet ? -1 : jdbc.getUpdateCount();
						run.journal().record(run.plan().name(), step.id(), run.executionId(),
								UpgradeJournal.Event.STATEMENT, statement.number(), null, statement.checksum(),
								run.mask("line " + statement.line() + ", " + ServerRun.seconds(System.nanoTime()
										- started) + (count >= 0 ? ", " + count + " row(s)" : "") + ": "
										+ statement.preview()), null, null);
						ranNow++;
					}
					catch (SQLException ex) {
						// a statement that failed was not applied (each one is its own transaction)
						run.journal().record(run.plan().name(), step.id(), run.executionId(),
								UpgradeJournal.Event.NOT_APPLIED, statement.number(), null, statement.checksum(),
								run.mask("failed: " + ex.getMessage()), null, null);
						return new StepRun.Result(StepRun.Result.Outcome.FAILED, UpgradeRule.STATEMENT_FAILED,
								run.mask("statement " + statement.number() + " of " + statements.size() + " (line "
										+ statement.line() + " of " + file.getFileName() + ") failed on " + target
										+ ": " + ex.getMessage() + " (SQL state " + ex.getSQLState() + "). The "
										+ (statement.number() - 1) + " statement(s) before it are applied; a restart"
										+ " resumes at this one. Statement: " + statement.preview()),
								null, checksum);
					}
				}
			}
		}
		catch (SQLException ex) {
			return new StepRun.Result(StepRun.Result.Outcome.FAILED, UpgradeRule.STATEMENT_FAILED,
					"cannot connect to " + target + ": " + ex.getMessage(), null, checksum);
		}
		return StepRun.Result.done(statements.size() + " statement(s) of " + file.getFileName() + " applied on " + target
				+ " (" + ranNow + " now" + (applied.isEmpty() ? "" : ", " + applied.size() + " by an earlier attempt")
				+ ")", null, checksum);
	}

}

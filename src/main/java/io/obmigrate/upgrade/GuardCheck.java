package io.obmigrate.upgrade;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.TableInspector;

/**
 * Evaluates a step's guard before it runs, through JDBC metadata (tables and columns in the connection's own schema,
 * whatever the database folds names to) and one {@code SELECT} for a row condition.
 */
final class GuardCheck {

	/** The verdict: run, skip (all skip-if markers hold), half-applied (some do), or refused (a refuse-if holds). */
	enum Verdict {
		RUN, SKIP, HALF_APPLIED, REFUSE
	}

	record Result(Verdict verdict, String report) {
	}

	private final ObmigrateDataSources dataSources;

	GuardCheck(ObmigrateDataSources dataSources) {
		this.dataSources = dataSources;
	}

	Result evaluate(StepRun run) {
		UpgradePlan.Guard guard = run.step().guard();
		if (guard.skipIf().isEmpty() && guard.refuseIf().isEmpty()) {
			return new Result(Verdict.RUN, "");
		}
		List<String> lines = new ArrayList<>();
		String refusedBy = null;
		for (UpgradePlan.Condition condition : guard.refuseIf()) {
			boolean holds = holds(run, condition);
			lines.add("refuse-if " + condition.describe() + ": " + (holds ? "yes" : "no"));
			if (holds && refusedBy == null) {
				refusedBy = condition.describe();
			}
		}
		int holding = 0;
		List<String> missing = new ArrayList<>();
		for (UpgradePlan.Condition condition : guard.skipIf()) {
			boolean holds = holds(run, condition);
			lines.add("skip-if " + condition.describe() + ": " + (holds ? "yes" : "no"));
			if (holds) {
				holding++;
			}
			else {
				missing.add(condition.describe());
			}
		}
		String report = String.join("; ", lines);
		if (refusedBy != null) {
			return new Result(Verdict.REFUSE, report);
		}
		if (!guard.skipIf().isEmpty() && holding == guard.skipIf().size()) {
			return new Result(Verdict.SKIP, report);
		}
		if (holding > 0) {
			return new Result(Verdict.HALF_APPLIED, report + " (not yet: " + String.join(", ", missing) + ")");
		}
		return new Result(Verdict.RUN, report);
	}

	/**
	 * Whether the table has a constraint of that name: some databases (H2) give the index behind a unique constraint a
	 * name of their own, so the index list alone does not show it.
	 */
	private static boolean constraintExists(Connection connection, Dialect dialect, String table, String name) {
		String query = dialect.folder().equals("oracle")
				? "SELECT 1 FROM USER_CONSTRAINTS WHERE UPPER(TABLE_NAME) = UPPER(?) AND UPPER(CONSTRAINT_NAME) = UPPER(?)"
				: "SELECT 1 FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE UPPER(TABLE_NAME) = UPPER(?)"
						+ " AND UPPER(CONSTRAINT_NAME) = UPPER(?)";
		try (java.sql.PreparedStatement statement = connection.prepareStatement(query)) {
			statement.setString(1, table);
			statement.setString(2, name);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next();
			}
		}
		catch (SQLException ex) {
			return false; // no such catalogue view: the index list decided
		}
	}

	private boolean holds(StepRun run, UpgradePlan.Condition condition) {
		if (condition.test().equals("file-exists")) {
			try {
				return !Checksums.matching(run.resolve(condition.subject())).isEmpty();
			}
			catch (IOException ex) {
				return false;
			}
		}
		Dialect dialect = this.dataSources.namedDialect(condition.datasource());
		try (Connection connection = this.dataSources.named(condition.datasource()).getConnection()) {
			switch (condition.test()) {
				case "table-exists" -> {
					return TableInspector.tableExists(connection, dialect, condition.subject());
				}
				case "column-exists" -> {
					int dot = condition.subject().lastIndexOf('.');
					return TableInspector.columns(connection, dialect, condition.subject().substring(0, dot))
						.containsKey(condition.subject().substring(dot + 1).toUpperCase(Locale.ROOT));
				}
				case "index-exists" -> {
					int dot = condition.subject().lastIndexOf('.');
					String table = condition.subject().substring(0, dot);
					String name = condition.subject().substring(dot + 1);
					return TableInspector.indexes(connection, dialect, table)
						.stream()
						.anyMatch(index -> index.equalsIgnoreCase(name)) || constraintExists(connection, dialect, table, name);
				}
				default -> {
					if (!TableInspector.tableExists(connection, dialect, condition.subject())) {
						return false;
					}
					try (Statement statement = connection.createStatement()) {
						statement.setMaxRows(1);
						try (ResultSet rows = statement.executeQuery("SELECT 1 FROM " + condition.subject()
								+ (condition.where() != null ? " WHERE " + condition.where() : ""))) {
							return rows.next();
						}
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The guard condition '" + condition.describe() + "' of step "
					+ run.step().id() + " could not be evaluated on " + this.dataSources
						.describeNamed(condition.datasource())
					+ ": " + ex.getMessage() + ". Correct the condition in the plan (or the database's"
					+ " settings), then `restart upgrade`.", ex);
		}
	}

}

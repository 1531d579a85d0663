package io.obmigrate.core;

import java.io.Console;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one confirmation rule of every command that destroys data (reporting-cleanup today; rollback and rehearsal
 * resets share it). On a staging copy, a JDBC URL matching one of {@code obmigrate.rehearsal.allowed-targets}, the
 * command's own confirmation ({@code --confirm}) is enough. On any other database, which may be production, it also
 * takes {@code --confirm-production} and the database's name typed back at a prompt (or given with
 * {@code --database-name NAME} where there is no terminal), so a copied command line or a wrong configuration file
 * cannot destroy the wrong database.
 */
public final class DestructiveConfirmation {

	private final ObmigrateDataSources dataSources;

	private final List<Pattern> stagingTargets;

	public DestructiveConfirmation(ObmigrateDataSources dataSources, List<String> allowedTargets) {
		this.dataSources = dataSources;
		this.stagingTargets = allowedTargets.stream().map(Pattern::compile).toList();
	}

	/** Whether the database of {@code name} is a staging copy by the configured patterns. */
	public boolean isStaging(ObmigrateDataSources.Name name) {
		String url = this.dataSources.settings(name).getUrl();
		return url != null && this.stagingTargets.stream().anyMatch(p -> p.matcher(url).matches());
	}

	/**
	 * Passes, or throws a usage error that says what is missing.
	 *
	 * @param command the command, for the message ({@code reporting-cleanup})
	 * @param confirmProduction {@code --confirm-production} was given
	 * @param databaseName {@code --database-name}, or null to prompt on the terminal
	 */
	public void require(String command, ObmigrateDataSources.Name name, boolean confirmProduction, String databaseName) {
		if (isStaging(name)) {
			return;
		}
		String url = SecretMasking.maskUrl(this.dataSources.settings(name).getUrl());
		String actual = databaseName(name);
		if (!confirmProduction) {
			throw new ConfigurationProblem(command + " destroys data in " + url + ", which is not a staging copy (it"
					+ " matches none of obmigrate.rehearsal.allowed-targets). If this is the database you mean, run it"
					+ " again with --confirm-production and type the database name (" + actual + ") when asked, or"
					+ " give it with --database-name. For a staging copy, add a pattern matching its URL to"
					+ " obmigrate.rehearsal.allowed-targets.");
		}
		String typed = databaseName;
		if (typed == null) {
			Console console = System.console();
			if (console == null) {
				throw new ConfigurationProblem(command + " on " + url + " needs the database name typed back, and"
						+ " there is no terminal to ask on: add --database-name " + actual + ".");
			}
			typed = console.readLine("%s destroys data in %s. Type the database name (%s) to go on: ", command, url,
					actual);
		}
		if (typed == null || !typed.strip().equals(actual)) {
			throw new ConfigurationProblem("The database name given (" + (typed == null ? "none" : typed.strip())
					+ ") is not the one " + command + " would change (" + actual + " at " + url + "). Nothing was"
					+ " done.");
		}
	}

	/** The name of the database (MySQL schema, PostgreSQL and SQL Server database, Oracle user) obmigrate is in. */
	public String databaseName(ObmigrateDataSources.Name name) {
		try (Connection connection = this.dataSources.connect(name)) {
			String catalog = connection.getCatalog();
			return catalog != null && !catalog.isBlank() ? catalog : connection.getSchema();
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(name, ex);
		}
	}

}

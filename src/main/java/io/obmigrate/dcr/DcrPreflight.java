package io.obmigrate.dcr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.JobPreflight;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateProperties;
import io.obmigrate.core.PreflightBlocker;
import io.obmigrate.core.TableInspector;

/**
 * Before the DCR job reads: {@code OB_DCR_DETAILS} in the OB database and the Identity Server tables in the identity
 * database have the columns the job addresses; the journal table exists (created unless this is a dry run); the
 * adaptive script file, when configured, is readable.
 */
public class DcrPreflight implements JobPreflight {

	public static final Set<String> SOURCE_COLUMNS = Set.of("ID", "TPP_NAME", "CLIENT_ID", "SOFTWARE_ID", "SOFTWARE_ENV",
			"STATUS", "REQUEST");

	private final ObmigrateDataSources dataSources;

	private final IdentitySchema identitySchema;

	private final ObmigrateProperties properties;

	public DcrPreflight(ObmigrateDataSources dataSources, IdentitySchema identitySchema,
			ObmigrateProperties properties) {
		this.dataSources = dataSources;
		this.identitySchema = identitySchema;
		this.properties = properties;
	}

	@Override
	public String jobName() {
		return DcrJobConfiguration.JOB_NAME;
	}

	@Override
	public void check(boolean createSchema) {
		check(createSchema, false);
	}

	@Override
	public void check(boolean createSchema, boolean dryRun) {
		adaptiveScript(this.properties.getDcr());
		checkSource();
		boolean scripts = this.properties.getDcr().getAdaptiveScriptFile() != null;
		List<String> problems = this.identitySchema.problems(scripts);
		if (!problems.isEmpty()) {
			throw new PreflightBlocker("The identity database " + this.dataSources.settings(ObmigrateDataSources.Name.IDENTITY)
					+ " does not have the Identity Server tables the DCR job changes: " + String.join("; ", problems)
					+ ". Point obmigrate.identity.url (OBMIGRATE_IDENTITY_URL) at openbank_apimgtdb after the Identity"
					+ " Server migration; sql/" + this.identitySchema.dialect().folder()
					+ "/is-service-providers.sql shows the expected shape.");
		}
		if (!dryRun) {
			ServiceProviderJournal.ensureTable(this.dataSources.get(ObmigrateDataSources.Name.IDENTITY),
					this.identitySchema.dialect());
		}
	}

	private void checkSource() {
		try (Connection connection = this.dataSources.connect(ObmigrateDataSources.Name.OB)) {
			Map<String, TableInspector.Column> columns = TableInspector.columns(connection,
					this.dataSources.dialect(ObmigrateDataSources.Name.OB), "OB_DCR_DETAILS");
			List<String> missing = SOURCE_COLUMNS.stream().filter(c -> !columns.containsKey(c)).sorted().toList();
			if (columns.isEmpty() || !missing.isEmpty()) {
				throw new PreflightBlocker("The OB database " + this.dataSources.settings(ObmigrateDataSources.Name.OB)
						+ (columns.isEmpty() ? " has no OB_DCR_DETAILS table"
								: " has OB_DCR_DETAILS without the columns " + missing)
						+ ". Point obmigrate.ob.url (OBMIGRATE_OB_URL) at the OB 2.0 openbank_openbankingdb database.");
			}
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(ObmigrateDataSources.Name.OB, ex);
		}
	}

	/** The replacement adaptive script, or null when replacement is off. */
	static String adaptiveScript(ObmigrateProperties.Dcr dcr) {
		if (dcr.getAdaptiveScriptFile() == null || dcr.getAdaptiveScriptFile().isBlank()) {
			return null;
		}
		Path file = Path.of(dcr.getAdaptiveScriptFile());
		try {
			return Files.readString(file);
		}
		catch (java.io.IOException ex) {
			throw new ConfigurationProblem("Cannot read obmigrate.dcr.adaptive-script-file " + file.toAbsolutePath()
					+ ": " + ex.getMessage() + ". Give the path of the spec's common-auth-script.js, or unset it to"
					+ " leave adaptive scripts alone.");
		}
	}

	@Override
	public List<String> warnings() {
		return List.of("the Identity Server must be stopped while the dcr job runs: it caches service providers and"
				+ " would overwrite or ignore these changes (atlas E.4 #7).");
	}

	@Override
	public List<String> plannedChangeRules() {
		return List.of(DcrWriter.PLANNED);
	}

	@Override
	public String describe() {
		ObmigrateProperties.Dcr dcr = this.properties.getDcr();
		return "statuses " + (dcr.getStatuses().isEmpty() ? "all" : dcr.getStatuses()) + ", tenant "
				+ dcr.getTenantId() + ", source " + this.dataSources.settings(ObmigrateDataSources.Name.OB)
				+ ", identity " + this.dataSources.settings(ObmigrateDataSources.Name.IDENTITY);
	}

}

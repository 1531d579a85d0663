package io.obmigrate.consent;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.JobPreflight;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateProperties;
import io.obmigrate.core.PreflightBlocker;
import io.obmigrate.core.TableInspector;

/**
 * Before the consent job reads anything: the OB 2.0 source tables have the columns the job reads (atlas D.7 rule 1,
 * checked by name from JDBC metadata), the OB 3.0 tables exist (or are created on request), and the target's existing
 * consents agree with the vocabulary profile (atlas D.2).
 */
public class ConsentPreflight implements JobPreflight {

	/** Source tables and the columns the reader addresses by name. */
	public static final Map<String, Set<String>> SOURCE_COLUMNS = sourceColumns();

	private final ObmigrateDataSources dataSources;

	private final ConsentTargetSchema targetSchema;

	private final ObmigrateProperties properties;

	public ConsentPreflight(ObmigrateDataSources dataSources, ConsentTargetSchema targetSchema,
			ObmigrateProperties properties) {
		this.dataSources = dataSources;
		this.targetSchema = targetSchema;
		this.properties = properties;
	}

	@Override
	public String jobName() {
		return ConsentJobConfiguration.JOB_NAME;
	}

	@Override
	public void check(boolean createSchema) {
		VocabularyProfile profile = VocabularyProfile.named(this.properties.getConsent().getProfile());
		checkSource();
		this.targetSchema.ensureTables(createSchema);
		this.targetSchema.probeVocabulary(profile);
	}

	private void checkSource() {
		Dialect dialect = this.dataSources.dialect(ObmigrateDataSources.Name.OB);
		List<String> problems = new ArrayList<>();
		try (Connection connection = this.dataSources.connect(ObmigrateDataSources.Name.OB)) {
			for (Map.Entry<String, Set<String>> table : SOURCE_COLUMNS.entrySet()) {
				Map<String, TableInspector.Column> columns = TableInspector.columns(connection, dialect, table.getKey());
				if (columns.isEmpty()) {
					problems.add(table.getKey() + " (table missing)");
					continue;
				}
				List<String> missing = table.getValue().stream().filter(c -> !columns.containsKey(c)).toList();
				if (!missing.isEmpty()) {
					problems.add(table.getKey() + " (columns missing: " + String.join(", ", missing) + ")");
				}
			}
		}
		catch (SQLException ex) {
			throw this.dataSources.connectionProblem(ObmigrateDataSources.Name.OB, ex);
		}
		if (!problems.isEmpty()) {
			throw new PreflightBlocker("The OB 2.0 source database " + this.dataSources.settings(ObmigrateDataSources.Name.OB)
					+ " does not have the shape obmigrate reads: " + String.join("; ", problems)
					+ ". Point obmigrate.ob.url (OBMIGRATE_OB_URL) at the OB 2.0 openbank_openbankingdb database;"
					+ " sql/" + dialect.folder() + "/ob2-source.sql shows the expected tables.");
		}
	}

	@Override
	public String describe() {
		return "source time zone " + this.properties.getSourceTimeZone() + ", profile "
				+ this.properties.getConsent().getProfile() + ", source "
				+ this.dataSources.settings(ObmigrateDataSources.Name.OB) + ", target "
				+ (this.dataSources.separateTarget()
						? this.dataSources.settings(ObmigrateDataSources.Name.OB_TARGET).toString() : "same database");
	}

	private static Map<String, Set<String>> sourceColumns() {
		Map<String, Set<String>> columns = new LinkedHashMap<>();
		Set<String> initiation = Set.of("ID", "REQUEST", "CREATED_TIMESTAMP", "STATUS", "CLIENT_ID",
				"STATUS_UPDATED_TIMESTAMP", "SPEC_VERSION");
		columns.put("UK_ACCOUNT_INITIATION", initiation);
		columns.put("UK_COF_INITIATION", initiation);
		columns.put("UK_TRANSACTION_INITIATION", Set.of("ID", "REQUEST", "TIMESTAMP", "STATUS", "CLIENT_ID",
				"IDEMPOTENT_KEY", "STATUS_UPDATED_TIMESTAMP", "SPEC_VERSION"));
		Set<String> binding = Set.of("USER_ID", "CONSENT_ID", "ACCOUNT_ID", "TIMESTAMP", "COLLECTION_METHOD");
		columns.put("UK_ACCOUNT_CONSENT_BINDING", binding);
		columns.put("UK_COF_CONSENT_BINDING", binding);
		columns.put("UK_TRANSACTION_CONSENT_BINDING",
				Set.of("USER_ID", "CONSENT_ID", "DEBTOR_ACCOUNT", "TIMESTAMP", "COLLECTION_METHOD"));
		columns.put("UK_CONSENT_REV", binding);
		Set<String> history = Set.of("CONSENT_ID", "REVOCATION_USER", "REVOCATION_REASON");
		columns.put("UK_ACCOUNT_CONSENT_REV_HISTORY", history);
		columns.put("UK_COF_CONSENT_REV_HISTORY", history);
		columns.put("UK_TRANSACTION_FILE", Set.of("CONSENT_ID", "PAYMENT_FILE", "IDEMPOTENT_KEY", "TIMESTAMP"));
		columns.put("OB_MULTI_AUTHORIZATION", Set.of("ID", "CONSENT_ID"));
		columns.put("OB_MULTI_AUTHORIZATION_USER", Set.of("ID", "USER_ID"));
		columns.put("OB_CONSENT_METADATA", Set.of("CONSENT_ID", "CONSENT_TYPE", "METADATA_KEY", "METADATA_VALUE"));
		return columns;
	}

}

package io.obmigrate.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.ObmigrateProperties;
import io.obmigrate.dcr.DcrOutcome;
import io.obmigrate.dcr.DcrRegistration;
import io.obmigrate.dcr.DcrRegistrationReader;
import io.obmigrate.dcr.DcrRules;
import io.obmigrate.dcr.DcrSource;
import io.obmigrate.dcr.IdentitySchema;
import io.obmigrate.dcr.PropertyEncoding;
import io.obmigrate.dcr.ServiceProvider;
import io.obmigrate.dcr.ServiceProviderChange;
import io.obmigrate.dcr.ServiceProviderMigration;

/**
 * The DCR side of {@code check} (atlas E.1, E.4): the Identity Server tables, the live size of
 * {@code SP_METADATA.VALUE} against the longest value the DCR job would write, registrations whose software ID or
 * issuer contains {@code _}, and the registrations the job would quarantine. It reads the registrations with the DCR
 * job's own reader and maps them with the job's own mapping, so its predictions are the job's.
 */
class DcrFindings {

	private final ObmigrateDataSources dataSources;

	private final ObmigrateProperties properties;

	private final IdentitySchema identitySchema;

	DcrFindings(ObmigrateDataSources dataSources, ObmigrateProperties properties) {
		this.dataSources = dataSources;
		this.properties = properties;
		this.identitySchema = new IdentitySchema(dataSources);
	}

	/** What the job would do with one registration, as far as {@code check} cares. */
	private record Prediction(DcrSource source, DcrOutcome outcome, String longestAttribute, int longestSize) {
	}

	void check(boolean sourceHasRegistry, List<Finding> findings) {
		Dialect dialect = this.identitySchema.dialect();
		ObmigrateProperties.Dcr dcr = this.properties.getDcr();
		List<String> problems = this.identitySchema.problems(dcr.getAdaptiveScriptFile() != null);
		if (!problems.isEmpty()) {
			findings.add(Finding.blocker("identity", "identity-tables", "Identity Server tables: "
					+ String.join("; ", problems) + " in " + this.dataSources.settings(Name.IDENTITY) + ".",
					"The DCR job changes service providers through these tables (atlas E.5).",
					"Point obmigrate.identity.url at openbank_apimgtdb after the Identity Server migration (sql/"
							+ dialect.folder() + "/is-service-providers.sql shows the shape)."));
			return;
		}
		findings.add(Finding.warn("identity", "identity-server-running",
				"The dcr job edits SP_APP, SP_METADATA and IDN_OAUTH_CONSUMER_APPS directly.",
				"A running Identity Server caches service providers and would overwrite or ignore the changes (E.4 #7).",
				"Stop the Identity Server before `obmigrate run dcr`; start it after the job completes."));
		IdentitySchema.Limits limits = this.identitySchema.limits();
		List<Prediction> predictions = sourceHasRegistry ? predict(dialect, limits) : List.of();

		valueSize(dialect, limits, predictions, findings);
		underscores(dialect, predictions, findings);
		quarantines(predictions, findings);
		statuses(findings);
	}

	private List<Prediction> predict(Dialect dialect, IdentitySchema.Limits limits) {
		ObmigrateProperties.Dcr dcr = this.properties.getDcr();
		DcrRules rules = new DcrRules(DcrRules.statusSet(dcr.getStatuses()), dcr.isRenameServiceProviders(),
				dcr.isFixGrantTypes(), Integer.MAX_VALUE, limits.valueInBytes(), limits.nameSize(), null);
		ServiceProviderMigration migration = new ServiceProviderMigration(rules);
		DcrRegistrationReader reader = new DcrRegistrationReader(new JdbcTemplate(this.dataSources.get(Name.OB)),
				this.dataSources.dialect(Name.OB), new JdbcTemplate(this.dataSources.get(Name.IDENTITY)), dialect,
				dcr.getTenantId(), false, new MigrationTally(), 200);
		reader.open(new ExecutionContext());
		List<Prediction> predictions = new ArrayList<>();
		try {
			for (DcrSource source = reader.read(); source != null; source = reader.read()) {
				DcrOutcome outcome = migration.map(source);
				String attribute = null;
				int size = 0;
				if (outcome instanceof DcrOutcome.Planned planned) {
					for (ServiceProviderChange.PropertyAddition addition : planned.change().additions()) {
						int length = rules.size(addition.value());
						if (length > size) {
							size = length;
							attribute = addition.name();
						}
					}
				}
				predictions.add(new Prediction(source, outcome, attribute, size));
			}
		}
		finally {
			reader.close();
		}
		return predictions;
	}

	private void valueSize(Dialect dialect, IdentitySchema.Limits limits, List<Prediction> predictions,
			List<Finding> findings) {
		int required = IdentitySchema.requiredValueSize(dialect);
		Prediction longest = predictions.stream()
			.filter(p -> p.longestAttribute() != null)
			.max(java.util.Comparator.comparingInt(Prediction::longestSize))
			.orElse(null);
		String unit = limits.valueInBytes() ? "bytes" : "characters";
		if (longest != null) {
			findings.add(Finding.info("dcr", "longest-sp-value", "Longest value the DCR job would write: "
					+ longest.longestSize() + " " + unit + " (" + longest.longestAttribute() + " of registration "
					+ longest.source().registration().id() + "); SP_METADATA.VALUE is " + limits.valueType() + "."));
		}
		List<String> overLive = new ArrayList<>();
		for (Prediction prediction : predictions) {
			if (prediction.longestSize() > limits.valueSize()) {
				overLive.add(describe(prediction) + " needs " + prediction.longestSize() + " (" + prediction.longestAttribute()
						+ ")");
			}
		}
		int needed = longest == null ? 0 : longest.longestSize();
		int widenTo = dialect == Dialect.ORACLE ? required : Math.max(required, roundUp(needed));
		boolean narrow = limits.valueSize() < required;
		if (!narrow && overLive.isEmpty()) {
			findings.add(Finding.info("identity", "sp-metadata-value-size", "SP_METADATA.VALUE is " + limits.valueType()
					+ ", at least the " + required + " the guide requires, and every value fits."));
			return;
		}
		boolean widenHelps = widenTo > limits.valueSize();
		String statement = IdentitySchema.widenValueStatement(dialect, widenTo);
		List<String> stillTooLong = new ArrayList<>();
		for (Prediction prediction : predictions) {
			if (prediction.longestSize() > widenTo) {
				stillTooLong.add(describe(prediction) + " needs " + prediction.longestSize());
			}
		}
		String found = "SP_METADATA.VALUE is " + limits.valueType() + (narrow ? "; the guide requires " + required : "")
				+ (overLive.isEmpty() ? "." : ". " + overLive.size() + " registration(s) would not fit:");
		String fix = (widenHelps ? "`obmigrate check --fix` runs: " + statement + "." : "")
				+ (stillTooLong.isEmpty() ? ""
						: (widenHelps ? " " : "") + stillTooLong.size() + " registration(s) exceed even that ("
								+ ConsentFindings.listed(stillTooLong) + ")"
								+ (dialect == Dialect.ORACLE ? ": they need MAX_STRING_SIZE=EXTENDED, or exclude them by status"
										+ " (they would be quarantined)."
										: ": widen the column further by hand, or accept that they are quarantined."));
		Finding finding = Finding.blocker("identity", "sp-metadata-value-size", found,
				"Software statements are JWTs of several KB; a value longer than the column fails the insert, and"
						+ " obmigrate never truncates one (atlas E.1 #1, E.4 #2).",
				fix).withItems(overLive).withStatements(widenHelps ? List.of(statement) : List.of());
		if (widenHelps) {
			finding = finding.withSafeFix(new Finding.SafeFix() {
				@Override
				public String describe() {
					return "widen SP_METADATA.VALUE: " + statement;
				}

				@Override
				public void apply() {
					new JdbcTemplate(DcrFindings.this.dataSources.get(Name.IDENTITY)).execute(statement);
				}
			});
		}
		findings.add(finding);
	}

	static int roundUp(int size) {
		return ((size + 1023) / 1024) * 1024;
	}

	private void underscores(Dialect dialect, List<Prediction> predictions, List<Finding> findings) {
		List<String> blocked = new ArrayList<>();
		List<String> statements = new ArrayList<>();
		List<String> ownerUnderscores = new ArrayList<>();
		for (Prediction prediction : predictions) {
			DcrRegistration registration = prediction.source().registration();
			if (prediction.source().serviceProviders().size() != 1 || prediction.outcome() instanceof DcrOutcome.Filtered) {
				continue; // not migrated: nothing of it is renamed
			}
			ServiceProvider sp = prediction.source().serviceProviders().get(0);
			if (!ServiceProviderMigration.isApiManagerName(sp.name())) {
				continue; // renamed already (by hand or by an earlier run)
			}
			String issuer = issuer(registration.request());
			String softwareId = registration.softwareId() == null ? "" : registration.softwareId();
			if (softwareId.contains("_") || (issuer != null && issuer.contains("_"))) {
				String rename = (softwareId.isBlank() ? sp.name() : softwareId).replace('_', '-');
				blocked.add("registration " + registration.id() + ": software ID " + softwareId
						+ (issuer != null && !issuer.equals(softwareId) ? ", issuer " + issuer : "") + ", SP "
						+ sp.name() + " -> rename to " + rename);
				statements.add("UPDATE SP_APP SET APP_NAME = " + literal(rename) + " WHERE ID = " + sp.id()
						+ " AND APP_NAME = " + literal(sp.name()));
				if (sp.oauthApp() != null) {
					statements.add("UPDATE IDN_OAUTH_CONSUMER_APPS SET APP_NAME = " + literal(rename) + " WHERE ID = "
							+ sp.oauthApp().id() + " AND CONSUMER_KEY = " + literal(sp.oauthApp().consumerKey()));
				}
			}
			else if (!ServiceProviderMigration.vendorRename(sp.name()).equals(softwareId)) {
				ownerUnderscores.add(sp.name() + " (software ID " + softwareId + ", WSO2's rule would give "
						+ ServiceProviderMigration.vendorRename(sp.name()) + ")");
			}
		}
		if (!blocked.isEmpty()) {
			findings.add(Finding.blocker("dcr", "underscore-in-software-id", blocked.size()
					+ " DCR application(s) with '_' in the software ID or issuer name:",
					"The upgrade guide requires renaming these service providers before the migration: the SP rename"
							+ " splits names on '_' (atlas E.1 #2, E.3 step 6).",
					"Rename each SP (and its OAuth app) as listed, in the management console or with the statements"
							+ " `obmigrate check --emit-sql FILE` writes; obmigrate never renames them itself.")
				.withItems(blocked)
				.withStatements(statements));
		}
		if (!ownerUnderscores.isEmpty()) {
			findings.add(Finding.warn("dcr", "underscore-in-sp-owner", ownerUnderscores.size()
					+ " SP name(s) whose owner part contains '_':",
					"WSO2's migrator would rename them to the wrong segment; obmigrate names them from SOFTWARE_ID"
							+ " (atlas E.4 #4).",
					"Nothing to do for obmigrate; do not run the vendor's SP migrator on these.")
				.withItems(ownerUnderscores));
		}
	}

	private void quarantines(List<Prediction> predictions, List<Finding> findings) {
		Map<String, List<String>> byRule = new TreeMap<>();
		for (Prediction prediction : predictions) {
			if (prediction.outcome() instanceof DcrOutcome.Quarantined quarantined) {
				byRule.computeIfAbsent(quarantined.report().rule(), k -> new ArrayList<>())
					.add(describe(prediction));
			}
		}
		byRule.forEach((rule, registrations) -> findings.add(Finding.warn("dcr", "would-quarantine " + rule,
				registrations.size() + " registration(s) the dcr job would quarantine (" + rule + "):",
				"They are reported and left unchanged; the run continues.",
				"See the rule in the README's DCR section; `obmigrate run dcr --dry-run` shows each reason.")
			.withItems(registrations)));
	}

	private void statuses(List<Finding> findings) {
		Map<String, Long> statuses = new TreeMap<>();
		new JdbcTemplate(this.dataSources.get(Name.OB)).query("SELECT STATUS, COUNT(*) FROM OB_DCR_DETAILS GROUP BY STATUS",
				rs -> {
					statuses.put(String.valueOf(rs.getString(1)), rs.getLong(2));
				});
		Set<String> migrated = DcrRules.statusSet(this.properties.getDcr().getStatuses());
		Map<String, Long> skipped = new TreeMap<>();
		statuses.forEach((status, n) -> {
			if (!DcrRules.migrates(migrated, status)) {
				skipped.put(status, n);
			}
		});
		findings.add(Finding.info("dcr", "dcr-statuses", "OB_DCR_DETAILS statuses (rows): " + statuses
				+ "; migrated: " + (migrated.isEmpty() ? "all" : migrated) + "."));
		if (!skipped.isEmpty()) {
			findings.add(Finding.warn("dcr", "dcr-status-filtered", "Registrations with statuses " + skipped
					+ " will not be migrated.", "WSO2's status vocabulary is not published (atlas U7).",
					"If they must be migrated, add their status to obmigrate.dcr.statuses."));
		}
	}

	private static String describe(Prediction prediction) {
		DcrSource source = prediction.source();
		return source.registration().id()
				+ (source.serviceProviders().isEmpty() ? "" : " (SP " + source.serviceProviders().get(0).name() + ")");
	}

	private static String issuer(String request) {
		try {
			JsonNode iss = PropertyEncoding.parseRequest(request).get("iss");
			return iss == null || iss.isNull() ? null : iss.asText();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String literal(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

}

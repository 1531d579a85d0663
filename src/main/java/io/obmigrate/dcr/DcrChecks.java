package io.obmigrate.dcr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import io.obmigrate.core.CharsetProbe;
import io.obmigrate.core.CheckRun;
import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.Dialect;
import io.obmigrate.core.Finding;
import io.obmigrate.core.PrivilegeProbe;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.SourceShape;

/**
 * The dcr job's checks, declared once. Gates: {@code OB_DCR_DETAILS} and the Identity Server tables have the columns
 * the job addresses, the adaptive script file (when set) is readable, {@code SP_METADATA.VALUE} is as wide as the
 * upgrade requires, no DCR application still to be renamed has '_' in its software ID, the character sets hold the
 * data. Surveys: the longest value, the registrations the job would quarantine, the statuses. It reads the
 * registrations with the job's own reader and maps them with the job's own mapping, so its predictions are the job's.
 */
class DcrChecks {

	/** The registration table the dcr job reads. */
	static final SourceShape SOURCE = SourceShape.builder()
		.table("OB_DCR_DETAILS")
		.text("ID", "TPP_NAME", "CLIENT_ID", "SOFTWARE_ID", "SOFTWARE_ENV", "STATUS", "REQUEST")
		.build();

	private final ObmigrateDataSources dataSources;

	private final DcrProperties dcr;

	private final IdentitySchema identitySchema;

	DcrChecks(ObmigrateDataSources dataSources, DcrProperties dcr, IdentitySchema identitySchema) {
		this.dataSources = dataSources;
		this.dcr = dcr;
		this.identitySchema = identitySchema;
	}

	/** What the job would do with one registration, as far as the checks care. */
	private record Prediction(DcrSource source, DcrOutcome outcome, String longestAttribute, int longestSize) {
	}

	void check(CheckRun run) {
		run.gate("dcr", "adaptive script", () -> adaptiveScript(this.dcr));
		Set<String> readable = new HashSet<>();
		String ddl = "sql/" + this.dataSources.dialect(Name.OB).folder() + "/ob2-source.sql";
		run.gate("ob", "DCR source table",
				() -> readable.addAll(SOURCE.check(this.dataSources, Name.OB, "ob", ddl, run)));
		run.survey("ob", "DCR source row counts", () -> SOURCE.count(this.dataSources, Name.OB, "ob", readable, run));
		boolean[] tables = { false };
		run.gate("identity", "Identity Server tables", () -> tables[0] = identityTables(run));
		run.gate("identity", "write privileges", () -> PrivilegeProbe.check(run, "identity", this.dataSources,
				Name.IDENTITY, DcrJobConfiguration.JOB_NAME,
				List.of(PrivilegeProbe.Needed.update("SP_APP", "APP_NAME"),
						PrivilegeProbe.Needed.update("IDN_OAUTH_CONSUMER_APPS", "APP_NAME"),
						PrivilegeProbe.Needed.update("SP_AUTH_SCRIPT", "TYPE"),
						PrivilegeProbe.Needed.insertAndUpdate("SP_METADATA", "NAME"))));
		run.gate("identity", "character sets", () -> new CharsetProbe(this.dataSources).check(Name.IDENTITY,
				List.of("SP_METADATA", "SP_APP", "IDN_OAUTH_CONSUMER_APPS"), Map.of("OB_DCR_DETAILS", "REQUEST"), run));
		if (!tables[0]) {
			return;
		}
		List<Prediction> predictions = new ArrayList<>();
		IdentitySchema.Limits limits = this.identitySchema.limits();
		run.gate("dcr", "DCR registrations", () -> {
			if (!readable.isEmpty()) {
				predictions.addAll(predict(limits));
			}
			valueSize(this.identitySchema.dialect(), limits, predictions, run);
			underscores(this.identitySchema.dialect(), predictions, run);
		});
		run.survey("dcr", "DCR quarantine forecast", () -> {
			quarantines(predictions, run);
			if (!readable.isEmpty()) {
				statuses(run);
			}
		});
	}

	private boolean identityTables(CheckRun run) {
		List<String> problems = this.identitySchema.problems(this.dcr.getAdaptiveScriptFile() != null);
		if (!problems.isEmpty()) {
			run.add(Finding.blocker("identity", DcrRule.IDENTITY_TABLES, "Identity Server tables: "
					+ String.join("; ", problems) + " in " + this.dataSources.settings(Name.IDENTITY) + ".",
					"The dcr job changes service providers through these tables.",
					"Point obmigrate.identity.url (OBMIGRATE_IDENTITY_URL) at openbank_apimgtdb after the Identity"
							+ " Server migration (sql/" + this.identitySchema.dialect().folder()
							+ "/is-service-providers.sql shows the shape)."));
			return false;
		}
		run.add(Finding.warn("identity", DcrRule.IDENTITY_SERVER_RUNNING,
				"The dcr job edits SP_APP, SP_METADATA and IDN_OAUTH_CONSUMER_APPS directly.",
				"A running Identity Server caches service providers and would overwrite or ignore the changes.",
				"Stop the Identity Server before `obmigrate run dcr`; start it after the job completes."));
		return true;
	}

	private List<Prediction> predict(IdentitySchema.Limits limits) {
		DcrRules rules = DcrRules.of(this.dcr, limits, null).unlimitedValues();
		ServiceProviderMigration migration = new ServiceProviderMigration(rules);
		DcrRegistrationReader reader = new DcrRegistrationReader(new JdbcTemplate(this.dataSources.get(Name.OB)),
				this.dataSources.dialect(Name.OB), new JdbcTemplate(this.dataSources.get(Name.IDENTITY)),
				this.identitySchema.dialect(), this.dcr.getTenantId(), false, new MigrationTally(), 200);
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

	/** The replacement adaptive script, or null when replacement is off; an unreadable file is a usage error. */
	static String adaptiveScript(DcrProperties dcr) {
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

	private void valueSize(Dialect dialect, IdentitySchema.Limits limits, List<Prediction> predictions,
			CheckRun run) {
		int required = IdentitySchema.requiredValueSize(dialect);
		Prediction longest = predictions.stream()
			.filter(p -> p.longestAttribute() != null)
			.max(java.util.Comparator.comparingInt(Prediction::longestSize))
			.orElse(null);
		String unit = limits.valueInBytes() ? "bytes" : "characters";
		if (longest != null) {
			run.add(Finding.info("dcr", DcrRule.LONGEST_SP_VALUE, "Longest value the DCR job would write: "
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
		// no wider than the database's VARCHAR goes without special settings (4000 bytes on Oracle, 8000 on SQL Server)
		int widenTo = Math.min(dialect.maxVarcharSize(), Math.max(required, roundUp(needed)));
		boolean narrow = limits.valueSize() < required;
		if (!narrow && overLive.isEmpty()) {
			run.add(Finding.info("identity", DcrRule.SP_METADATA_VALUE_SIZE, "SP_METADATA.VALUE is " + limits.valueType()
					+ ", at least the " + required + " the upgrade requires, and every value fits."));
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
		String found = "SP_METADATA.VALUE is " + limits.valueType() + (narrow ? "; the upgrade requires " + required : "")
				+ (overLive.isEmpty() ? "." : ". " + overLive.size() + " registration(s) would not fit:");
		String fix = (widenHelps ? "`obmigrate check --fix` runs: " + statement + "." : "")
				+ (stillTooLong.isEmpty() ? ""
						: (widenHelps ? " " : "") + stillTooLong.size() + " registration(s) exceed even that ("
								+ Finding.listed(stillTooLong) + ")"
								+ (widenTo >= dialect.maxVarcharSize() ? ": they need " + dialect.widerVarcharNeeds()
										+ ", or exclude them by status (they would be quarantined)."
										: ": widen the column further by hand, or accept that they are quarantined."));
		// Narrower than the upgrade requires blocks (TPPs registering after the upgrade would not fit either); values
		// over a column of the required size are sp-value-too-long quarantines, which the job accounts for.
		String why = "Software statements are JWTs of several KB; a value longer than the column fails the insert, and"
				+ " obmigrate never truncates one: the registration is quarantined (sp-value-too-long).";
		Finding finding = (narrow ? Finding.blocker("identity", DcrRule.SP_METADATA_VALUE_SIZE, found, why, fix)
				: Finding.warn("identity", DcrRule.SP_METADATA_VALUE_SIZE, found, why, fix)).withItems(overLive)
			.withStatements(widenHelps ? List.of(statement) : List.of());
		if (widenHelps) {
			finding = finding.withSafeFix(Finding.SafeFix.of("widen SP_METADATA.VALUE: " + statement,
					() -> new JdbcTemplate(this.dataSources.get(Name.IDENTITY)).execute(statement)));
		}
		run.add(finding);
	}

	static int roundUp(int size) {
		return ((size + 1023) / 1024) * 1024;
	}

	private void underscores(Dialect dialect, List<Prediction> predictions, CheckRun run) {
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
				statements.add("UPDATE SP_APP SET APP_NAME = " + dialect.literal(rename) + " WHERE ID = " + sp.id()
						+ " AND APP_NAME = " + dialect.literal(sp.name()));
				if (sp.oauthApp() != null) {
					statements.add("UPDATE IDN_OAUTH_CONSUMER_APPS SET APP_NAME = " + dialect.literal(rename) + " WHERE ID = "
							+ sp.oauthApp().id() + " AND CONSUMER_KEY = " + dialect.literal(sp.oauthApp().consumerKey()));
				}
			}
			else if (!ServiceProviderMigration.vendorRename(sp.name()).equals(softwareId)) {
				ownerUnderscores.add(sp.name() + " (software ID " + softwareId + ", WSO2's rule would give "
						+ ServiceProviderMigration.vendorRename(sp.name()) + ")");
			}
		}
		if (!blocked.isEmpty()) {
			run.add(Finding.blocker("dcr", DcrRule.UNDERSCORE_IN_SOFTWARE_ID, blocked.size()
					+ " DCR application(s) with '_' in the software ID or issuer name:",
					"The upgrade requires renaming these service providers before the migration: WSO2's SP rename"
							+ " splits names on '_'.",
					"Rename each SP (and its OAuth app) as listed, in the management console or with the statements"
							+ " `obmigrate check --emit-sql FILE` writes; obmigrate never renames them itself.")
				.withItems(blocked)
				.withStatements(statements));
		}
		if (!ownerUnderscores.isEmpty()) {
			run.add(Finding.warn("dcr", DcrRule.UNDERSCORE_IN_SP_OWNER, ownerUnderscores.size()
					+ " SP name(s) whose owner part contains '_':",
					"WSO2's migrator would rename them to the wrong segment; obmigrate names them from SOFTWARE_ID.",
					"Nothing to do for obmigrate; do not run the vendor's SP migrator on these.")
				.withItems(ownerUnderscores));
		}
	}

	private void quarantines(List<Prediction> predictions, CheckRun run) {
		Map<DcrRule, List<String>> byRule = new TreeMap<>();
		for (Prediction prediction : predictions) {
			if (prediction.outcome() instanceof DcrOutcome.Quarantined quarantined) {
				byRule.computeIfAbsent(quarantined.rule(), k -> new ArrayList<>()).add(describe(prediction));
			}
		}
		byRule.forEach((rule, registrations) -> run.add(Finding.warn("dcr", rule,
				registrations.size() + " registration(s) the dcr job would quarantine (" + rule.slug() + "):",
				"They are reported and left unchanged; the run continues.",
				rule.fix() + " `obmigrate run dcr --dry-run` shows each reason.")
			.withItems(registrations)));
	}

	private void statuses(CheckRun run) {
		Map<String, Long> statuses = new TreeMap<>();
		new JdbcTemplate(this.dataSources.get(Name.OB)).query("SELECT STATUS, COUNT(*) FROM OB_DCR_DETAILS GROUP BY STATUS",
				rs -> {
					statuses.put(String.valueOf(rs.getString(1)), rs.getLong(2));
				});
		Set<String> migrated = DcrRules.statusSet(this.dcr.getStatuses());
		Map<String, Long> skipped = new TreeMap<>();
		statuses.forEach((status, n) -> {
			if (!DcrRules.migrates(migrated, status)) {
				skipped.put(status, n);
			}
		});
		run.add(Finding.info("dcr", DcrRule.DCR_STATUSES, "OB_DCR_DETAILS statuses (rows): " + statuses
				+ "; migrated: " + (migrated.isEmpty() ? "all" : migrated) + "."));
		if (!skipped.isEmpty()) {
			run.add(Finding.warn("dcr", DcrRule.STATUS_NOT_MIGRATED, "Registrations with statuses " + skipped
					+ " will not be migrated.", "WSO2 does not publish its status vocabulary.",
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

}

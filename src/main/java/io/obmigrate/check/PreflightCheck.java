package io.obmigrate.check;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.core.ObmigrateProperties;

/**
 * {@code obmigrate check}: a read-only pre-flight over every configured data source (the vendor guide's "Before you
 * begin" list, atlas E.1, and the consent-side risks of atlas D.6). Sections that cannot run (a database down, a
 * table missing) report why and let the others run.
 */
public class PreflightCheck {

	private final ObmigrateDataSources dataSources;

	private final ObmigrateProperties properties;

	public PreflightCheck(ObmigrateDataSources dataSources, ObmigrateProperties properties) {
		this.dataSources = dataSources;
		this.properties = properties;
	}

	/**
	 * @param updatedAfter report OB 2.0 consents updated after this instant (OB 2.0 still running), or null
	 */
	public CheckReport run(Instant updatedAfter) {
		List<Finding> findings = new ArrayList<>();
		List<Name> reachable = new DataSourceFindings(this.dataSources, this.properties).check(findings);
		if (!reachable.contains(Name.OB)) {
			return new CheckReport(findings);
		}
		ConsentFindings consent = new ConsentFindings(this.dataSources, this.properties);
		Set<String> unusable = new HashSet<>();
		section("ob", "source tables", findings, f -> unusable.addAll(consent.source(f)));
		boolean registry = !unusable.contains("OB_DCR_DETAILS");
		boolean consentSource = unusable.stream().noneMatch(table -> !table.equals("OB_DCR_DETAILS"));
		boolean targetReachable = !this.dataSources.separateTarget() || reachable.contains(Name.OB_TARGET);
		if (targetReachable) {
			section("ob-target", "OB 3.0 tables", findings, consent::target);
			section("ob-target", "character sets", findings, f -> new CharsetFindings(this.dataSources)
				.check(Name.OB_TARGET, CharsetFindings.consentTables(), false, f));
		}
		if (consentSource && targetReachable) {
			section("consent", "consent risks", findings, f -> consent.risks(updatedAfter, f));
		}
		if (reachable.contains(Name.IDENTITY)) {
			section("dcr", "DCR and service providers", findings,
					f -> new DcrFindings(this.dataSources, this.properties).check(registry, f));
			section("identity", "character sets", findings, f -> new CharsetFindings(this.dataSources)
				.check(Name.IDENTITY, List.of("SP_METADATA", "SP_APP", "IDN_OAUTH_CONSUMER_APPS"), true, f));
		}
		return new CheckReport(findings);
	}

	private static void section(String area, String name, List<Finding> findings, Consumer<List<Finding>> section) {
		try {
			section.accept(findings);
		}
		catch (ConfigurationProblem ex) {
			findings.add(Finding.warn(area, "section-skipped", "The " + name + " checks could not run: " + ex.getMessage(),
					"The remaining checks ran.", "Fix the cause and run `obmigrate check` again."));
		}
		catch (RuntimeException ex) {
			Throwable root = ex;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			findings.add(Finding.warn(area, "section-skipped", "The " + name + " checks could not run: "
					+ root.getMessage(), "The remaining checks ran.",
					"Fix the cause (often a missing table or privilege) and run `obmigrate check` again."));
		}
	}

}

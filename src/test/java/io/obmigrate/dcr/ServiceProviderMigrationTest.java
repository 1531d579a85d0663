package io.obmigrate.dcr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.obmigrate.core.RowReport;
import io.obmigrate.dcr.ServiceProvider.Property;

/** The DCR / SP mapping rules of atlas E.3 and E.4, one test per rule, with the G.2 cases 27-35. */
class ServiceProviderMigrationTest {

	static final DcrRules RULES = new DcrRules(Set.of("ACTIVE"), true, true, 4096, false, 255, null);

	static DcrRegistration registration(String id, String clientId, String softwareId, String env, String status,
			String request) {
		return new DcrRegistration(id, "TPP " + softwareId, clientId, softwareId, env, status, request);
	}

	static ServiceProvider sp(long id, String name, List<Property> properties, String grantTypes) {
		return new ServiceProvider(id, -1234, name, properties,
				new ServiceProvider.OAuthApp(100 + id, "client-" + id, name, grantTypes), null);
	}

	static DcrSource source(DcrRegistration registration, ServiceProvider sp) {
		return new DcrSource(registration, sp == null ? List.of() : List.of(sp), Map.of(), List.of(registration));
	}

	static DcrRegistration active(String request) {
		return registration("r1", "client-1", "TPPSoftware", "production", "Active", request);
	}

	static ServiceProviderChange planned(DcrOutcome outcome) {
		assertThat(outcome).isInstanceOf(DcrOutcome.Planned.class);
		return ((DcrOutcome.Planned) outcome).change();
	}

	static String rule(DcrOutcome outcome) {
		assertThat(outcome).isInstanceOf(DcrOutcome.Quarantined.class);
		return ((DcrOutcome.Quarantined) outcome).report().rule();
	}

	/** Applies a change to the state the way the writer does, for idempotence checks. */
	static ServiceProvider applied(ServiceProvider sp, ServiceProviderChange change) {
		List<Property> properties = new ArrayList<>();
		for (Property property : sp.properties()) {
			Property now = property;
			for (ServiceProviderChange.PropertyRename rename : change.renames()) {
				if (rename.property().id() == property.id()) {
					now = new Property(property.id(), rename.newName(), property.value(), rename.newDisplayName());
				}
			}
			properties.add(now);
		}
		long next = 1000;
		for (ServiceProviderChange.PropertyAddition addition : change.additions()) {
			properties.add(new Property(next++, addition.name(), addition.value(), addition.name()));
		}
		String name = change.spName() != null ? change.spName().after() : sp.name();
		ServiceProvider.OAuthApp app = sp.oauthApp();
		if (app != null) {
			app = new ServiceProvider.OAuthApp(app.id(), app.consumerKey(),
					change.oauthAppName() != null ? change.oauthAppName().after() : app.appName(),
					change.grantTypes() != null ? change.grantTypes().after() : app.grantTypes());
		}
		ServiceProvider.AuthScript script = sp.script();
		if (change.script() != null) {
			script = new ServiceProvider.AuthScript(script.id(), change.script().after(), script.enabled());
		}
		return new ServiceProvider(sp.id(), sp.tenantId(), name, properties, app, script);
	}

	@Test
	void requestAttributesBecomeProperties() {
		ServiceProviderChange change = planned(new ServiceProviderMigration(RULES).map(source(
				active("{\"software_id\":\"TPPSoftware\",\"redirect_uris\":[\"https://tpp/cb\"],\"iat\":1571808167}"),
				sp(1, "TPPSoftware", List.of(), "authorization_code"))));
		assertThat(change.additions()).extracting(a -> a.name() + "=" + a.value())
			.containsExactly("software_id=TPPSoftware", "redirect_uris=https://tpp/cb#", "iat=1571808167");
	}

	@Test
	void attributesAreAddedEvenWhenTheSpHasNoProperties() {
		// E.4 #10: WSO2 added nothing to an SP without properties
		ServiceProviderChange change = planned(new ServiceProviderMigration(RULES)
			.map(source(active("{\"scope\":\"accounts\"}"), sp(1, "TPPSoftware", List.of(), null))));
		assertThat(change.additions()).hasSize(1);
	}

	@Test
	void existingPropertyIsNotDuplicatedCaseInsensitively() {
		// G.2 #35, E.3 steps 3-4: an existing property wins and is not duplicated
		ServiceProviderChange change = planned(new ServiceProviderMigration(RULES).map(source(
				active("{\"Software_ID\":\"other\",\"scope\":\"accounts\"}"),
				sp(1, "TPPSoftware", List.of(new Property(1, "software_id", "TPPSoftware", "software_id")), null))));
		assertThat(change.additions()).extracting(ServiceProviderChange.PropertyAddition::name).containsExactly("scope");
	}

	@Test
	void emptyListAndNullAttributesAreSkippedWithNotice() {
		DcrOutcome outcome = new ServiceProviderMigration(RULES).map(source(
				active("{\"redirect_uris\":[],\"logo_uri\":null,\"scope\":\"a\"}"), sp(1, "TPPSoftware", List.of(), null)));
		assertThat(planned(outcome).additions()).extracting(ServiceProviderChange.PropertyAddition::name)
			.containsExactly("scope");
		assertThat(outcome.notices()).extracting(RowReport::rule)
			.containsOnly(DcrRule.EMPTY_ATTRIBUTE_SKIPPED.slug());
	}

	@Test
	void valueOverTheLiveColumnQuarantinesTheRegistration() {
		// G.2 #27: 5 KB statement over VARCHAR(4096)
		String statement = "x".repeat(5000);
		assertThat(rule(new ServiceProviderMigration(RULES).map(source(
				active("{\"software_statement\":\"" + statement + "\"}"), sp(1, "TPPSoftware", List.of(), null)))))
			.isEqualTo(DcrRule.SP_VALUE_TOO_LONG.slug());
	}

	@Test
	void valueSizeCountsBytesOnOracle() {
		// G.2 #27: 2,100 characters fit 4096 characters but not 4000 bytes when it holds multi-byte characters
		DcrRules oracle = new DcrRules(Set.of("ACTIVE"), true, true, 4000, true, 255, null);
		String statement = "é".repeat(2100);
		DcrSource source = source(active("{\"software_statement\":\"" + statement + "\"}"),
				sp(1, "TPPSoftware", List.of(), null));
		assertThat(new ServiceProviderMigration(RULES).map(source)).isInstanceOf(DcrOutcome.Planned.class);
		assertThat(rule(new ServiceProviderMigration(oracle).map(source))).isEqualTo(DcrRule.SP_VALUE_TOO_LONG.slug());
	}

	@Test
	void exactTrailingSuffixIsStripped() {
		// G.2 #31, E.4 #5
		ServiceProviderChange change = planned(new ServiceProviderMigration(RULES).map(source(active("{}"),
				sp(1, "TPPSoftware", List.of(new Property(1, "software_jwks_endpoint_production", "https://j", 
						"software_jwks_endpoint_production"), new Property(2, "x_production_y", "v", "x_production_y")),
						null))));
		assertThat(change.renames()).singleElement().satisfies(rename -> {
			assertThat(rename.property().name()).isEqualTo("software_jwks_endpoint_production");
			assertThat(rename.newName()).isEqualTo("software_jwks_endpoint");
			assertThat(rename.newDisplayName()).isEqualTo("software_jwks_endpoint");
		});
	}

	@Test
	void bothSuffixVariantsKeepTheOneOfTheSoftwareEnvironment() {
		DcrRegistration sandbox = registration("r1", "client-1", "TPPSoftware", "sandbox", "ACTIVE", "{}");
		DcrOutcome outcome = new ServiceProviderMigration(RULES).map(source(sandbox,
				sp(1, "TPPSoftware", List.of(new Property(1, "token_endpoint_production", "p", null),
						new Property(2, "token_endpoint_sandbox", "s", null)), null)));
		assertThat(planned(outcome).renames()).singleElement()
			.satisfies(rename -> assertThat(rename.property().name()).isEqualTo("token_endpoint_sandbox"));
		assertThat(outcome.notices()).extracting(RowReport::rule).contains(DcrRule.SUFFIX_VARIANT_CHOSEN.slug());
	}

	@Test
	void suffixedPropertyIsKeptWhenThePlainNameExists() {
		DcrOutcome outcome = new ServiceProviderMigration(RULES).map(source(active("{}"),
				sp(1, "TPPSoftware", List.of(new Property(1, "token_endpoint", "p", null),
						new Property(2, "token_endpoint_production", "s", null)), null)));
		assertThat(outcome).isInstanceOf(DcrOutcome.Unchanged.class);
		assertThat(outcome.notices()).extracting(RowReport::rule).contains(DcrRule.SUFFIXED_PROPERTY_KEPT.slug());
	}

	@Test
	void apiManagerNamedSpIsRenamedToTheSoftwareId() {
		// G.2 #30
		ServiceProviderChange change = planned(new ServiceProviderMigration(RULES)
			.map(source(active("{}"), sp(1, "admin_TPPSoftware_PRODUCTION", List.of(), "client_credentials jwt"))));
		assertThat(change.spName().after()).isEqualTo("TPPSoftware");
		assertThat(change.oauthAppName().after()).isEqualTo("TPPSoftware");
	}

	@Test
	void underscoresInOwnerOrSoftwareIdStillGiveTheSoftwareId() {
		// G.2 #30, E.4 #4: WSO2 took the second '_' segment ("admin", "TPP")
		DcrRegistration underscored = registration("r1", "client-1", "TPP_Software", "production", "ACTIVE", "{}");
		assertThat(planned(new ServiceProviderMigration(RULES)
			.map(source(underscored, sp(1, "admin_TPP_Software_PRODUCTION", List.of(), null)))).spName().after())
			.isEqualTo("TPP_Software");
		DcrRegistration sandbox = registration("r2", "client-2", "TPP", "sandbox", "ACTIVE", "{}");
		assertThat(planned(new ServiceProviderMigration(RULES)
			.map(source(sandbox, sp(2, "bank_admin_TPP_SANDBOX", List.of(), null)))).spName().after())
			.isEqualTo("TPP");
	}

	@Test
	void spNameOutsideTheApiManagerPatternIsKept() {
		DcrRegistration registration = registration("r1", "client-1", "Other", "production", "ACTIVE", "{}");
		DcrOutcome outcome = new ServiceProviderMigration(RULES)
			.map(source(registration, sp(1, "TPPSoftware", List.of(), null)));
		assertThat(outcome).isInstanceOf(DcrOutcome.Unchanged.class);
		assertThat(outcome.notices()).extracting(RowReport::rule).contains(DcrRule.SP_NAME_KEPT.slug());
	}

	@Test
	void nameHeldByAnotherSpIsARenameCollision() {
		DcrRegistration registration = active("{}");
		DcrSource source = new DcrSource(registration, List.of(sp(1, "admin_TPPSoftware_PRODUCTION", List.of(), null)),
				Map.of("TPPSOFTWARE", 7L), List.of(registration));
		assertThat(rule(new ServiceProviderMigration(RULES).map(source))).isEqualTo(DcrRule.RENAME_COLLISION.slug());
	}

	@Test
	void productionRegistrationWinsTheNameOverSandbox() {
		// G.2 #33
		DcrRegistration production = registration("r2", "client-2", "TPPSoftware", "production", "ACTIVE", "{}");
		DcrRegistration sandbox = registration("r1", "client-1", "TPPSoftware", "sandbox", "ACTIVE", "{}");
		List<DcrRegistration> both = List.of(production, sandbox);
		ServiceProviderMigration migration = new ServiceProviderMigration(RULES);
		assertThat(planned(migration.map(new DcrSource(production,
				List.of(sp(2, "admin_TPPSoftware_PRODUCTION", List.of(), null)), Map.of(), both))).spName().after())
			.isEqualTo("TPPSoftware");
		assertThat(rule(migration.map(new DcrSource(sandbox, List.of(sp(1, "admin_TPPSoftware_SANDBOX", List.of(), null)),
				Map.of(), both)))).isEqualTo(DcrRule.RENAME_COLLISION.slug());
	}

	@Test
	void grantTypesLoseDeviceCodeAndGainJwtBearer() {
		// G.2 #34, E.3 step 7
		assertThat(ServiceProviderMigration.fixGrantTypes("authorization_code client_credentials "
				+ "urn:ietf:params:oauth:grant-type:device_code refresh_token"))
			.isEqualTo("authorization_code client_credentials refresh_token urn:ietf:params:oauth:grant-type:jwt-bearer");
		assertThat(ServiceProviderMigration.fixGrantTypes("authorization_code refresh_token")).isNull();
		assertThat(ServiceProviderMigration.fixGrantTypes(
				"client_credentials urn:ietf:params:oauth:grant-type:jwt-bearer")).isNull();
	}

	@Test
	void registrationWithoutServiceProviderIsQuarantined() {
		// G.2 #32
		assertThat(rule(new ServiceProviderMigration(RULES).map(source(active("{}"), null))))
			.isEqualTo(DcrRule.NO_SERVICE_PROVIDER.slug());
	}

	@Test
	void registrationWithAnotherStatusIsFiltered() {
		// G.2 #32, E.4 #3
		DcrRegistration inactive = registration("r1", "client-1", "TPPSoftware", "production", "Inactive", "{}");
		assertThat(new ServiceProviderMigration(RULES).map(source(inactive, sp(1, "TPPSoftware", List.of(), null))))
			.isInstanceOf(DcrOutcome.Filtered.class);
	}

	@Test
	void unparseableRequestIsQuarantined() {
		assertThat(rule(new ServiceProviderMigration(RULES).map(source(active("{oops"),
				sp(1, "TPPSoftware", List.of(), null))))).isEqualTo(DcrRule.UNPARSEABLE_REQUEST.slug());
	}

	@Test
	void adaptiveScriptIsReplacedOnlyWhenSwitchedOn() {
		ServiceProvider withScript = new ServiceProvider(1, -1234, "TPPSoftware", List.of(), null,
				new ServiceProvider.AuthScript(5, "var onLoginRequest = old;", true));
		assertThat(new ServiceProviderMigration(RULES).map(source(active("{}"), withScript)))
			.isInstanceOf(DcrOutcome.Unchanged.class);
		DcrRules on = new DcrRules(Set.of("ACTIVE"), true, true, 4096, false, 255, "var onLoginRequest = ob;");
		assertThat(planned(new ServiceProviderMigration(on).map(source(active("{}"), withScript))).script().after())
			.isEqualTo("var onLoginRequest = ob;");
	}

	@Test
	void secondComputationOnTheChangedStateIsEmpty() {
		// E.4 #8: every G.2 shape at once, applied, then computed again
		ServiceProvider sp = sp(1, "admin_TPPSoftware_PRODUCTION",
				List.of(new Property(1, "software_jwks_endpoint_production", "https://j", "software_jwks_endpoint_production"),
						new Property(2, "client_name", "TPP", "client_name")),
				"authorization_code client_credentials urn:ietf:params:oauth:grant-type:device_code refresh_token");
		DcrRegistration registration = active("{\"redirect_uris\":[\"a\",\"b\",\"a\"],\"jwks\":{\"keys\":[]},"
				+ "\"iat\":1571808167,\"require_signed_request_object\":true,\"client_name\":\"New\"}");
		ServiceProviderMigration migration = new ServiceProviderMigration(RULES);
		ServiceProviderChange change = planned(migration.map(source(registration, sp)));
		DcrOutcome again = migration.map(source(registration, applied(sp, change)));
		assertThat(again).isInstanceOf(DcrOutcome.Unchanged.class);
	}

}

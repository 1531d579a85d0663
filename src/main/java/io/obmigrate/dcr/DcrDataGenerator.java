package io.obmigrate.dcr;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.TableInspector;

/**
 * Synthetic OB 2.0 DCR registrations and their Identity Server service providers, for the demo, rehearsals and tests:
 * API Manager SP names, suffixed DCR properties, software statements of realistic size, device-code grants, and a
 * configurable share of registrations with a defect (deleted application, inactive status, software statement too
 * large for the column, unreadable request). Never for production databases.
 */
public class DcrDataGenerator {

	private final DataSource ob;

	private final Dialect obDialect;

	private final DataSource identity;

	private final Dialect identityDialect;

	private final JdbcTemplate obJdbc;

	private final JdbcTemplate identityJdbc;

	public DcrDataGenerator(DataSource ob, Dialect obDialect, DataSource identity, Dialect identityDialect) {
		this.ob = ob;
		this.obDialect = obDialect;
		this.identity = identity;
		this.identityDialect = identityDialect;
		this.obJdbc = new JdbcTemplate(ob);
		this.identityJdbc = new JdbcTemplate(identity);
	}

	/** Creates {@code OB_DCR_DETAILS} (with the other OB 2.0 tables) and the IS tables where they are missing. */
	public void ensureTables() {
		ensure(this.ob, this.obDialect, "OB_DCR_DETAILS", "ob2-source.sql");
		ensure(this.identity, this.identityDialect, "SP_APP", "is-service-providers.sql");
	}

	private static void ensure(DataSource dataSource, Dialect dialect, String table, String script) {
		try (Connection connection = dataSource.getConnection()) {
			if (!TableInspector.tableExists(connection, dialect, table)) {
				ScriptUtils.executeSqlScript(connection, new ClassPathResource("sql/" + dialect.folder() + "/" + script));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Creating " + table + " failed: " + ex.getMessage(), ex);
		}
	}

	/** An SP with its oauth2 inbound link and OAuth app (as API Manager creates them); returns the SP ID. */
	public long serviceProvider(String name, String clientId, String grantTypes, int tenantId) {
		this.identityJdbc.update("INSERT INTO SP_APP (TENANT_ID, APP_NAME, USER_STORE, USERNAME, AUTH_TYPE, UUID)"
				+ " VALUES (?, ?, 'PRIMARY', 'admin', 'default', ?)", tenantId, name,
				UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
		Long id = this.identityJdbc.queryForObject("SELECT ID FROM SP_APP WHERE APP_NAME = ? AND TENANT_ID = ?",
				Long.class, name, tenantId);
		if (clientId != null) {
			this.identityJdbc.update("INSERT INTO SP_INBOUND_AUTH (TENANT_ID, INBOUND_AUTH_KEY, INBOUND_AUTH_TYPE,"
					+ " INBOUND_CONFIG_TYPE, APP_ID) VALUES (?, ?, 'oauth2', 'standardAPP', ?)", tenantId, clientId, id);
			this.identityJdbc.update("INSERT INTO IDN_OAUTH_CONSUMER_APPS (CONSUMER_KEY, CONSUMER_SECRET, USERNAME,"
					+ " TENANT_ID, USER_DOMAIN, APP_NAME, OAUTH_VERSION, GRANT_TYPES) VALUES (?, 'secret', 'admin', ?,"
					+ " 'PRIMARY', ?, 'OAuth-2.0', ?)", clientId, tenantId, name, grantTypes);
		}
		return id;
	}

	public void property(long spId, String name, String value, int tenantId) {
		this.identityJdbc.update("INSERT INTO SP_METADATA (SP_ID, NAME, " + this.identityDialect.quote("VALUE")
				+ ", DISPLAY_NAME, TENANT_ID) VALUES (?, ?, ?, ?, ?)", spId, name, value, name, tenantId);
	}

	public void script(long spId, String content, int tenantId) {
		this.identityJdbc.update("INSERT INTO SP_AUTH_SCRIPT (TENANT_ID, APP_ID, TYPE, CONTENT, IS_ENABLED)"
				+ " VALUES (?, ?, 'application/javascript', ?, '1')", tenantId, spId,
				content.getBytes(StandardCharsets.UTF_8));
	}

	public void registration(String id, String clientId, String softwareId, String env, String status,
			String request) {
		this.obJdbc.update("INSERT INTO OB_DCR_DETAILS (ID, TPP_NAME, REQUEST_HEADER, REQUEST, CLIENT_ID, SOFTWARE_ENV,"
				+ " APPLICATION_ID, SOFTWARE_ID, SPEC_VERSION, STATUS, CLID_ISSUED_AT) VALUES (?, ?, '{}', ?, ?, ?, ?,"
				+ " ?, '3.1', ?, ?)", id, "TPP " + softwareId, request, clientId, env, Math.abs(id.hashCode() % 100000),
				softwareId, status, 1571808167);
	}

	/** What was generated. */
	public record Result(int registrations, int defects, Map<String, Integer> byDefect) {

		public String describe() {
			StringBuilder out = new StringBuilder(String.format("Generated %,d DCR registrations with their service"
					+ " providers (%,d with a planted defect", this.registrations, this.defects));
			this.byDefect.forEach((defect, n) -> out.append(", ").append(n).append(' ').append(defect));
			return out.append(").\n").toString();
		}

	}

	/** {@code count} registrations; {@code defectRate} of them with one of the defects the job must quarantine. */
	public Result generate(int count, long seed, double defectRate, int tenantId) {
		ensureTables();
		Integer taken = this.obJdbc.queryForObject("SELECT COUNT(*) FROM OB_DCR_DETAILS WHERE ID LIKE ?", Integer.class,
				"dcr-" + Long.toString(seed, 36) + "-%");
		if (taken != null && taken > 0) {
			throw new io.obmigrate.core.ConfigurationProblem("DCR registrations of seed " + seed
					+ " already exist in OB_DCR_DETAILS; generate with another --seed, or into a fresh database.");
		}
		SplittableRandom random = new SplittableRandom(seed);
		Map<String, Integer> defects = new LinkedHashMap<>();
		int defective = 0;
		for (int i = 0; i < count; i++) {
			String softwareId = "sw" + Long.toString(seed, 36) + String.format("%06d", i);
			boolean production = random.nextInt(3) > 0;
			String env = production ? "production" : "sandbox";
			String clientId = "cl-" + UUID.nameUUIDFromBytes((seed + "/" + i).getBytes(StandardCharsets.UTF_8));
			String defect = random.nextDouble() < defectRate
					? new String[] { "deleted application", "inactive status", "oversized software statement",
							"unreadable request" }[random.nextInt(4)]
					: null;
			if (defect != null) {
				defective++;
				defects.merge(defect, 1, Integer::sum);
			}
			if (!"deleted application".equals(defect)) {
				long sp = serviceProvider("admin_" + softwareId + "_" + env.toUpperCase(), clientId,
						"authorization_code refresh_token client_credentials"
								+ (random.nextBoolean() ? " urn:ietf:params:oauth:grant-type:device_code" : ""),
						tenantId);
				property(sp, "software_jwks_endpoint_" + env, "https://keystore.example/" + softwareId + ".jwks",
						tenantId);
				property(sp, "client_name", "TPP " + softwareId, tenantId);
			}
			// valid JSON (MySQL's JSON column checks that) but not the object of a registration request
			String request = "unreadable request".equals(defect) ? "[\"not a registration request\"]" : request(random, softwareId,
					"oversized software statement".equals(defect) ? 6000 : 900 + random.nextInt(2200));
			registration(String.format("dcr-%s-%06d", Long.toString(seed, 36), i), clientId, softwareId, env,
					"inactive status".equals(defect) ? "INACTIVE" : "ACTIVE", request);
		}
		return new Result(count, defective, defects);
	}

	private static String request(SplittableRandom random, String softwareId, int statementLength) {
		byte[] payload = new byte[statementLength * 3 / 4];
		random.nextBytes(payload);
		String statement = "eyJhbGciOiJQUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
		int uris = 1 + random.nextInt(3);
		StringBuilder redirects = new StringBuilder();
		for (int u = 0; u < uris; u++) {
			redirects.append(u == 0 ? "" : ",").append("\"https://tpp.example/").append(softwareId).append("/cb")
				.append(u).append('"');
		}
		return "{\"iss\":\"" + softwareId + "\",\"iat\":1571808167,\"exp\":1571811767,\"jti\":\""
				+ UUID.nameUUIDFromBytes(softwareId.getBytes(StandardCharsets.UTF_8)) + "\",\"aud\":\"https://bank\","
				+ "\"redirect_uris\":[" + redirects + "],\"token_endpoint_auth_method\":\"private_key_jwt\","
				+ "\"token_endpoint_auth_signing_alg\":\"PS256\",\"grant_types\":[\"authorization_code\","
				+ "\"client_credentials\",\"refresh_token\"],\"response_types\":[\"code id_token\"],"
				+ "\"software_id\":\"" + softwareId + "\",\"scope\":\"accounts payments\",\"application_type\":\"web\","
				+ "\"id_token_signed_response_alg\":\"PS256\",\"request_object_signing_alg\":\"PS256\","
				+ "\"software_statement\":\"" + statement + "\"}";
	}

}

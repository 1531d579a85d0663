package io.obmigrate.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.Dialect;
import io.obmigrate.dcr.DcrDataGenerator;
import io.obmigrate.dcr.IdentitySchema;

/**
 * The DCR edge cases of atlas G.2 (cases 27-35) in one database that holds both {@code OB_DCR_DETAILS} and the Identity
 * Server tables, plus plain registrations so the job runs several chunks. {@code SP_METADATA.VALUE} is widened the way
 * {@code check --fix} does.
 */
public final class DcrFixture {

	public static final int TENANT = -1234;

	public static final String DEVICE_GRANTS = "authorization_code client_credentials"
			+ " urn:ietf:params:oauth:grant-type:device_code refresh_token";

	public static final String OLD_SCRIPT = "var onLoginRequest = function(context) { executeStep(1); };";

	public static final String OB_SCRIPT = "// OB 3.0 UK common auth script\nvar psuChannel = 'Online Banking';";

	public static final int PLAIN = 24;

	private DcrFixture() {
	}

	/**
	 * The DCR part of the bad-input corpus: hostile requests (null, an array, a scalar, not JSON, nested past the JSON
	 * readers' limit), SQL-looking, control-character and Unicode text, a huge value, an orphan and a duplicate. Keys
	 * start with {@code b}; {@code DcrBadInputTests} holds the outcome documented for each.
	 */
	public static Dialect loadBadInput(DataSource dataSource) {
		Dialect dialect = dialectOf(dataSource);
		DcrDataGenerator data = new DcrDataGenerator(dataSource, dialect, dataSource, dialect);
		data.ensureTables();
		new JdbcTemplate(dataSource).execute(IdentitySchema.widenValueStatement(dialect));
		registered(data, "b01-request-null", "ReqNull", "production", "null");
		registered(data, "b02-request-array", "ReqArray", "production", "[]");
		registered(data, "b03-request-number", "ReqNumber", "production", "42");
		if (dialect != Dialect.MYSQL) {
			registered(data, "b04-request-not-json", "ReqText", "production", "{\"scope\": accounts");
		}
		if (dialect != Dialect.MYSQL) {
			// MariaDB's JSON check refuses nesting past 32 levels in the source already
			registered(data, "b05-request-too-deep", "ReqDeep", "production", "{\"x\":" + EdgeCaseFixture.nested(1500) + "}");
		}
		registered(data, "b06-sql-software-id", "Evil';DROP TABLE SPAPP;--\\", "production",
				"{\"client_name\":\"x'); DELETE FROM SP_METADATA; --\"}");
		registered(data, "b07-control-chars", "Ctrl", "production",
				"{\"client_name\":\"bell\\u0007 tab\\t line\\n end\"}");
		registered(data, "b08-unicode", "Caf\u00e9\u6570\u636e\uD83D\uDE00", "production",
				"{\"client_name\":\"Caf\u00e9 \uD83D\uDE00\"}");
		registered(data, "b09-huge-value", "Huge", "production",
				"{\"software_statement\":\"" + "h".repeat(20_000) + "\"}");
		data.registration("b10-orphan", "client-b10-no-sp", "Orphan", "production", "ACTIVE", "{\"scope\":\"accounts\"}");
		registered(data, "b11-nested-value", "Nested", "production",
				"{\"x\":" + EdgeCaseFixture.nested(dialect == Dialect.MYSQL ? 30 : 200) + "}");
		registeredWithStatus(data, "b12-sql-status", "SqlStatus", "ACTIVE'; --");
		return dialect;
	}

	private static Dialect dialectOf(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return Dialect.detect(connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static Dialect load(DataSource dataSource, boolean widen) {
		Dialect dialect = dialectOf(dataSource);
		DcrDataGenerator data = new DcrDataGenerator(dataSource, dialect, dataSource, dialect);
		data.ensureTables();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		if (widen) {
			jdbc.execute(IdentitySchema.widenValueStatement(dialect));
		}
		// 27: software statements of 3.9 KB, 4.1 KB (over Oracle's 4000) and 5 KB (over 4096)
		registered(data, "g27-a", "Stmt39", "production", "{\"software_statement\":\"" + "a".repeat(3900) + "\"}");
		registered(data, "g27-b", "Stmt41", "production", "{\"software_statement\":\"" + "b".repeat(4100) + "\"}");
		registered(data, "g27-c", "Stmt50", "production", "{\"software_statement\":\"" + "c".repeat(5000) + "\"}");
		// 28: redirect_uris with one, three, a duplicated last and no element
		registered(data, "g28-a", "Uris1", "production", "{\"redirect_uris\":[\"https://tpp/cb\"]}");
		registered(data, "g28-b", "Uris3", "production", "{\"redirect_uris\":[\"https://a\",\"https://b\",\"https://c\"]}");
		registered(data, "g28-c", "UrisDup", "production", "{\"redirect_uris\":[\"https://a\",\"https://b\",\"https://a\"]}");
		registered(data, "g28-d", "UrisEmpty", "production", "{\"redirect_uris\":[],\"scope\":\"accounts\"}");
		// 29: nested object, list of objects, integer, boolean
		registered(data, "g29-a", "Shapes", "production", "{\"jwks\":{\"keys\":[{\"kid\":\"k1\",\"kty\":\"RSA\"}]},"
				+ "\"contacts\":[{\"email\":\"a@tpp\"},{\"email\":\"b@tpp\"}],\"iat\":1571808167,"
				+ "\"require_auth_time\":true}");
		// 30: SP names with and without underscores in owner and software ID
		registered(data, "g30-a", "TPPSoftware", "production", "{}");
		// '_' in the software ID blocks the job until the DBA renames the SP (underscore-in-software-id): renamed here
		registeredAs(data, "g30-b", "TPP_Software", "production", "TPP-Software", "{}");
		registeredAs(data, "g30-c", "TPP", "sandbox", "bank_admin_TPP_SANDBOX", "{}");
		registeredAs(data, "g30-d", "Standalone", "production", "TPPStandalone", "{}");
		// 31: suffixed properties
		long suffixes = registered(data, "g31-a", "Suffixes", "production", "{}");
		data.property(suffixes, "software_jwks_endpoint_production", "https://jwks/p", TENANT);
		data.property(suffixes, "x_production_y", "kept", TENANT);
		data.property(suffixes, "token_endpoint_production", "https://token/p", TENANT);
		data.property(suffixes, "token_endpoint_sandbox", "https://token/s", TENANT);
		// 32: a registration whose application was deleted, and an inactive one
		data.registration("g32-a", "client-g32-a", "Deleted", "production", "ACTIVE", "{\"scope\":\"accounts\"}");
		registeredWithStatus(data, "g32-b", "Inactive", "INACTIVE");
		// 33: production and sandbox registrations of one software ID
		registeredAs(data, "g33-a", "Twin", "sandbox", "admin_Twin_SANDBOX", "{}");
		registeredAs(data, "g33-b", "Twin", "production", "admin_Twin_PRODUCTION", "{}");
		// ... and a production registration whose application was deleted does not block the sandbox's rename
		data.registration("g33-c", "client-g33-c", "Orphan", "production", "ACTIVE", "{}");
		registeredAs(data, "g33-d", "Orphan", "sandbox", "admin_Orphan_SANDBOX", "{}");
		// 34: grant types
		data.serviceProvider("admin_Grants_PRODUCTION", "client-g34-a", DEVICE_GRANTS, TENANT);
		data.registration("g34-a", "client-g34-a", "Grants", "production", "ACTIVE", "{}");
		// 35: an attribute already present; an OB SP and a non-OB SP with adaptive scripts
		long existing = registered(data, "g35-a", "Existing", "production",
				"{\"client_name\":\"New name\",\"scope\":\"accounts\"}");
		data.property(existing, "client_name", "Original name", TENANT);
		data.script(existing, OLD_SCRIPT, TENANT);
		long payroll = data.serviceProvider("PayrollPortal", null, null, TENANT);
		data.script(payroll, OLD_SCRIPT, TENANT);
		for (int i = 0; i < PLAIN; i++) {
			registered(data, String.format("p-%03d", i), String.format("Plain%03d", i), "production",
					"{\"software_id\":\"" + String.format("Plain%03d", i) + "\",\"redirect_uris\":[\"https://p/" + i
							+ "\"],\"token_endpoint_auth_method\":\"private_key_jwt\"}");
		}
		return dialect;
	}

	private static long registered(DcrDataGenerator data, String id, String softwareId, String env, String request) {
		return registeredAs(data, id, softwareId, env, "admin_" + softwareId + "_" + env.toUpperCase(), request);
	}

	private static long registeredAs(DcrDataGenerator data, String id, String softwareId, String env, String spName,
			String request) {
		long sp = data.serviceProvider(spName, "client-" + id, "authorization_code refresh_token", TENANT);
		data.registration(id, "client-" + id, softwareId, env, "ACTIVE", request);
		return sp;
	}

	private static void registeredWithStatus(DcrDataGenerator data, String id, String softwareId, String status) {
		data.serviceProvider("admin_" + softwareId + "_PRODUCTION", "client-" + id, "authorization_code", TENANT);
		data.registration(id, "client-" + id, softwareId, "production", status, "{\"scope\":\"accounts\"}");
	}

	/** Every IS row the DCR job may change, as text lines keyed by stable values (SP UUID, consumer key). */
	public static List<String> snapshot(DataSource dataSource, Dialect dialect) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		List<String> lines = new ArrayList<>();
		for (Map<String, Object> row : jdbc.queryForList("SELECT UUID, APP_NAME FROM SP_APP ORDER BY UUID")) {
			lines.add("SP_APP " + row.values());
		}
		for (Map<String, Object> row : jdbc.queryForList("SELECT A.UUID, M.NAME, M." + dialect.quote("VALUE")
				+ ", M.DISPLAY_NAME, M.TENANT_ID FROM SP_METADATA M JOIN SP_APP A ON A.ID = M.SP_ID ORDER BY A.UUID, M.NAME")) {
			lines.add("SP_METADATA " + row.values());
		}
		for (Map<String, Object> row : jdbc.queryForList(
				"SELECT CONSUMER_KEY, APP_NAME, GRANT_TYPES FROM IDN_OAUTH_CONSUMER_APPS ORDER BY CONSUMER_KEY")) {
			lines.add("IDN_OAUTH_CONSUMER_APPS " + row.values());
		}
		jdbc.query("SELECT A.UUID, S.CONTENT FROM SP_AUTH_SCRIPT S JOIN SP_APP A ON A.ID = S.APP_ID ORDER BY A.UUID",
				rs -> {
					lines.add("SP_AUTH_SCRIPT " + rs.getString(1) + " "
							+ new String(rs.getBytes(2), java.nio.charset.StandardCharsets.UTF_8));
				});
		return lines;
	}

}

package io.obmigrate.dcr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.Dialect;
import io.obmigrate.support.DcrFixture;
import io.obmigrate.support.TestDatabase;

/**
 * The DCR job end to end on the atlas G.2 edge cases (27-35), through the CLI, on one database holding both the OB 2.0
 * registry and the Identity Server tables; subclasses name the database. Also: a second run changes nothing, a run
 * that fails in a chunk and is restarted ends equal to a clean run, and a dry run writes nothing.
 */
abstract class DcrJobTests {

	@TempDir
	Path home;

	TestDatabase database;

	Dialect dialect;

	JdbcTemplate jdbc;

	abstract TestDatabase createDatabase();

	@BeforeEach
	void loadFixture() throws Exception {
		Path script = this.home.resolve("common-auth-script.js");
		Files.writeString(script, DcrFixture.OB_SCRIPT);
		this.database = configure(createDatabase(), script);
		this.dialect = DcrFixture.load(this.database.dataSource(), true);
		this.jdbc = new JdbcTemplate(this.database.dataSource());
	}

	static TestDatabase configure(TestDatabase database, Path script) {
		return database.withIdentity()
			.with("obmigrate.dcr.chunk-size", "4")
			.with("obmigrate.dcr.adaptive-script-file", script.toString());
	}

	@AfterEach
	void dropDatabase() {
		this.database.close();
	}

	TestDatabase.Result run(String... args) {
		return this.database.run(this.home, args);
	}

	int valueLimit() {
		return this.dialect == Dialect.ORACLE ? 4000 : 4096;
	}

	Map<String, String> properties(String spName) {
		Map<String, String> properties = new java.util.TreeMap<>();
		this.jdbc.query("SELECT M.NAME, M." + this.dialect.quote("VALUE") + " FROM SP_METADATA M JOIN SP_APP A ON"
				+ " A.ID = M.SP_ID WHERE A.APP_NAME = ?", rs -> {
					properties.put(rs.getString(1), rs.getString(2));
				}, spName);
		return properties;
	}

	String grantTypes(String clientId) {
		return this.jdbc.queryForObject("SELECT GRANT_TYPES FROM IDN_OAUTH_CONSUMER_APPS WHERE CONSUMER_KEY = ?",
				String.class, clientId);
	}

	String oauthAppName(String clientId) {
		return this.jdbc.queryForObject("SELECT APP_NAME FROM IDN_OAUTH_CONSUMER_APPS WHERE CONSUMER_KEY = ?",
				String.class, clientId);
	}

	boolean spExists(String name) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM SP_APP WHERE APP_NAME = ?", Integer.class, name) == 1;
	}

	String script(String spName) {
		return this.jdbc.query("SELECT S.CONTENT FROM SP_AUTH_SCRIPT S JOIN SP_APP A ON A.ID = S.APP_ID WHERE"
				+ " A.APP_NAME = ?", rs -> rs.next() ? new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8)
						: null, spName);
	}

	/** One run over the whole fixture, then one test per edge case, so a failure names its case. */
	@TestFactory
	Stream<DynamicTest> appliesTheRulesToEveryEdgeCase() {
		TestDatabase.Result result = run("run", "dcr");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.err()).contains("[identity-server-running]").contains("Stop the Identity Server");
		assertThat(result.out()).contains("every row accounted for");

		return Stream.of(
				dynamicTest("27: statements up to the live column are stored whole; the longer ones are quarantined, never truncated", () -> {
					assertThat(properties("Stmt39").get("software_statement")).hasSize(3900);
					if (valueLimit() >= 4100) {
						assertThat(properties("Stmt41").get("software_statement")).hasSize(4100);
					}
					else {
						assertThat(spExists("admin_Stmt41_PRODUCTION")).isTrue();
					}
					assertThat(spExists("admin_Stmt50_PRODUCTION")).as("quarantined: not renamed").isTrue();
					assertThat(properties("admin_Stmt50_PRODUCTION")).isEmpty();
				}),
				dynamicTest("28: list encoding", () -> {
					assertThat(properties("Uris1")).containsEntry("redirect_uris", "https://tpp/cb#");
					assertThat(properties("Uris3")).containsEntry("redirect_uris", "https://a#https://b#https://c");
					assertThat(properties("UrisDup")).containsEntry("redirect_uris", "https://a#https://b#https://a");
					assertThat(properties("UrisEmpty")).doesNotContainKey("redirect_uris").containsEntry("scope", "accounts");
				}),
				dynamicTest("29: objects as compact JSON, integers as integers, booleans as text", () -> {
					assertThat(properties("Shapes")).containsEntry("jwks", "{\"keys\":[{\"kid\":\"k1\",\"kty\":\"RSA\"}]}")
						.containsEntry("contacts", "{\"email\":\"a@tpp\"}#{\"email\":\"b@tpp\"}")
						.containsEntry("iat", "1571808167")
						.containsEntry("require_auth_time", "true");
				}),
				dynamicTest("30: renamed to the software ID; a name outside the pattern (also one a DBA renamed by hand) is kept", () -> {
					assertThat(spExists("TPPSoftware")).isTrue();
					assertThat(oauthAppName("client-g30-a")).isEqualTo("TPPSoftware");
					assertThat(spExists("TPP-Software")).isTrue();
					assertThat(spExists("TPP")).isTrue();
					assertThat(spExists("TPPStandalone")).isTrue();
				}),
				dynamicTest("31: exact suffixes stripped; the SOFTWARE_ENV variant wins; x_production_y untouched", () -> {
					assertThat(properties("Suffixes")).containsEntry("software_jwks_endpoint", "https://jwks/p")
						.containsEntry("token_endpoint", "https://token/p")
						.containsEntry("token_endpoint_sandbox", "https://token/s")
						.containsEntry("x_production_y", "kept")
						.doesNotContainKey("software_jwks_endpoint_production");
				}),
				dynamicTest("32: inactive registration untouched", () -> {
					assertThat(spExists("admin_Inactive_PRODUCTION")).isTrue();
					assertThat(properties("admin_Inactive_PRODUCTION")).isEmpty();
				}),
				dynamicTest("33: production takes the name, sandbox is quarantined and keeps its name", () -> {
					assertThat(spExists("Twin")).isTrue();
					assertThat(oauthAppName("client-g33-b")).isEqualTo("Twin");
					assertThat(spExists("admin_Twin_SANDBOX")).isTrue();
					assertThat(spExists("Orphan")).as("sandbox renamed: the production registration has no SP").isTrue();
				}),
				dynamicTest("34: grant types", () -> {
					assertThat(grantTypes("client-g34-a")).isEqualTo("authorization_code client_credentials refresh_token"
							+ " urn:ietf:params:oauth:grant-type:jwt-bearer");
				}),
				dynamicTest("35: existing property kept, not duplicated; OB SP script replaced; non-OB SP script untouched", () -> {
					assertThat(properties("Existing")).containsEntry("client_name", "Original name").containsEntry("scope",
							"accounts");
					assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM SP_METADATA M JOIN SP_APP A ON A.ID = M.SP_ID"
							+ " WHERE A.APP_NAME = 'Existing' AND UPPER(M.NAME) = 'CLIENT_NAME'", Integer.class)).isEqualTo(1);
					assertThat(script("Existing")).isEqualTo(DcrFixture.OB_SCRIPT);
					assertThat(script("PayrollPortal")).isEqualTo(DcrFixture.OLD_SCRIPT);
				}),
				dynamicTest("quarantined: 27-c (and 27-b on Oracle), 32-a, 33-a; filtered: 32-b", () -> {
					List<String> quarantined = this.database.jobRepositoryQuery(
							"SELECT SOURCE_KEY || ' ' || RULE_ID FROM OBMIGRATE_QUARANTINE ORDER BY SOURCE_KEY");
					List<String> expected = new java.util.ArrayList<>();
					if (valueLimit() < 4100) {
						expected.add("g27-b " + DcrRule.SP_VALUE_TOO_LONG.slug());
					}
					expected.addAll(List.of("g27-c " + DcrRule.SP_VALUE_TOO_LONG.slug(), "g32-a " + DcrRule.NO_SERVICE_PROVIDER.slug(),
							"g33-a " + DcrRule.RENAME_COLLISION.slug(), "g33-c " + DcrRule.NO_SERVICE_PROVIDER.slug()));
					assertThat(quarantined).containsExactlyElementsOf(expected);
					assertThat(result.out()).contains(DcrRule.STATUS_NOT_MIGRATED.slug());
				}),
				dynamicTest("the journal holds a before-image of every changed row", () -> {
					assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM OBMIGRATE_SP_JOURNAL WHERE TABLE_NAME = 'SP_APP'"
							+ " AND ACTION = 'UPDATE'", Integer.class)).isGreaterThanOrEqualTo(5);
					String before = this.jdbc.queryForObject("SELECT BEFORE_IMAGE FROM OBMIGRATE_SP_JOURNAL WHERE REGISTRATION_ID ="
							+ " 'g34-a' AND TABLE_NAME = 'IDN_OAUTH_CONSUMER_APPS' AND BEFORE_IMAGE LIKE '%GRANT_TYPES%'", String.class);
					assertThat(before).contains("device_code");
				}));
	}

	@Test
	void catchUpReadsOnlyTheRegistrationsChangedSinceTheLastRun() {
		TestDatabase.Result refused = run("run", "dcr", "--since-last-run");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
		assertThat(refused.err()).contains("no completed dcr run");
		// the fixture's rows were written just now: date them back, as in a deployment that ran for years
		java.time.LocalDateTime old = java.time.LocalDateTime.of(2022, 3, 1, 12, 0);
		this.jdbc.update("UPDATE OB_DCR_DETAILS SET CREATED_TIMESTAMP = ?, STATUS_UPDATED_TIMESTAMP = ?", old, old);
		assertThat(run("run", "dcr").exitCode()).isZero();
		List<String> first = DcrFixture.snapshot(this.database.dataSource(), this.dialect);
		List<String> changed = this.jdbc.queryForList("SELECT ID FROM OB_DCR_DETAILS ORDER BY ID", String.class)
			.subList(0, 2);
		java.time.LocalDateTime now = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0);
		for (String id : changed) {
			this.jdbc.update("UPDATE OB_DCR_DETAILS SET STATUS_UPDATED_TIMESTAMP = ? WHERE ID = ?", now, id);
		}
		TestDatabase.Result catchUp = run("run", "dcr", "--since-last-run");
		assertThat(catchUp.exitCode()).as(catchUp.toString()).isZero();
		assertThat(catchUp.out()).contains("CATCH-UP: registrations created or changed since")
			.containsPattern("(?m)^ total +2 ");
		assertThat(DcrFixture.snapshot(this.database.dataSource(), this.dialect)).isEqualTo(first);
	}

	@Test
	void secondRunChangesNothing() {
		assertThat(run("run", "dcr").exitCode()).isZero();
		List<String> first = DcrFixture.snapshot(this.database.dataSource(), this.dialect);
		Integer journal = this.jdbc.queryForObject("SELECT COUNT(*) FROM OBMIGRATE_SP_JOURNAL", Integer.class);
		TestDatabase.Result again = run("run", "dcr");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(DcrFixture.snapshot(this.database.dataSource(), this.dialect)).isEqualTo(first);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM OBMIGRATE_SP_JOURNAL", Integer.class))
			.isEqualTo(journal);
		assertThat(again.out()).contains(DcrRule.NOTHING_TO_CHANGE.slug()).containsPattern("total\\s+[\\d,]+\\s+0\\s");
	}

	@Test
	void restartAfterAFailedChunkEndsEqualToACleanRun() throws Exception {
		// the clean run, in a database of its own
		TestDatabase clean = configure(createDatabase(), this.home.resolve("common-auth-script.js"));
		List<String> expected;
		try {
			DcrFixture.load(clean.dataSource(), true);
			assertThat(clean.run(this.home.resolve("clean"), "run", "dcr").exitCode()).isZero();
			expected = DcrFixture.snapshot(clean.dataSource(), this.dialect);
		}
		finally {
			clean.close();
		}
		// a failure of the chunk holding g33-a: its report row cannot be stored
		assertThat(run("status").exitCode()).isZero();
		this.database.jobRepositoryExecute(
				"ALTER TABLE OBMIGRATE_QUARANTINE ADD CONSTRAINT INJECTED_FAILURE CHECK (SOURCE_KEY <> 'g33-a')");
		TestDatabase.Result failed = run("run", "dcr");
		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
		assertThat(DcrFixture.snapshot(this.database.dataSource(), this.dialect)).isNotEqualTo(expected);
		this.database.jobRepositoryExecute("ALTER TABLE OBMIGRATE_QUARANTINE DROP CONSTRAINT INJECTED_FAILURE");
		TestDatabase.Result restarted = run("restart", "dcr");
		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
		assertThat(DcrFixture.snapshot(this.database.dataSource(), this.dialect)).isEqualTo(expected);
	}

	@Test
	void changeTheDatabaseRefusesIsRolledBackAloneAndQuarantined() {
		this.jdbc.execute("ALTER TABLE SP_METADATA ADD CONSTRAINT NO_FORBIDDEN CHECK (NAME <> 'forbidden')");
		this.jdbc.update("UPDATE OB_DCR_DETAILS SET REQUEST = '{\"scope\":\"accounts\",\"forbidden\":\"x\"}'"
				+ " WHERE ID = 'g34-a'");
		TestDatabase.Result result = run("run", "dcr");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains(DcrRule.APPLY_FAILED.slug()).contains("every row accounted for");
		// g34-a changed nothing: not renamed, grant types and properties as before
		assertThat(spExists("admin_Grants_PRODUCTION")).isTrue();
		assertThat(grantTypes("client-g34-a")).isEqualTo(DcrFixture.DEVICE_GRANTS);
		assertThat(properties("admin_Grants_PRODUCTION")).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM OBMIGRATE_SP_JOURNAL WHERE REGISTRATION_ID = 'g34-a'",
				Integer.class)).isZero();
		// the others went on
		assertThat(spExists("TPPSoftware")).isTrue();
	}

	@Test
	void dryRunPrintsTheDiffAndWritesNothing() {
		List<String> before = DcrFixture.snapshot(this.database.dataSource(), this.dialect);
		TestDatabase.Result result = run("run", "dcr", "--dry-run");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("Planned changes")
			.contains("registration g34-a: service provider admin_Grants_PRODUCTION")
			.contains("~ IDN_OAUTH_CONSUMER_APPS.GRANT_TYPES")
			.contains("+ property redirect_uris = https://tpp/cb#")
			.contains("~ property software_jwks_endpoint_production -> software_jwks_endpoint");
		assertThat(DcrFixture.snapshot(this.database.dataSource(), this.dialect)).isEqualTo(before);
	}

}

package io.obmigrate.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.obmigrate.cli.ExitCodes;
import io.obmigrate.consent.ConsentRule;
import io.obmigrate.core.CoreRule;
import io.obmigrate.core.Dialect;
import io.obmigrate.dcr.DcrDataGenerator;
import io.obmigrate.dcr.DcrRule;
import io.obmigrate.dcr.IdentitySchema;
import io.obmigrate.support.TestDatabase;

/**
 * One failing fixture per {@code check} rule, on H2: a database that passes, then broken in exactly one way, and the
 * finding (code and severity) and exit code that must follow.
 */
class CheckRulesTest {

	@TempDir
	Path home;

	TestDatabase database;

	JdbcTemplate jdbc;

	DcrDataGenerator dcr;

	@BeforeEach
	void passingDatabase() throws Exception {
		this.database = TestDatabase.h2().withIdentity();
		try (Connection connection = this.database.dataSource().getConnection()) {
			ScriptUtils.executeSqlScript(connection, new ClassPathResource("sql/h2/ob2-source.sql"));
			ScriptUtils.executeSqlScript(connection, new ClassPathResource("sql/h2/ob3-consent.sql"));
		}
		this.jdbc = new JdbcTemplate(this.database.dataSource());
		this.dcr = new DcrDataGenerator(this.database.dataSource(), Dialect.H2, this.database.dataSource(), Dialect.H2);
		this.dcr.ensureTables();
		this.jdbc.execute(IdentitySchema.widenValueStatement(Dialect.H2));
		consent("c1", "AwaitingAuthorisation");
		this.dcr.serviceProvider("admin_TPPSoftware_PRODUCTION", "client-1", "client_credentials", -1234);
		this.dcr.registration("r1", "client-1", "TPPSoftware", "production", "ACTIVE", "{\"scope\":\"accounts\"}");
	}

	@AfterEach
	void drop() {
		this.database.close();
	}

	private void consent(String id, String status) {
		this.jdbc.update("INSERT INTO UK_ACCOUNT_INITIATION (ID, REQUEST, CREATED_TIMESTAMP, STATUS, CLIENT_ID,"
				+ " STATUS_UPDATED_TIMESTAMP, SPEC_VERSION) VALUES (?, '{}', TIMESTAMP '2026-01-01 10:00:00', ?,"
				+ " 'client-1', TIMESTAMP '2026-01-02 10:00:00', '3.1')", id, status);
	}

	record Checked(int exitCode, List<JsonNode> findings, String out) {

		String items(String code) {
			return finding(code).get("items").toString();
		}

		JsonNode finding(String code) {
			return this.findings.stream()
				.filter(f -> f.get("code").asText().equals(code))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no finding " + code + " in\n" + this.out));
		}

		boolean has(String code) {
			return this.findings.stream().anyMatch(f -> f.get("code").asText().equals(code));
		}

	}

	private Checked check(String... extra) throws Exception {
		List<String> args = new ArrayList<>(List.of("check", "--json"));
		args.addAll(List.of(extra));
		TestDatabase.Result result = this.database.run(this.home, args.toArray(String[]::new));
		JsonNode root = new ObjectMapper().readTree(result.out());
		List<JsonNode> findings = new ArrayList<>();
		root.get("findings").forEach(findings::add);
		return new Checked(result.exitCode(), findings, result.toString());
	}

	private static void assertSeverity(JsonNode finding, String severity) {
		assertThat(finding.get("severity").asText()).as(finding.toString()).isEqualTo(severity);
		assertThat(finding.get("found").asText()).isNotBlank();
		if (!severity.equals("INFO")) {
			assertThat(finding.get("why").asText()).isNotBlank();
			assertThat(finding.get("fix").asText()).isNotBlank();
		}
	}

	@Test
	void passingDatabaseHasNoBlockerAndExitsZero() throws Exception {
		Checked checked = check();
		assertThat(checked.exitCode()).as(checked.out()).isZero();
		assertThat(checked.findings()).noneMatch(f -> f.get("severity").asText().equals("BLOCKER"));
		assertSeverity(checked.finding(CoreRule.DATA_SOURCE.slug()), "INFO");
		assertThat(checked.finding(CoreRule.DATA_SOURCE.slug()).get("found").asText()).contains("dialect h2", "driver H2",
				"session time zone");
		assertSeverity(checked.finding(CoreRule.SOURCE_TIME_ZONE.slug()), "INFO");
		assertThat(checked.finding(CoreRule.SOURCE_ROW_COUNTS.slug()).get("found").asText()).contains("UK_ACCOUNT_INITIATION");
		assertThat(checked.finding(ConsentRule.TARGET_TABLES.slug()).get("found").asText()).contains("0 rows");
		assertSeverity(checked.finding(DcrRule.IDENTITY_SERVER_RUNNING.slug()), "WARN");
	}

	@Test
	void unreachableDatabaseIsABlocker() throws Exception {
		this.database.with("obmigrate.identity.url", "jdbc:h2:tcp://127.0.0.1:1/nothing");
		Checked checked = check();
		assertThat(checked.exitCode()).isEqualTo(ExitCodes.PREFLIGHT_BLOCKERS);
		assertSeverity(checked.finding(CoreRule.DATA_SOURCE_UNREACHABLE.slug()), "BLOCKER");
		assertThat(checked.finding(CoreRule.DATA_SOURCE_UNREACHABLE.slug()).get("found").asText()).contains("identity");
	}

	@Test
	void missingIdentityConfigurationIsAWarning() throws Exception {
		this.database.with("obmigrate.identity.url", "");
		Checked checked = check();
		assertThat(checked.exitCode()).isZero();
		assertSeverity(checked.finding(CoreRule.JOB_NOT_CONFIGURED.slug()), "WARN");
	}

	@Test
	void missingSourceTableIsABlocker() throws Exception {
		this.jdbc.execute("DROP TABLE UK_COF_CONSENT_REV_HISTORY");
		Checked checked = check();
		assertThat(checked.exitCode()).isEqualTo(ExitCodes.PREFLIGHT_BLOCKERS);
		assertSeverity(checked.finding(CoreRule.SOURCE_TABLE_MISSING.slug()), "BLOCKER");
		assertThat(checked.finding(CoreRule.SOURCE_TABLE_MISSING.slug()).get("found").asText()).contains("UK_COF_CONSENT_REV_HISTORY");
	}

	@Test
	void sourceColumnOfAnotherTypeFamilyIsABlocker() throws Exception {
		this.jdbc.execute("ALTER TABLE OB_CONSENT_METADATA DROP COLUMN METADATA_VALUE");
		this.jdbc.execute("ALTER TABLE OB_CONSENT_METADATA ADD COLUMN METADATA_VALUE INTEGER");
		this.jdbc.execute("ALTER TABLE OB_DCR_DETAILS DROP COLUMN SOFTWARE_ENV");
		Checked checked = check();
		assertThat(checked.exitCode()).isEqualTo(ExitCodes.PREFLIGHT_BLOCKERS);
		List<String> shapes = checked.findings()
			.stream()
			.filter(f -> f.get("code").asText().equals("source-column-shape"))
			.map(f -> f.get("found").asText())
			.toList();
		assertThat(shapes).anyMatch(s -> s.contains("METADATA_VALUE is INTEGER, expected a text type"))
			.anyMatch(s -> s.contains("OB_DCR_DETAILS: SOFTWARE_ENV missing"));
	}

	@Test
	void missingTargetTablesAreABlockerThatFixCreates() throws Exception {
		for (String table : List.of("OB_CONSENT_ATTRIBUTE", "OB_CONSENT_FILE", "OB_CONSENT_MAPPING",
				"OB_CONSENT_STATUS_AUDIT", "OB_CONSENT_AUTH_RESOURCE", "OB_CONSENT")) {
			this.jdbc.execute("DROP TABLE " + table);
		}
		Checked checked = check();
		assertThat(checked.exitCode()).isEqualTo(ExitCodes.PREFLIGHT_BLOCKERS);
		assertSeverity(checked.finding(ConsentRule.TARGET_TABLES_MISSING.slug()), "BLOCKER");
		assertThat(checked.finding(ConsentRule.TARGET_TABLES_MISSING.slug()).get("autoFixable").asBoolean()).isTrue();
		Checked fixed = check("--fix");
		assertThat(fixed.exitCode()).as(fixed.out()).isZero();
		assertThat(fixed.has(ConsentRule.TARGET_TABLES_MISSING.slug())).isFalse();
	}

	@Test
	void partlyCreatedTargetIsABlockerFixDoesNotTouch() throws Exception {
		this.jdbc.execute("DROP TABLE OB_CONSENT_ATTRIBUTE");
		Checked fixed = check("--fix");
		assertThat(fixed.exitCode()).isEqualTo(ExitCodes.PREFLIGHT_BLOCKERS);
		assertThat(fixed.finding(ConsentRule.TARGET_TABLES_MISSING.slug()).get("autoFixable").asBoolean()).isFalse();
		assertThat(fixed.finding(ConsentRule.TARGET_TABLES_MISSING.slug()).get("fix").asText()).contains("partly created");
	}

	@Test
	void targetStatusesOfAnotherProfileAreABlocker() throws Exception {
		this.jdbc.update("INSERT INTO OB_CONSENT (CONSENT_ID, RECEIPT, CREATED_TIME, UPDATED_TIME, CLIENT_ID,"
				+ " CONSENT_TYPE, CURRENT_STATUS) VALUES ('native-1', '{}', 1, 1, 'c', 'accounts', 'authorised')");
		Checked checked = check();
		assertThat(checked.exitCode()).isEqualTo(ExitCodes.PREFLIGHT_BLOCKERS);
		assertSeverity(checked.finding(ConsentRule.VOCABULARY_CLASH.slug()), "BLOCKER");
		assertThat(checked.finding(ConsentRule.TARGET_TABLES.slug()).get("found").asText()).contains("1 native OB 3.0 consents");
	}

	@Test
	void narrowSpMetadataValueIsABlockerThatFixWidens() throws Exception {
		this.jdbc.execute("ALTER TABLE SP_METADATA ALTER COLUMN \"VALUE\" SET DATA TYPE VARCHAR(255)");
		this.jdbc.update("UPDATE OB_DCR_DETAILS SET REQUEST = ? WHERE ID = 'r1'",
				"{\"software_statement\":\"" + "x".repeat(3000) + "\"}");
		Checked checked = check();
		assertThat(checked.exitCode()).isEqualTo(ExitCodes.PREFLIGHT_BLOCKERS);
		JsonNode finding = checked.finding(DcrRule.SP_METADATA_VALUE_SIZE.slug());
		assertSeverity(finding, "BLOCKER");
		assertThat(finding.get("found").asText()).contains("1 registration(s) would not fit");
		assertThat(checked.items(DcrRule.SP_METADATA_VALUE_SIZE.slug())).contains("r1 (SP admin_TPPSoftware_PRODUCTION) needs 3000");
		assertThat(checked.finding(DcrRule.LONGEST_SP_VALUE.slug()).get("found").asText()).contains("3000 characters");
		Checked fixed = check("--fix");
		assertThat(fixed.exitCode()).as(fixed.out()).isZero();
		assertThat(fixed.finding(DcrRule.SP_METADATA_VALUE_SIZE.slug()).get("severity").asText()).isEqualTo("INFO");
	}

	@Test
	void valueBeyondFourThousandBytesIsAQuarantineWarningOnOracle() throws Exception {
		TestDatabase oracle = TestDatabase.h2("Oracle").withIdentity();
		try {
			DcrDataGenerator data;
			try (Connection connection = oracle.dataSource().getConnection()) {
				data = new DcrDataGenerator(oracle.dataSource(), Dialect.detect(connection), oracle.dataSource(),
						Dialect.detect(connection));
			}
			data.ensureTables();
			data.serviceProvider("admin_Big_PRODUCTION", "client-1", "client_credentials", -1234);
			data.registration("r1", "client-1", "Big", "production", "ACTIVE",
					"{\"software_statement\":\"" + "x".repeat(4100) + "\"}");
			TestDatabase.Result result = oracle.run(this.home, "check", "--fix");
			// 4000 bytes is all a standard Oracle VARCHAR2 holds: the job quarantines the registration
			// (sp-value-too-long), so check warns and the dcr job may run.
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("WARN").contains("[sp-metadata-value-size]");
			assertThat(result.out()).contains("1 registration(s) would not fit").contains("MAX_STRING_SIZE=EXTENDED")
				.contains("VARCHAR2(4000)");
		}
		finally {
			oracle.close();
		}
	}

	@Test
	void underscoreInSoftwareIdIsABlockerWithRenameStatements() throws Exception {
		this.dcr.serviceProvider("admin_TPP_Software_PRODUCTION", "client-2", "client_credentials", -1234);
		this.dcr.registration("r2", "client-2", "TPP_Software", "production", "ACTIVE", "{}");
		Checked checked = check();
		assertThat(checked.exitCode()).isEqualTo(ExitCodes.PREFLIGHT_BLOCKERS);
		JsonNode finding = checked.finding(DcrRule.UNDERSCORE_IN_SOFTWARE_ID.slug());
		assertSeverity(finding, "BLOCKER");
		assertThat(finding.get("autoFixable").asBoolean()).isFalse();
		assertThat(finding.get("statements")).hasSize(2);
		for (JsonNode statement : finding.get("statements")) {
			this.jdbc.update(statement.asText());
		}
		assertThat(check().exitCode()).isZero();
	}

	@Test
	void underscoreInIssuerIsABlocker() throws Exception {
		this.jdbc.update("UPDATE OB_DCR_DETAILS SET REQUEST = '{\"iss\":\"TPP_Issuer\"}' WHERE ID = 'r1'");
		assertSeverity(check().finding(DcrRule.UNDERSCORE_IN_SOFTWARE_ID.slug()), "BLOCKER");
	}

	@Test
	void underscoreInSpOwnerIsAWarning() throws Exception {
		this.dcr.serviceProvider("bank_admin_TPP_SANDBOX", "client-2", "client_credentials", -1234);
		this.dcr.registration("r2", "client-2", "TPP", "sandbox", "ACTIVE", "{}");
		Checked checked = check();
		assertThat(checked.exitCode()).isZero();
		assertSeverity(checked.finding(DcrRule.UNDERSCORE_IN_SP_OWNER.slug()), "WARN");
		assertThat(checked.items(DcrRule.UNDERSCORE_IN_SP_OWNER.slug())).contains("would give admin");
	}

	@Test
	void registrationsTheJobWouldQuarantineAreWarnings() throws Exception {
		this.dcr.registration("r2", "client-gone", "Gone", "production", "ACTIVE", "{}");
		Checked checked = check();
		assertThat(checked.exitCode()).isZero();
		JsonNode finding = checked.finding(DcrRule.NO_SERVICE_PROVIDER.slug());
		assertSeverity(finding, "WARN");
		assertThat(checked.items(DcrRule.NO_SERVICE_PROVIDER.slug())).contains("r2");
	}

	@Test
	void registrationsWithOtherStatusesAreAWarning() throws Exception {
		this.dcr.serviceProvider("admin_Old_PRODUCTION", "client-2", "client_credentials", -1234);
		this.dcr.registration("r2", "client-2", "Old", "production", "REVOKED", "{}");
		Checked checked = check();
		assertSeverity(checked.finding(DcrRule.STATUS_NOT_MIGRATED.slug()), "WARN");
		assertThat(checked.finding(DcrRule.DCR_STATUSES.slug()).get("found").asText()).contains("REVOKED=1");
	}

	@Test
	void consentStatusWithoutMappingIsAWarning() throws Exception {
		consent("c2", "Expired");
		Checked checked = check();
		assertThat(checked.exitCode()).isZero();
		assertSeverity(checked.finding(ConsentRule.UNKNOWN_STATUS.slug()), "WARN");
		assertThat(checked.finding(ConsentRule.UNKNOWN_STATUS.slug()).get("found").asText()).contains("'Expired'=1");
	}

	@Test
	void payloadsLongerThanTheirTargetColumnsAreWarnings() throws Exception {
		this.jdbc.update("INSERT INTO UK_ACCOUNT_CONSENT_REV_HISTORY (CONSENT_ID, REVOCATION_USER, REVOCATION_REASON)"
				+ " VALUES ('c1', 'psu', ?)", "r".repeat(300));
		this.jdbc.execute("ALTER TABLE OB_CONSENT_METADATA ALTER COLUMN METADATA_VALUE SET DATA TYPE VARCHAR(2000)");
		this.jdbc.update("INSERT INTO OB_CONSENT_METADATA (CONSENT_ID, CONSENT_TYPE, METADATA_KEY, METADATA_VALUE)"
				+ " VALUES ('c1', 'accounts', 'long', ?)", "m".repeat(400));
		this.jdbc.execute("DROP TABLE OB_CONSENT_FILE");
		this.jdbc.execute("CREATE TABLE OB_CONSENT_FILE (CONSENT_ID VARCHAR(255) NOT NULL PRIMARY KEY,"
				+ " CONSENT_FILE VARCHAR(10))");
		this.jdbc.update("INSERT INTO UK_TRANSACTION_INITIATION (ID, REQUEST, TIMESTAMP, STATUS, CLIENT_ID,"
				+ " IDEMPOTENT_KEY, STATUS_UPDATED_TIMESTAMP, SPEC_VERSION) VALUES ('p1', '{}', CURRENT_TIMESTAMP,"
				+ " 'AwaitingAuthorisation', 'c', 'k', CURRENT_TIMESTAMP, '3.1')");
		this.jdbc.update("INSERT INTO UK_TRANSACTION_FILE (CONSENT_ID, CLIENT_ID, PAYMENT_FILE, IDEMPOTENT_KEY)"
				+ " VALUES ('p1', 'c', ?, 'k')", "f".repeat(50));
		Checked checked = check();
		assertThat(checked.exitCode()).isZero();
		assertSeverity(checked.finding(ConsentRule.REASON_TRUNCATED.slug()), "WARN");
		assertThat(checked.items(ConsentRule.REASON_TRUNCATED.slug())).isEqualTo("[\"c1\"]");
		assertSeverity(checked.finding(ConsentRule.VALUE_TOO_LONG.slug()), "WARN");
		assertSeverity(checked.finding(ConsentRule.FILE_TOO_LARGE.slug()), "WARN");
		assertThat(checked.items(ConsentRule.FILE_TOO_LARGE.slug())).isEqualTo("[\"p1\"]");
	}

	@Test
	void consentsUpdatedAfterTheGivenInstantAreABlocker() throws Exception {
		assertThat(check("--updated-after", "2026-01-03T00:00:00Z").finding(ConsentRule.UPDATED_AFTER.slug()).get("severity").asText())
			.isEqualTo("INFO");
		Checked checked = check("--updated-after", "2026-01-01T00:00:00Z");
		assertThat(checked.exitCode()).isEqualTo(ExitCodes.PREFLIGHT_BLOCKERS);
		assertSeverity(checked.finding(ConsentRule.UPDATED_AFTER.slug()), "BLOCKER");
		assertThat(checked.finding(ConsentRule.UPDATED_AFTER.slug()).get("found").asText()).contains("UK_ACCOUNT_INITIATION=1");
	}

	@Test
	void badInstantIsAUsageError() {
		TestDatabase.Result result = this.database.run(this.home, "check", "--updated-after", "yesterday");
		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains("2026-11-26T22:00:00Z");
	}

	@Test
	void checkIsReadOnly() throws Exception {
		this.jdbc.execute("ALTER TABLE SP_METADATA ALTER COLUMN \"VALUE\" SET DATA TYPE VARCHAR(255)");
		this.jdbc.execute("DROP TABLE OB_CONSENT_ATTRIBUTE");
		List<String> before = this.jdbc.queryForList("SELECT TABLE_NAME || '.' || COLUMN_NAME || ':'"
				+ " || CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY 1",
				String.class);
		check();
		assertThat(this.jdbc.queryForList("SELECT TABLE_NAME || '.' || COLUMN_NAME || ':'"
				+ " || CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY 1",
				String.class)).isEqualTo(before);
	}

}

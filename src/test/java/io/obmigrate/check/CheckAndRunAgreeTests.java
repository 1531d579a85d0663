package io.obmigrate.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.obmigrate.cli.ExitCodes;
import io.obmigrate.core.Dialect;
import io.obmigrate.dcr.DcrDataGenerator;
import io.obmigrate.dcr.IdentitySchema;
import io.obmigrate.support.TestDatabase;

/**
 * {@code check} and a job's pre-flight come from the same declarations: on a database broken in one way, the blockers
 * {@code check} reports for a job are exactly what refuses {@code run} of that job (exit 4, each blocker's code in the
 * message), and a job {@code check} finds no blocker for starts. One case per way of breaking, per capability, on
 * each database the subclasses name.
 */
abstract class CheckAndRunAgreeTests {

	@TempDir
	Path home;

	TestDatabase database;

	Dialect dialect;

	JdbcTemplate jdbc;

	abstract TestDatabase createDatabase();

	@BeforeEach
	void passingDatabase() throws Exception {
		this.database = createDatabase().withIdentity().withReporting();
		try (Connection connection = this.database.dataSource().getConnection()) {
			this.dialect = Dialect.detect(connection);
			ScriptUtils.executeSqlScript(connection,
					new ClassPathResource("sql/" + this.dialect.folder() + "/ob2-source.sql"));
			ScriptUtils.executeSqlScript(connection,
					new ClassPathResource("sql/" + this.dialect.folder() + "/ob3-consent.sql"));
		}
		this.jdbc = new JdbcTemplate(this.database.dataSource());
		DcrDataGenerator dcr = new DcrDataGenerator(this.database.dataSource(), this.dialect,
				this.database.dataSource(), this.dialect);
		dcr.ensureTables();
		this.jdbc.execute(IdentitySchema.widenValueStatement(this.dialect));
		this.jdbc.update("INSERT INTO UK_ACCOUNT_INITIATION (ID, REQUEST, STATUS, CLIENT_ID, SPEC_VERSION) VALUES"
				+ " ('c1', '{\"Data\":{}}', 'AwaitingAuthorisation', 'client-1', '3.1')");
		dcr.serviceProvider("admin_TPPSoftware_PRODUCTION", "client-1", "client_credentials", -1234);
		dcr.registration("r1", "client-1", "TPPSoftware", "production", "ACTIVE", "{\"scope\":\"accounts\"}");
		TestDatabase.Result statistics = this.database.run(this.home, "generate", "--reporting-rows", "40");
		assertThat(statistics.exitCode()).as(statistics.toString()).isZero();
	}

	@AfterEach
	void drop() {
		this.database.close();
	}

	static Stream<Arguments> brokenDatabases() {
		return Stream.of(
				broken("consent", "nothing broken", null, (jdbc, dialect) -> {
				}),
				broken("consent", "OB 3.0 tables missing", "target-tables-missing", (jdbc, dialect) -> {
					for (String table : List.of("OB_CONSENT_ATTRIBUTE", "OB_CONSENT_FILE", "OB_CONSENT_STATUS_AUDIT",
							"OB_CONSENT_MAPPING", "OB_CONSENT_AUTH_RESOURCE", "OB_CONSENT")) {
						jdbc.execute("DROP TABLE " + table);
					}
				}),
				broken("consent", "OB 3.0 tables partly created", "target-tables-missing",
						(jdbc, dialect) -> jdbc.execute("DROP TABLE OB_CONSENT_ATTRIBUTE")),
				broken("consent", "a source table missing", "source-table-missing",
						(jdbc, dialect) -> jdbc.execute("DROP TABLE UK_CONSENT_REV")),
				broken("consent", "a source column of another type family", "source-column-shape",
						(jdbc, dialect) -> jdbc.execute(dialect.alterColumnType("UK_CONSENT_REV", "TIMESTAMP",
								dialect.varcharType(40), false))),
				broken("consent", "target statuses of the other profile", "vocabulary-clash", (jdbc, dialect) -> jdbc.update(
						"INSERT INTO OB_CONSENT (CONSENT_ID, RECEIPT, CREATED_TIME, UPDATED_TIME, CLIENT_ID,"
								+ " CONSENT_TYPE, CURRENT_STATUS, CONSENT_FREQUENCY, VALIDITY_TIME, RECURRING_INDICATOR)"
								+ " VALUES ('native-1', '{}', 1, 1, 'client-1', 'accounts', 'authorised', 0, 0, FALSE)")),
				broken("dcr", "nothing broken", null, (jdbc, dialect) -> {
				}),
				broken("dcr", "SP_METADATA.VALUE narrower than required", "sp-metadata-value-size",
						(jdbc, dialect) -> jdbc.execute(IdentitySchema.widenValueStatement(dialect, 255))),
				broken("dcr", "'_' in a software ID", "underscore-in-software-id", (jdbc, dialect) -> {
					jdbc.update("UPDATE OB_DCR_DETAILS SET SOFTWARE_ID = 'TPP_Software' WHERE ID = 'r1'");
					jdbc.update("UPDATE SP_APP SET APP_NAME = 'admin_TPP_Software_PRODUCTION'");
				}),
				broken("dcr", "an Identity Server table missing", "identity-tables",
						(jdbc, dialect) -> jdbc.execute("DROP TABLE SP_INBOUND_AUTH")),
				broken("dcr", "the registration table missing", "source-table-missing",
						(jdbc, dialect) -> jdbc.execute("DROP TABLE OB_DCR_DETAILS")),
				broken("reporting", "nothing broken", null, (jdbc, dialect) -> {
				}),
				broken("reporting", "a statistics table missing", "source-table-missing",
						(jdbc, dialect) -> jdbc.execute("DROP TABLE FUNDS_CONFIRMATION_RAW_DATA")),
				broken("reporting", "cut over already", "already-cut-over",
						(jdbc, dialect) -> jdbc.execute(dialect.renameTable("API_INVOCATION_RAW_DATA",
								"API_INVOCATION_RAW_DATA__OB2"))));
	}

	private static Arguments broken(String job, String how, String blocker,
			BiConsumer<JdbcTemplate, Dialect> breaking) {
		return Arguments.of(job, how, blocker, breaking);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("brokenDatabases")
	void checkBlocksExactlyWhatRunRefuses(String job, String how, String blocker,
			BiConsumer<JdbcTemplate, Dialect> breaking) throws Exception {
		breaking.accept(this.jdbc, this.dialect);
		assertAgree(job, blocker);
	}

	/** {@code check}'s blockers for {@code job} are exactly what refuses {@code run job}; {@code blocker} among them. */
	void assertAgree(String job, String blocker) throws Exception {
		TestDatabase.Result check = this.database.run(this.home, "check", "--json");
		List<String> blockers = blockersOf(check.out(), job);
		TestDatabase.Result run = this.database.run(this.home, "run", job);

		if (blocker == null) {
			assertThat(blockers).as(check.out()).isEmpty();
			assertThat(run.exitCode()).as(run.toString()).isZero();
		}
		else {
			assertThat(blockers).as(check.out()).contains(blocker);
			assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.PREFLIGHT_BLOCKERS);
			for (String code : blockers) {
				assertThat(run.err()).as("run refuses with every blocker check reports").contains("[" + code + "]");
			}
			assertThat(run.err()).contains(blockers.size() + " blocker(s)");
		}
	}

	/** The codes of the blockers {@code check} attributes to the job. */
	private static List<String> blockersOf(String json, String job) throws Exception {
		JsonNode root = new ObjectMapper().readTree(json);
		List<String> codes = new java.util.ArrayList<>();
		for (JsonNode finding : root.get("findings")) {
			if (finding.get("severity").asText().equals("BLOCKER") && job.equals(finding.get("job").asText())) {
				codes.add(finding.get("code").asText());
			}
		}
		return codes;
	}

}

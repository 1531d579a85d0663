package io.obmigrate.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.obmigrate.support.TestDatabase;

/**
 * {@code obmigrate report} on MariaDB after a consent run and a verify run that found a difference: the JSON report
 * validates against {@code docs/report.schema.json}; the HTML report is one self-contained file that a real browser
 * (headless Chromium, when installed) renders with every section, kept as PNG and PDF under
 * {@code target/report-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportCommandTest {

	static final String[] HOSTS = { "%", "localhost", "127.0.0.1" };

	static final Path SCREENSHOTS = Path.of("target/report-screenshots");

	@TempDir
	static Path home;

	TestDatabase database;

	long consentExecution;

	long verifyExecution;

	@BeforeAll
	void migrateAndVerify() {
		TestDatabase root = TestDatabase.mariadb();
		// the OB database is reached as a user with a password, which no report may show
		JdbcTemplate admin = new JdbcTemplate(root.dataSource());
		String schemaName = admin.queryForObject("SELECT DATABASE()", String.class);
		for (String host : HOSTS) {
			admin.execute("DROP USER IF EXISTS 'obm_report'@'" + host + "'");
			admin.execute("CREATE USER 'obm_report'@'" + host + "' IDENTIFIED BY 's3cret-not-in-reports'");
			admin.execute("GRANT ALL ON " + schemaName + ".* TO 'obm_report'@'" + host + "'");
		}
		this.database = root.with("obmigrate.ob.username", "obm_report")
			.with("obmigrate.ob.password", "s3cret-not-in-reports");
		assertThat(run("generate", "--consents", "400", "--seed", "21", "--malformed-rate", "0.05").exitCode()).isZero();
		assertThat(run("run", "consent", "--create-schema").exitCode()).isZero();
		JdbcTemplate jdbc = new JdbcTemplate(this.database.dataSource());
		String consent = jdbc.queryForList("SELECT CONSENT_ID FROM OB_CONSENT ORDER BY CONSENT_ID", String.class).get(5);
		jdbc.update("UPDATE OB_CONSENT SET CURRENT_STATUS = '<b>tampered</b>' WHERE CONSENT_ID = ?", consent);
		assertThat(run("run", "verify").exitCode()).isEqualTo(5);
		List<String> ids = this.database.jobRepositoryQuery(
				"SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON"
						+ " i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID ORDER BY e.JOB_EXECUTION_ID");
		this.consentExecution = Long.parseLong(ids.get(0));
		this.verifyExecution = Long.parseLong(ids.get(ids.size() - 1));
	}

	@AfterAll
	void drop() {
		JdbcTemplate admin = new JdbcTemplate(this.database.dataSource());
		for (String host : HOSTS) {
			admin.execute("DROP USER IF EXISTS 'obm_report'@'" + host + "'");
		}
		this.database.close();
	}

	TestDatabase.Result run(String... args) {
		return this.database.run(home, args);
	}

	@Test
	void jsonReportsValidateAgainstTheSchemaInDocs() throws Exception {
		Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(Files.readString(Path.of("docs/report.schema.json")));
		for (long execution : new long[] { this.consentExecution, this.verifyExecution }) {
			Path file = home.resolve("report-" + execution + ".json");
			TestDatabase.Result result = run("report", "--execution", Long.toString(execution), "--format", "json",
					"--out", file.toString());
			assertThat(result.exitCode()).as(result.toString()).isZero();
			String json = Files.readString(file);
			List<Error> errors = schema.validate(json, InputFormat.JSON);
			assertThat(errors).as(json).isEmpty();
			assertThat(json).doesNotContain("s3cret-not-in-reports");
		}
		String consent = Files.readString(home.resolve("report-" + this.consentExecution + ".json"));
		assertThat(consent).contains("\"job\" : \"consent\"").contains("\"rule\" : \"unknown-status\"")
			.contains("\"fix\" : \"Map it: obmigrate.consent.extra-statuses");
		String verify = Files.readString(home.resolve("report-" + this.verifyExecution + ".json"));
		assertThat(verify).contains("\"state\" : \"mismatched\"").contains("\"found\" : \"<b>tampered</b>\"")
			.contains("\"exitCode\" : \"MISMATCHED\"");
		// an invalid document is refused: the schema test can fail
		assertThat(schema.validate(verify.replace("\"mismatched\"", "\"sort of\""), InputFormat.JSON)).isNotEmpty();
	}

	@Test
	void textReportHasEverySection() {
		TestDatabase.Result result = run("report", "--execution", Long.toString(this.verifyExecution));
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("verify execution " + this.verifyExecution)
			.contains("Steps")
			.contains("verify.consent")
			.contains("Throughput over time")
			.contains("Verification: 1 differences")
			.containsPattern("consent +OB_CONSENT +mismatched")
			.contains("Configuration")
			.contains("Databases")
			.doesNotContain("s3cret-not-in-reports");
	}

	@Test
	void htmlReportIsSelfContainedAndRendersInChromium() throws Exception {
		Files.createDirectories(SCREENSHOTS);
		for (long execution : new long[] { this.consentExecution, this.verifyExecution }) {
			Path html = SCREENSHOTS.resolve("report-" + execution + ".html").toAbsolutePath();
			TestDatabase.Result result = run("report", "--execution", Long.toString(execution), "--format", "html",
					"--out", html.toString());
			assertThat(result.exitCode()).as(result.toString()).isZero();
			String page = Files.readString(html);
			assertThat(page).startsWith("<!DOCTYPE html>")
				.doesNotContain("<script")
				.doesNotContain("<link")
				.doesNotContainPattern("(src|href)=\"https?:")
				.doesNotContain("@import")
				.doesNotContain("s3cret-not-in-reports")
				.contains("<svg");
			if (execution == this.verifyExecution) {
				// values are escaped: a value with markup is shown, never interpreted
				assertThat(page).contains("&lt;b&gt;tampered&lt;/b&gt;").doesNotContain("<b>tampered</b>");
			}
		}
		String chromium = io.obmigrate.support.Chromium.find();
		assumeTrue(chromium != null, "Chromium is not installed (apt-get install chromium): rendering not checked");
		for (long execution : new long[] { this.consentExecution, this.verifyExecution }) {
			Path html = SCREENSHOTS.resolve("report-" + execution + ".html").toAbsolutePath();
			Path png = SCREENSHOTS.resolve("report-" + execution + ".png").toAbsolutePath();
			Path pdf = SCREENSHOTS.resolve("report-" + execution + ".pdf").toAbsolutePath();
			Files.deleteIfExists(png);
			Files.deleteIfExists(pdf);
			io.obmigrate.support.Chromium.run(chromium, "--screenshot=" + png, "--window-size=1280,2000", html.toUri().toString());
			io.obmigrate.support.Chromium.run(chromium, "--print-to-pdf=" + pdf, "--no-pdf-header-footer", html.toUri().toString());
			String dom = io.obmigrate.support.Chromium.run(chromium, "--dump-dom", html.toUri().toString());
			assertThat(png).exists();
			assertThat(Files.size(png)).isGreaterThan(20_000);
			assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
			for (String section : new String[] { "id=\"summary\"", "id=\"steps\"", "id=\"throughput\"", "id=\"notices\"",
					"id=\"quarantine\"", "id=\"verification\"", "id=\"configuration\"", "id=\"versions\"" }) {
				assertThat(dom).as("rendered page has " + section).contains(section);
			}
			assertThat(dom).contains("Throughput over time").contains("Quarantined rows").contains("<polygon");
			if (execution == this.verifyExecution) {
				assertThat(dom).contains("mismatched").contains("Differences");
			}
		}
	}

}

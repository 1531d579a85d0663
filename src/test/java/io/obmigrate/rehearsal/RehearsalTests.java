package io.obmigrate.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.obmigrate.support.Chromium;
import io.obmigrate.support.DatabaseSnapshot;
import io.obmigrate.support.TargetSnapshot;
import io.obmigrate.support.TestDatabase;

/**
 * Two rehearsals on one staging copy: refused (exit 2, nothing written) until its URL matches the staging patterns;
 * then each resets what obmigrate wrote and runs check, consent, dcr, reporting and verify; the second ends with the
 * same rows as the first; {@code rehearsals} lists both with the cut-over projection, as JSON and as an HTML page that
 * headless Chromium renders.
 */
abstract class RehearsalTests {

	static final Path SCREENSHOTS = Path.of("target/report-screenshots");

	@TempDir
	Path home;

	TestDatabase database;

	abstract TestDatabase createDatabase();

	@BeforeEach
	void setUp() {
		this.database = createDatabase().withIdentity().withReporting();
	}

	@AfterEach
	void tearDown() {
		this.database.close();
	}

	TestDatabase.Result run(String... args) {
		return this.database.run(this.home, args);
	}

	@Test
	void twoRehearsalsOnAStagingCopyEndAlikeAndTheHistoryProjectsTheCutOver() throws Exception {
		assertThat(run("generate", "--consents", "500", "--dcr-registrations", "30", "--seed", "41").exitCode())
			.isZero();
		assertThat(run("generate", "--reporting-rows", "800", "--seed", "41").exitCode()).isZero();
		Map<String, List<String>> untouched = DatabaseSnapshot.of(this.database.dataSource());

		TestDatabase.Result refused = run("rehearse");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
		assertThat(refused.err()).contains(this.database.url().substring(0, 20))
			.contains("obmigrate.rehearsal.allowed-targets")
			.contains("Nothing was written");
		assertThat(DatabaseSnapshot.of(this.database.dataSource())).as("a refused rehearsal writes nothing")
			.isEqualTo(untouched);

		this.database.with("obmigrate.rehearsal.allowed-targets", Pattern.quote(this.database.url()));
		TestDatabase.Result first = run("rehearse");
		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(first.out()).contains("Rehearsal 1 COMPLETED");
		Map<String, List<String>> consents = TargetSnapshot.of(this.database.dataSource());
		Map<String, Integer> rows = rowCounts();
		assertThat(rows.get("ACCOUNTS_RAW_DATA__OB3")).isPositive();

		TestDatabase.Result second = run("rehearse");
		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(second.out()).contains("Rehearsal 2 COMPLETED");
		assertThat(second.err()).contains("reset consent: removed").contains("reset reporting: dropped");
		assertThat(TargetSnapshot.of(this.database.dataSource())).as("the same consent rows").isEqualTo(consents);
		assertThat(rowCounts()).as("the same rows in every table").isEqualTo(rows);

		TestDatabase.Result listed = run("rehearsals", "--json", "--rows-at-cutover", "100000");
		assertThat(listed.exitCode()).as(listed.toString()).isZero();
		JsonNode history = JsonMapper.builder().build().readTree(listed.out());
		assertThat(history.get("rehearsals")).hasSize(2);
		for (JsonNode night : history.get("rehearsals")) {
			assertThat(night.get("rehearsal").get("outcome").asString()).isEqualTo("COMPLETED");
			assertThat(night.get("rehearsal").get("jobs")).hasSize(4);
			assertThat(night.get("mismatches").asLong()).isZero();
		}
		JsonNode projection = history.get("projection");
		assertThat(projection.get("basisRehearsal").asLong()).isEqualTo(2);
		assertThat(projection.get("jobs").findValuesAsString("job")).containsExactly("consent", "dcr", "reporting",
				"verify");
		JsonNode consent = projection.get("jobs").get(0);
		assertThat(consent.get("cutoverRows").asLong()).isEqualTo(100000);
		assertThat(consent.get("seconds").asDouble()).isGreaterThan(consent.get("rehearsalSeconds").asDouble());
		assertThat(projection.get("seconds").asDouble()).isPositive();

		Path html = this.home.resolve("rehearsals.html");
		TestDatabase.Result text = run("rehearsals", "--html", html.toString());
		assertThat(text.exitCode()).as(text.toString()).isZero();
		assertThat(text.out()).contains("COMPLETED").contains("Cut-over window projected from rehearsal 2");
		String page = Files.readString(html);
		assertThat(page).contains("<svg").doesNotContain("<script").doesNotContain("http://", "https://", " src=", " href=")
			.contains("Cut-over window");
		String chromium = Chromium.find();
		assumeTrue(chromium != null, "Chromium is not installed (apt-get install chromium): rendering not checked");
		Files.createDirectories(SCREENSHOTS);
		Path png = SCREENSHOTS.resolve("rehearsals-" + this.database.kind() + ".png").toAbsolutePath();
		Chromium.run(chromium, "--screenshot=" + png, "--window-size=1100,1400", html.toUri().toString());
		assertThat(png).exists();
		assertThat(Files.size(png)).isGreaterThan(10_000);
		String dom = Chromium.run(chromium, "--dump-dom", html.toUri().toString());
		assertThat(dom).contains("Duration per night").contains("Throughput per night").contains("Nights")
			.contains("Cut-over window").contains("polyline");
	}

	private Map<String, Integer> rowCounts() {
		Map<String, Integer> counts = new TreeMap<>();
		DatabaseSnapshot.of(this.database.dataSource()).forEach((table, rows) -> counts.put(table, rows.size()));
		return counts;
	}

}

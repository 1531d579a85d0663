package io.obmigrate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.Dialect;
import io.obmigrate.support.DcrFixture;
import io.obmigrate.support.TestDatabase;

/**
 * verify after the DCR job, on the hand-written fixture of OB 2.0 registrations and their service providers (edge
 * cases included: quarantined, filtered, renamed, suffixed properties): it passes; a property value changed by hand
 * after the run is named by service provider and property; {@code --failed-only} after the repair passes.
 */
abstract class DcrVerifyTests {

	@TempDir
	Path home;

	TestDatabase database;

	JdbcTemplate jdbc;

	Dialect dialect;

	abstract TestDatabase createDatabase();

	@BeforeEach
	void load() throws Exception {
		Path script = this.home.resolve("common-auth-script.js");
		Files.writeString(script, DcrFixture.OB_SCRIPT);
		this.database = createDatabase().withIdentity()
			.with("obmigrate.dcr.chunk-size", "4")
			.with("obmigrate.dcr.adaptive-script-file", script.toString());
		this.dialect = DcrFixture.load(this.database.dataSource(), true);
		this.jdbc = new JdbcTemplate(this.database.dataSource());
	}

	@AfterEach
	void drop() {
		this.database.close();
	}

	TestDatabase.Result run(String... args) {
		return this.database.run(this.home, args);
	}

	@Test
	void dcrVerifiesThenNamesAChangedPropertyThenPassesAfterRepair() {
		TestDatabase.Result migrated = run("run", "dcr");
		assertThat(migrated.exitCode()).as(migrated.toString()).isZero();
		TestDatabase.Result clean = run("run", "verify");
		assertThat(clean.exitCode()).as(clean.toString()).isZero();
		assertThat(clean.out()).containsPattern("dcr +SP_METADATA +validated")
			.containsPattern("dcr +OBMIGRATE_SP_JOURNAL +validated")
			.containsPattern("consent +OB_CONSENT +not validated .*no completed consent run");

		// a property the DCR job added, changed by hand afterwards
		var added = this.jdbc.queryForList("SELECT j.SP_ID, a.APP_NAME, m.NAME FROM OBMIGRATE_SP_JOURNAL j JOIN SP_APP a"
				+ " ON a.ID = j.SP_ID JOIN SP_METADATA m ON m.SP_ID = j.SP_ID WHERE j.ACTION = 'INSERT' AND j.TABLE_NAME ="
				+ " 'SP_METADATA' ORDER BY j.ID, m.NAME")
			.stream()
			.filter(row -> this.jdbc.queryForObject("SELECT AFTER_IMAGE FROM OBMIGRATE_SP_JOURNAL WHERE SP_ID = ? AND"
					+ " ACTION = 'INSERT' AND AFTER_IMAGE LIKE ?", String.class, row.get("SP_ID"),
					"%\"NAME\":\"" + row.get("NAME") + "\"%") != null)
			.findFirst()
			.orElseThrow();
		String value = this.dialect.quote("VALUE");
		String original = this.jdbc.queryForObject("SELECT " + value + " FROM SP_METADATA WHERE SP_ID = ? AND NAME = ?",
				String.class, added.get("SP_ID"), added.get("NAME"));
		this.jdbc.update("UPDATE SP_METADATA SET " + value + " = 'changed-by-hand' WHERE SP_ID = ? AND NAME = ?",
				added.get("SP_ID"), added.get("NAME"));

		TestDatabase.Result corrupted = run("run", "verify", "--jobs", "dcr");
		assertThat(corrupted.exitCode()).as(corrupted.toString()).isEqualTo(5);
		assertThat(corrupted.out()).containsPattern("dcr +SP_METADATA +mismatched")
			.contains("SP_METADATA key " + added.get("APP_NAME") + "/" + added.get("NAME"))
			.contains("VALUE: expected '" + original + "', found 'changed-by-hand'");

		this.jdbc.update("UPDATE SP_METADATA SET " + value + " = ? WHERE SP_ID = ? AND NAME = ?", original,
				added.get("SP_ID"), added.get("NAME"));
		TestDatabase.Result repaired = run("run", "verify", "--failed-only");
		assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
		assertThat(repaired.out()).containsPattern("dcr +SP_METADATA +validated");
	}

}

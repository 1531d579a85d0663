package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.support.TestDatabase;

/**
 * Catch-up: after a full run, about 1% of the source changes (revocations, status changes, new consents);
 * {@code run consent --since-last-run} reads those consents only, re-writes each completely (removed child rows
 * removed), and {@code verify} then passes.
 */
abstract class CatchUpTests {

	@TempDir
	Path home;

	TestDatabase database;

	JdbcTemplate jdbc;

	abstract TestDatabase createDatabase();

	@BeforeEach
	void setUp() {
		this.database = createDatabase();
		this.jdbc = new JdbcTemplate(this.database.dataSource());
	}

	@AfterEach
	void tearDown() {
		this.database.close();
	}

	TestDatabase.Result run(String... args) {
		return this.database.run(this.home, args);
	}

	@Test
	void catchUpReadsTheChangedConsentsOnlyAndVerifyPasses() {
		assertThat(run("generate", "--consents", "6000", "--seed", "21").exitCode()).isZero();
		TestDatabase.Result refused = run("run", "consent", "--since-last-run");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
		assertThat(refused.err()).contains("no completed consent run");

		TestDatabase.Result full = run("run", "consent", "--create-schema");
		assertThat(full.exitCode()).as(full.toString()).isZero();
		long fullRead = read(full.out());

		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
		// 200 authorised account consents revoked (their authorisation rows change)
		List<String> revoked = this.jdbc.queryForList("SELECT ID FROM UK_ACCOUNT_INITIATION WHERE STATUS = 'Authorised'"
				+ " ORDER BY ID", String.class).subList(0, 200);
		for (String id : revoked) {
			this.jdbc.update("UPDATE UK_ACCOUNT_INITIATION SET STATUS = 'Revoked', STATUS_UPDATED_TIMESTAMP = ? WHERE"
					+ " ID = ?", now, id);
		}
		// 30 payment consents rejected
		List<String> rejected = this.jdbc.queryForList("SELECT ID FROM UK_TRANSACTION_INITIATION WHERE STATUS ="
				+ " 'AwaitingAuthorisation' ORDER BY ID", String.class).subList(0, 30);
		for (String id : rejected) {
			this.jdbc.update("UPDATE UK_TRANSACTION_INITIATION SET STATUS = 'Rejected', STATUS_UPDATED_TIMESTAMP = ?"
					+ " WHERE ID = ?", now, id);
		}
		// 30 new funds-confirmation consents
		List<String> copied = this.jdbc.queryForList("SELECT ID FROM UK_COF_INITIATION WHERE STATUS ="
				+ " 'AwaitingAuthorisation' ORDER BY ID", String.class).subList(0, 30);
		for (String id : copied) {
			this.jdbc.update("INSERT INTO UK_COF_INITIATION (ID, REQUEST, CREATED_TIMESTAMP, STATUS, CLIENT_ID,"
					+ " STATUS_UPDATED_TIMESTAMP, SPEC_VERSION) SELECT CONCAT('zz-', ID), REQUEST, ?, STATUS, CLIENT_ID, ?,"
					+ " SPEC_VERSION FROM UK_COF_INITIATION WHERE ID = ?", now, now, id);
		}
		long resourcesBefore = count("SELECT COUNT(*) FROM OB_CONSENT_AUTH_RESOURCE");

		TestDatabase.Result check = run("check");
		assertThat(check.out()).as(check.toString()).contains("[changed-since-last-run]").contains("260 consents created or changed");

		TestDatabase.Result catchUp = run("run", "consent", "--since-last-run");
		assertThat(catchUp.exitCode()).as(catchUp.toString()).isZero();
		assertThat(catchUp.out()).contains("CATCH-UP: consents created or changed since");
		assertThat(read(catchUp.out())).as("consents read by the catch-up of %d: %s", fullRead, catchUp.out()).isEqualTo(260);
		assertThat(count("SELECT COUNT(*) FROM OB_CONSENT WHERE CURRENT_STATUS = 'revoked' AND CONSENT_ID IN ('"
				+ String.join("','", revoked) + "')")).isEqualTo(200);
		assertThat(count("SELECT COUNT(*) FROM OB_CONSENT WHERE CONSENT_ID LIKE 'zz-%'")).isEqualTo(30);
		assertThat(count("SELECT COUNT(*) FROM OB_CONSENT_AUTH_RESOURCE")).as("re-written authorisations")
			.isNotEqualTo(resourcesBefore + 30);

		TestDatabase.Result verify = run("run", "verify", "--jobs", "consent");
		assertThat(verify.exitCode()).as(verify.toString()).isZero();

		// nothing changed since: a second catch-up reads the changes of the margin only, and verify still passes
		TestDatabase.Result again = run("run", "consent", "--since-last-run");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(run("run", "verify", "--jobs", "consent").exitCode()).isZero();
	}

	long count(String sql) {
		Long n = this.jdbc.queryForObject(sql, Long.class);
		return n == null ? 0 : n;
	}

	/** The consents read, from the summary's source line. */
	@Test
	void aCompletedRunBuildsTheForeignKeyIndexesAfterItsLoad() throws Exception {
		assertThat(run("generate", "--consents", "300", "--seed", "5").exitCode()).isZero();
		TestDatabase.Result fixed = run("check", "--fix");
		assertThat(fixed.out()).as(fixed.toString()).contains("create the OB 3.0 consent tables");
		// PostgreSQL, SQL Server and Oracle do not index a foreign key with its constraint: obmigrate's tables come
		// without those indexes until the load is over (MariaDB and H2 index each key themselves)
		assertThat(unindexedForeignKeys()).isEqualTo(
				this.database.kind().equals("postgresql") ? List.of("OB_CONSENT_AUTH_RESOURCE.CONSENT_ID",
						"OB_CONSENT_MAPPING.AUTH_ID", "OB_CONSENT_STATUS_AUDIT.CONSENT_ID") : List.of());
		TestDatabase.Result check = run("check");
		assertThat(check.out()).as("empty tables: nothing to warn about yet").doesNotContain("foreign-key-unindexed");

		TestDatabase.Result full = run("run", "consent");
		assertThat(full.exitCode()).as(full.toString()).isZero();
		assertThat(unindexedForeignKeys()).as("built when the run completed").isEmpty();
	}

	/** The child-table foreign keys no index leads with, as TABLE.COLUMN. */
	private List<String> unindexedForeignKeys() throws java.sql.SQLException {
		List<String> unindexed = new java.util.ArrayList<>();
		try (java.sql.Connection connection = this.database.dataSource().getConnection()) {
			java.sql.DatabaseMetaData meta = connection.getMetaData();
			for (String[] key : new String[][] { { "OB_CONSENT_AUTH_RESOURCE", "CONSENT_ID" },
					{ "OB_CONSENT_MAPPING", "AUTH_ID" }, { "OB_CONSENT_STATUS_AUDIT", "CONSENT_ID" } }) {
				boolean indexed = false;
				for (String table : List.of(key[0], key[0].toLowerCase(java.util.Locale.ROOT))) {
					try (java.sql.ResultSet index = meta.getIndexInfo(connection.getCatalog(), null, table, false, false)) {
						while (index.next()) {
							indexed |= index.getShort("ORDINAL_POSITION") == 1
									&& key[1].equalsIgnoreCase(index.getString("COLUMN_NAME"));
						}
					}
				}
				if (!indexed) {
					unindexed.add(key[0] + "." + key[1]);
				}
			}
		}
		return unindexed;
	}

	static long read(String summary) {
		Matcher m = Pattern.compile("(?m)^ total +([\\d,]+)").matcher(summary);
		assertThat(m.find()).as(summary).isTrue();
		return Long.parseLong(m.group(1).replace(",", ""));
	}

}

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
	void aCompletedRunAddsTheForeignKeysAndBuildsTheirIndexesAfterItsLoad() throws Exception {
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

		// PostgreSQL checks every inserted child row with a trigger: obmigrate's tables come without their foreign keys
		// until the load is over; elsewhere they are there from the start
		boolean afterLoad = this.database.kind().equals("postgresql");
		assertThat(foreignKeys().keySet()).isEqualTo(afterLoad ? java.util.Set.of() : KEYS);
		assertThat(check.out()).as("empty tables: nothing to warn about yet").doesNotContain("foreign-key-missing");

		TestDatabase.Result full = run("run", "consent");
		assertThat(full.exitCode()).as(full.toString()).isZero();
		assertThat(unindexedForeignKeys()).as("built when the run completed").isEmpty();
		assertThat(foreignKeys().keySet()).as("added when the run completed").isEqualTo(KEYS);
		if (afterLoad) {
			assertThat(foreignKeys()).as("as the script declares them").containsEntry("FK_OB_CONSENT_ATTRIBUTE",
					"OB_CONSENT_ATTRIBUTE.CONSENT_ID -> OB_CONSENT.CONSENT_ID ON DELETE CASCADE")
				.containsEntry("FK_OB_CONSENT_MAPPING",
						"OB_CONSENT_MAPPING.AUTH_ID -> OB_CONSENT_AUTH_RESOURCE.AUTH_ID");
		}
		assertThat(run("check").out()).doesNotContain("foreign-key-missing").doesNotContain("foreign-key-unindexed");
	}

	/**
	 * Tables left without their foreign keys (a run stopped before it completed) hold consents: {@code check} reports
	 * the keys and {@code --fix} adds them; a key whose table holds a row without its parent is refused with what to
	 * do, and the others are added.
	 */
	@Test
	void checkAddsTheForeignKeysAStoppedRunLeftMissing() throws Exception {
		postgresTablesWithAnOrphanAuditRow();
		this.jdbc.update("INSERT INTO OB_CONSENT (CONSENT_ID, RECEIPT, CREATED_TIME, UPDATED_TIME, CLIENT_ID,"
				+ " CONSENT_TYPE, CURRENT_STATUS) VALUES ('c-1', '{}', 1, 1, 'tpp', 'accounts', 'authorized')");

		Path sql = this.home.resolve("suggested.sql");
		TestDatabase.Result check = run("check", "--emit-sql", sql.toString());
		assertThat(check.out()).as(check.toString()).contains("[foreign-key-missing]")
			.contains("FK_OB_CONSENT_STATUS_AUDIT (OB_CONSENT_STATUS_AUDIT.CONSENT_ID -> OB_CONSENT)");
		assertThat(java.nio.file.Files.readString(sql)).contains("ALTER TABLE OB_CONSENT_ATTRIBUTE ADD CONSTRAINT"
				+ " FK_OB_CONSENT_ATTRIBUTE FOREIGN KEY (CONSENT_ID) REFERENCES OB_CONSENT (CONSENT_ID) ON DELETE CASCADE");

		TestDatabase.Result refused = run("check", "--fix");
		assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
		assertThat(refused.toString()).contains("refused ALTER TABLE OB_CONSENT_STATUS_AUDIT ADD CONSTRAINT"
				+ " FK_OB_CONSENT_STATUS_AUDIT").contains("rows without their parent row");
		java.util.Set<String> others = new java.util.TreeSet<>(KEYS);
		others.remove("FK_OB_CONSENT_STATUS_AUDIT");
		assertThat(foreignKeys().keySet()).as("the other keys added").isEqualTo(others);

		this.jdbc.update("DELETE FROM OB_CONSENT_STATUS_AUDIT WHERE CONSENT_ID = 'no-such-consent'");
		TestDatabase.Result fixed = run("check", "--fix");
		assertThat(fixed.out()).as(fixed.toString()).contains("add the OB 3.0 consent foreign keys (1)")
			.doesNotContain("[foreign-key-missing]");
		assertThat(foreignKeys().keySet()).isEqualTo(KEYS);
	}

	/**
	 * A key a run stopped between declaring it (unchecked) and checking the rows against it: {@code check} reports it
	 * with the statement that checks it, and {@code --fix} checks it.
	 */
	@Test
	void checkChecksAKeyAStoppedRunDeclaredUnchecked() throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(this.database.kind().equals("postgresql"),
				"only PostgreSQL declares keys unchecked");
		assertThat(run("generate", "--consents", "50", "--seed", "5").exitCode()).isZero();
		assertThat(run("check", "--fix").exitCode()).isZero();
		this.jdbc.update("INSERT INTO OB_CONSENT (CONSENT_ID, RECEIPT, CREATED_TIME, UPDATED_TIME, CLIENT_ID,"
				+ " CONSENT_TYPE, CURRENT_STATUS) VALUES ('c-1', '{}', 1, 1, 'tpp', 'accounts', 'authorized')");
		this.jdbc.execute("ALTER TABLE OB_CONSENT_FILE ADD CONSTRAINT FK_OB_CONSENT_FILE FOREIGN KEY (CONSENT_ID)"
				+ " REFERENCES OB_CONSENT (CONSENT_ID) NOT VALID");

		Path sql = this.home.resolve("suggested.sql");
		TestDatabase.Result check = run("check", "--emit-sql", sql.toString());
		assertThat(check.out()).as(check.toString()).contains("[foreign-key-missing]")
			.contains("FK_OB_CONSENT_FILE (OB_CONSENT_FILE.CONSENT_ID -> OB_CONSENT; declared, the rows not checked"
					+ " against it)");
		assertThat(java.nio.file.Files.readString(sql))
			.contains("ALTER TABLE OB_CONSENT_FILE VALIDATE CONSTRAINT FK_OB_CONSENT_FILE");

		TestDatabase.Result fixed = run("check", "--fix");
		assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
		assertThat(foreignKeys().keySet()).isEqualTo(KEYS);
		assertThat(this.jdbc.queryForList("SELECT conname FROM pg_constraint WHERE contype = 'f' AND NOT convalidated",
				String.class)).as("every key checked").isEmpty();
		assertThat(run("check").out()).doesNotContain("[foreign-key-missing]");
	}

	/** A key the loaded rows refuse does not fail the completed run: the run adds the other keys, check reports it. */
	@Test
	void aKeyTheRowsRefuseLeavesTheOthersAddedAndIsReported() throws Exception {
		postgresTablesWithAnOrphanAuditRow();

		TestDatabase.Result full = run("run", "consent");
		assertThat(full.exitCode()).as(full.toString()).isZero();
		java.util.Set<String> others = new java.util.TreeSet<>(KEYS);
		others.remove("FK_OB_CONSENT_STATUS_AUDIT");
		assertThat(foreignKeys().keySet()).as("the other keys added").isEqualTo(others);
		assertThat(run("check").out()).contains("[foreign-key-missing]")
			.contains("FK_OB_CONSENT_STATUS_AUDIT (OB_CONSENT_STATUS_AUDIT.CONSENT_ID -> OB_CONSENT)");
	}

	/**
	 * PostgreSQL only (skips elsewhere): source data, the OB 3.0 tables created without their keys, and one status
	 * audit row whose consent does not exist.
	 */
	private void postgresTablesWithAnOrphanAuditRow() {
		org.junit.jupiter.api.Assumptions.assumeTrue(this.database.kind().equals("postgresql"),
				"only PostgreSQL tables are created without their foreign keys");
		assertThat(run("generate", "--consents", "50", "--seed", "5").exitCode()).isZero();
		assertThat(run("check", "--fix").exitCode()).isZero();
		this.jdbc.update("INSERT INTO OB_CONSENT_STATUS_AUDIT (STATUS_AUDIT_ID, CONSENT_ID, CURRENT_STATUS,"
				+ " ACTION_TIME) VALUES ('a-1', 'no-such-consent', 'authorized', 1)");
	}

	private static final java.util.Set<String> KEYS = java.util.Set.of("FK_ID_OB_CONSENT_AUTH_RESOURCE",
			"FK_OB_CONSENT_MAPPING", "FK_OB_CONSENT_STATUS_AUDIT", "FK_OB_CONSENT_FILE", "FK_OB_CONSENT_ATTRIBUTE");

	/** The child tables' foreign keys by name (upper case): {@code TABLE.COLUMN -> PARENT.COLUMN[ ON DELETE CASCADE]}. */
	private java.util.Map<String, String> foreignKeys() throws java.sql.SQLException {
		java.util.Map<String, String> keys = new java.util.TreeMap<>();
		try (java.sql.Connection connection = this.database.dataSource().getConnection()) {
			java.sql.DatabaseMetaData meta = connection.getMetaData();
			for (String child : List.of("OB_CONSENT_AUTH_RESOURCE", "OB_CONSENT_MAPPING", "OB_CONSENT_STATUS_AUDIT",
					"OB_CONSENT_FILE", "OB_CONSENT_ATTRIBUTE")) {
				for (String table : java.util.Set.of(child, child.toLowerCase(java.util.Locale.ROOT))) {
					try (java.sql.ResultSet key = meta.getImportedKeys(connection.getCatalog(), null, table)) {
						while (key.next()) {
							String up = (key.getString("FKTABLE_NAME") + "." + key.getString("FKCOLUMN_NAME") + " -> "
									+ key.getString("PKTABLE_NAME") + "." + key.getString("PKCOLUMN_NAME"))
								.toUpperCase(java.util.Locale.ROOT);
							keys.put(key.getString("FK_NAME").toUpperCase(java.util.Locale.ROOT), up
									+ (key.getShort("DELETE_RULE") == java.sql.DatabaseMetaData.importedKeyCascade
											? " ON DELETE CASCADE" : ""));
						}
					}
				}
			}
		}
		return keys;
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

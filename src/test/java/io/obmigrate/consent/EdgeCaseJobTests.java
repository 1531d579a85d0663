package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.Dialect;
import io.obmigrate.support.EdgeCaseFixture;
import io.obmigrate.support.TargetSnapshot;
import io.obmigrate.support.TestDatabase;

/**
 * The consent job end to end on the atlas G.1 edge cases (cases 1-23), run through the CLI as a DBA would, on one
 * database; subclasses name the database. Also: a second run changes nothing, and a run that fails in a chunk and is
 * restarted ends with exactly the rows of a clean run.
 */
abstract class EdgeCaseJobTests {

	@TempDir
	Path home;

	TestDatabase database;

	Dialect dialect;

	JdbcTemplate jdbc;

	abstract TestDatabase createDatabase();

	@BeforeEach
	void loadFixture() {
		this.database = createDatabase().with("obmigrate.source-time-zone", EdgeCaseFixture.ZONE.getId());
		this.dialect = EdgeCaseFixture.load(this.database.dataSource());
		this.jdbc = new JdbcTemplate(this.database.dataSource());
	}

	@AfterEach
	void dropDatabase() {
		this.database.close();
	}

	private TestDatabase.Result run(String... args) {
		return this.database.run(this.home, args);
	}

	private String status(String consentId) {
		return this.jdbc.queryForObject("SELECT CURRENT_STATUS FROM OB_CONSENT WHERE CONSENT_ID = ?", String.class,
				consentId);
	}

	private List<Map<String, Object>> auths(String consentId) {
		return this.jdbc.queryForList("SELECT * FROM OB_CONSENT_AUTH_RESOURCE WHERE CONSENT_ID = ? ORDER BY UPDATED_TIME,"
				+ " USER_ID", consentId);
	}

	private List<Map<String, Object>> mappings(String consentId) {
		return this.jdbc.queryForList("SELECT m.* FROM OB_CONSENT_MAPPING m JOIN OB_CONSENT_AUTH_RESOURCE a ON"
				+ " a.AUTH_ID = m.AUTH_ID WHERE a.CONSENT_ID = ? ORDER BY m.ACCOUNT_ID", consentId);
	}

	private List<Map<String, Object>> audits(String consentId) {
		return this.jdbc.queryForList("SELECT * FROM OB_CONSENT_STATUS_AUDIT WHERE CONSENT_ID = ? ORDER BY ACTION_TIME,"
				+ " CURRENT_STATUS", consentId);
	}

	private Map<String, Object> audit(String consentId, String status) {
		return audits(consentId).stream().filter(a -> status.equals(a.get(key("CURRENT_STATUS")))).reduce((a, b) -> b)
			.orElseThrow(() -> new AssertionError("no " + status + " audit for " + consentId));
	}

	private String attribute(String consentId, String key) {
		List<String> values = this.jdbc.queryForList(
				"SELECT ATT_VALUE FROM OB_CONSENT_ATTRIBUTE WHERE CONSENT_ID = ? AND ATT_KEY = ?", String.class, consentId,
				key);
		return values.isEmpty() ? null : values.get(0);
	}

	private long count(String sql, Object... args) {
		Long n = this.jdbc.queryForObject(sql, Long.class, args);
		return n == null ? 0 : n;
	}

	/** Column labels as the database returns them (PostgreSQL: lower case). */
	String key(String column) {
		return this.dialect == Dialect.POSTGRESQL ? column.toLowerCase() : column;
	}

	private Object value(Map<String, Object> row, String column) {
		return row.get(key(column));
	}

	private static long epoch(String instant) {
		return Instant.parse(instant).getEpochSecond();
	}

	/** One migration of the whole fixture, then one test per edge case, so a failure names its case. */
	@TestFactory
	Stream<DynamicTest> edgeCasesMigrateToTheExpectedRows() {
		TestDatabase.Result result = run("run", "consent");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("(every row accounted for)");

		return Stream.of(
				dynamicTest("1: two binding users -> two multiAuthorization resources; the pending third is only reported.", () -> {
					assertThat(auths("c01-multi-auth")).extracting(a -> value(a, "AUTH_TYPE")).containsOnly("multiAuthorization");
					assertThat(auths("c01-multi-auth")).extracting(a -> value(a, "USER_ID")).containsExactly("u1", "u2");
				}),
				dynamicTest("2: one user, but OB_MULTI_AUTHORIZATION has a row.", () -> {
					assertThat(auths("c02-single-user-multi-row")).singleElement()
						.satisfies(a -> assertThat(value(a, "AUTH_TYPE")).isEqualTo("multiAuthorization"));
				}),
				dynamicTest("3: revoked, bindings only in UK_CONSENT_REV, no history: both accounts, inactive; default reason, no actor.", () -> {
					assertThat(mappings("c03-revoked-moved")).extracting(m -> value(m, "ACCOUNT_ID"), m -> value(m, "MAPPING_STATUS"))
						.containsExactly(org.assertj.core.groups.Tuple.tuple("a1", "inactive"),
								org.assertj.core.groups.Tuple.tuple("a2", "inactive"));
					Map<String, Object> revoke3 = audit("c03-revoked-moved", "revoked");
					assertThat(value(revoke3, "REASON")).isEqualTo("Revoke the consent");
					assertThat(value(revoke3, "ACTION_BY")).isNull();
				}),
				dynamicTest("4: bindings left in place are not lost (R2 would lose them); the bank's reason and revoker are kept.", () -> {
					assertThat(mappings("c04-revoked-in-place")).extracting(m -> value(m, "ACCOUNT_ID")).containsExactly("a1");
					Map<String, Object> revoke4 = audit("c04-revoked-in-place", "revoked");
					assertThat(value(revoke4, "REASON")).isEqualTo("Revoked by PSU via bank app");
					assertThat(value(revoke4, "ACTION_BY")).isEqualTo("bank-agent");
				}),
				dynamicTest("5: a 2,000-character reason is cut to the column, whole characters only.", () -> {
					String reason5 = (String) value(audit("c05-long-reason", "revoked"), "REASON");
					assertThat(EdgeCaseFixture.LONG_REASON).startsWith(reason5);
					assertThat(reason5.length()).isBetween(60, 255);
				}),
				dynamicTest("6: CoF revoked with history; CoF whose bindings are only in UK_CONSENT_REV keeps them.", () -> {
					assertThat(value(audit("c06a-cof-revoked", "revoked"), "REASON")).isEqualTo("Revoked by TPP");
					assertThat(mappings("c06b-cof-revoked-moved")).extracting(m -> value(m, "ACCOUNT_ID")).containsExactly("a9");
				}),
				dynamicTest("7: consumed without binding: submission audit without actor.", () -> {
					assertThat(value(audit("c07-consumed-unbound", "consumed"), "ACTION_BY")).isNull();
				}),
				dynamicTest("8: file payments: 10 KiB and non-ASCII copied byte for byte; 70 KiB over the MySQL BLOB is quarantined.", () -> {
					assertThat(file("c08a-file-10k")).isEqualTo(EdgeCaseFixture.FILE_10K);
					assertThat(file("c08c-file-non-ascii")).isEqualTo(EdgeCaseFixture.FILE_NON_ASCII);
					if (this.dialect == Dialect.MYSQL) {
						assertThat(count("SELECT COUNT(*) FROM OB_CONSENT WHERE CONSENT_ID = 'c08b-file-70k'")).isZero();
						assertThat(result.out()).contains("c08b-file-70k").contains(ConsentRule.FILE_TOO_LARGE.slug());
					}
					else {
						assertThat(file("c08b-file-70k")).isEqualTo(EdgeCaseFixture.FILE_70K);
					}
				}),
				dynamicTest("9: awaiting upload: one awaitingUpload audit, no file; uploaded: A1 + A2 at the file's time.", () -> {
					assertThat(audits("c09a-awaiting-upload")).singleElement()
						.satisfies(a -> assertThat(value(a, "CURRENT_STATUS")).isEqualTo("awaitingUpload"));
					assertThat(((Number) value(audit("c09b-uploaded", "awaitingAuthorization"), "ACTION_TIME")).longValue())
						.isEqualTo(EdgeCaseFixture.T0.getEpochSecond() + 300);
					assertThat(file("c09b-uploaded")).isEqualTo(EdgeCaseFixture.FILE_NON_ASCII);
				}),
				dynamicTest("10: a file row without file-payment metadata is not copied, its upload key is kept.", () -> {
					assertThat(count("SELECT COUNT(*) FROM OB_CONSENT_FILE WHERE CONSENT_ID = 'c10-file-not-flagged'")).isZero();
					assertThat(attribute("c10-file-not-flagged", "FileUploadIdempotencyKey")).isEqualTo("file-key-e");
				}),
				dynamicTest("11: expiry absent / Z / +05:30 / no offset (UTC assumed) / malformed.", () -> {
					assertThat(validity("c11a-no-expiry")).isZero();
					assertThat(validity("c11b-expiry-z")).isEqualTo(epoch("2030-01-01T00:00:00Z"));
					assertThat(validity("c11c-expiry-offset")).isEqualTo(epoch("2030-01-01T00:00:00Z"));
					assertThat(validity("c11d-expiry-no-offset")).isEqualTo(epoch("2030-01-01T00:00:00Z"));
					assertThat(validity("c11e-expiry-malformed")).isZero();
				}),
				dynamicTest("12: permissions mapped, OB shape untouched, unknown name kept.", () -> {
					assertThat(receipt("c12a-ob2-shape")).isEqualTo("{\"Data\":{\"Permissions\":[\"ReadAccountsDetail\",\"READFOO\"]}}");
					assertThat(receipt("c12b-ob-shape")).isEqualTo("{\"Data\":{\"Permissions\":[\"ReadBalances\"]},\"Risk\":{}}");
				}),
				dynamicTest("13: an array body is rewritten; a non-JSON body is copied where the column allows it.", () -> {
					assertThat(receipt("c13a-array-body")).isEqualTo("[{\"Risk\":{}}]");
					if (this.dialect != Dialect.MYSQL) {
						assertThat(this.jdbc.queryForObject("SELECT RECEIPT FROM OB_CONSENT WHERE CONSENT_ID = 'c13b-not-json'",
								String.class)).isEqualTo("consent body lost in 2019");
					}
				}),
				dynamicTest("14: SupplementaryData keeps its keys; objects inside arrays are renamed.", () -> {
					assertThat(receipt("c14-supplementary")).isEqualTo("{\"Data\":{\"Initiation\":{\"SupplementaryData\":"
							+ "{\"merchantRef\":\"m-1\"}},\"Charges\":[{\"ChargeBearer\":\"Shared\"}]}}");
				}),
				dynamicTest("15: Alice and alice are one PSU (first spelling by time, then ID: \"Alice\").", () -> {
					assertThat(auths("c15-users")).extracting(a -> value(a, "USER_ID"))
						.containsExactlyInAnyOrder("Alice", "PRIMARY/bob", "admin@wso2.com", "alice@carbon.super");
					assertThat(mappings("c15-users")).hasSize(5);
				}),
				dynamicTest("16: NOT_SELECTED account skipped; NOT_SELECTED debtor written as n/a.", () -> {
					assertThat(mappings("c16a-not-selected")).extracting(m -> value(m, "ACCOUNT_ID")).containsExactly("a1");
					assertThat(mappings("c16b-debtor-not-selected")).extracting(m -> value(m, "ACCOUNT_ID")).containsExactly("n/a");
				}),
				dynamicTest("17: re-authorisation; and a one-second spread that is not one.", () -> {
					assertThat(auths("c17a-reauthorised")).extracting(a -> value(a, "AUTH_TYPE"), a -> value(a, "AUTH_STATUS"))
						.containsExactly(org.assertj.core.groups.Tuple.tuple("authorization", "revoked"),
								org.assertj.core.groups.Tuple.tuple("ReAuthorization", "re-authorised"));
					assertThat(mappings("c17a-reauthorised")).extracting(m -> value(m, "ACCOUNT_ID"), m -> value(m, "MAPPING_STATUS"))
						.containsExactly(org.assertj.core.groups.Tuple.tuple("w-old", "inactive"),
								org.assertj.core.groups.Tuple.tuple("x", "active"), org.assertj.core.groups.Tuple.tuple("y", "active"));
					assertThat(audits("c17a-reauthorised")).extracting(a -> value(a, "REASON")).contains("Reauthorize consent");
					assertThat(auths("c17b-one-second")).singleElement()
						.satisfies(a -> assertThat(value(a, "AUTH_TYPE")).isEqualTo("authorization"));
				}),
				dynamicTest("18: rejected without bindings: rejected audit, no authorisation; with bindings: rejected authorisation.", () -> {
					assertThat(auths("c18a-rejected-unbound")).isEmpty();
					assertThat(value(audit("c18a-rejected-unbound", "rejected"), "ACTION_BY")).isNull();
					assertThat(auths("c18b-rejected-bound")).singleElement()
						.satisfies(a -> assertThat(value(a, "AUTH_STATUS")).isEqualTo("rejected"));
				}),
				dynamicTest("19: Expired and Deleted quarantined with the fix; lower-case authorised understood.", () -> {
					assertThat(count("SELECT COUNT(*) FROM OB_CONSENT WHERE CONSENT_ID IN ('c19a-expired', 'c19b-deleted')")).isZero();
					assertThat(result.out()).contains("c19a-expired").contains("c19b-deleted").contains("extra-statuses");
					assertThat(status("c19c-lower-case")).isEqualTo("authorized");
				}),
				dynamicTest("20: DST overlap takes the earlier offset, the gap shifts forward; TIMESTAMP and DATETIME agree.", () -> {
					assertThat(created("c20a-dst-overlap")).isEqualTo(epoch("2021-10-31T00:30:00Z"));
					assertThat(created("c20b-dst-gap")).isEqualTo(epoch("2021-03-28T01:30:00Z"));
					assertThat(auths("c20c-timestamp-kinds")).singleElement()
						.satisfies(a -> assertThat(((Number) value(a, "UPDATED_TIME")).longValue())
							.isEqualTo(EdgeCaseFixture.T0.getEpochSecond() + 500));
					assertThat(mappings("c20c-timestamp-kinds")).hasSize(2);
				}),
				dynamicTest("21: legacy spec version and a 64-character idempotency key are attributes.", () -> {
					assertThat(attribute("c21a-uk200", "SPEC_VERSION")).isEqualTo("UK200");
					assertThat(attribute("c21b-long-key", "IdempotencyKey")).isEqualTo("k".repeat(64));
				}),
				dynamicTest("22: orphan metadata ignored; paymentType wins over PaymentType; a 255-character value fits.", () -> {
					assertThat(count("SELECT COUNT(*) FROM OB_CONSENT_ATTRIBUTE WHERE CONSENT_ID = 'c22-orphan-no-consent'")).isZero();
					assertThat(attribute("c22b-both-keys", "PaymentType")).isEqualTo("domestic-payment-consents");
					assertThat(attribute("c22b-both-keys", "note")).isEqualTo("n".repeat(255));
				}),
				dynamicTest("23: the native consent is left alone, the OB 2.0 one quarantined.", () -> {
					assertThat(status("c23-native-clash")).isEqualTo("authorized");
					assertThat(count("SELECT COUNT(*) FROM OB_CONSENT_AUTH_RESOURCE WHERE CONSENT_ID = 'c23-native-clash'")).isZero();
					assertThat(result.out()).contains(ConsentRule.TARGET_CONFLICT.slug());
				}),
				dynamicTest("every OB 3.0 ID is the deterministic one", () -> {
					assertThat(audits("c11a-no-expiry")).extracting(a -> value(a, "STATUS_AUDIT_ID"))
						.containsExactly(AuditEvent.CREATED.auditId(ConsentType.ACCOUNTS, "c11a-no-expiry", null));
					// each type's authorisations and audits in a region of its own: the first digit is the type's
					java.util.Set<String> regions = new java.util.TreeSet<>();
					for (String[] child : new String[][] { { "OB_CONSENT_STATUS_AUDIT", "STATUS_AUDIT_ID" },
							{ "OB_CONSENT_AUTH_RESOURCE", "AUTH_ID" } }) {
						this.jdbc.query("SELECT C.CONSENT_TYPE, A." + child[1] + " FROM OB_CONSENT C JOIN " + child[0]
								+ " A ON A.CONSENT_ID = C.CONSENT_ID",
								(org.springframework.jdbc.core.RowCallbackHandler) rs -> regions
									.add(rs.getString(1) + " " + rs.getString(2).charAt(0)));
					}
					assertThat(regions).containsExactly("accounts 1", "fundsconfirmations 2", "payments 3");
				}));
	}

	@Test
	void secondRunWritesAndChangesNothing() {
		assertThat(run("run", "consent").exitCode()).isZero();
		Map<String, List<String>> first = TargetSnapshot.of(this.database.dataSource());
		TestDatabase.Result again = run("run", "consent");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.out()).containsPattern("total\\s+[\\d,]+\\s+0\\s");
		assertThat(TargetSnapshot.of(this.database.dataSource())).isEqualTo(first);
	}

	@Test
	void aConsentAnEarlierVersionWroteIsNotTakenForANativeOne() {
		// obmigrate's IDs began with their consent's ID from one version on, and with the type's region from a later
		// one; a consent written before keeps the creation audit under the ID it had then (the same name: without the
		// region, or a version 5 UUID), and a later run leaves it alone
		assertThat(run("run", "consent").exitCode()).isZero();
		List<String> consents = List.of("c11a-no-expiry", "c11b-expiry-z");
		for (int i = 0; i < consents.size(); i++) {
			String now = AuditEvent.CREATED.auditId(ConsentType.ACCOUNTS, consents.get(i), null);
			String earlier = AuditEvent.CREATED.earlierAuditIds(consents.get(i)).get(i);
			assertThat(now).isNotEqualTo(earlier);
			assertThat(this.jdbc.update("UPDATE OB_CONSENT_STATUS_AUDIT SET STATUS_AUDIT_ID = ? WHERE STATUS_AUDIT_ID = ?",
					earlier, now)).isOne();
		}
		Map<String, List<String>> before = TargetSnapshot.of(this.database.dataSource());
		TestDatabase.Result again = run("run", "consent");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.out()).doesNotContain(consents.get(0))
			.doesNotContain(consents.get(1))
			.containsPattern("total\\s+[\\d,]+\\s+0\\s");
		assertThat(TargetSnapshot.of(this.database.dataSource())).isEqualTo(before);
	}

	@Test
	void failureInAChunkThenRestartEqualsACleanRun() {
		DataSource dataSource = this.database.dataSource();
		// A clean run on a copy of the same data is the reference: the fixture is deterministic, so run it here
		// first, snapshot, then empty the target and fail the next run part-way.
		assertThat(run("run", "consent").exitCode()).isZero();
		Map<String, List<String>> clean = TargetSnapshot.of(dataSource);
		emptyTarget();
		assertThat(run("abandon", "--execution", "1").exitCode()).as("a completed run cannot be abandoned").isEqualTo(2);
		// The payments step fails on something that is no row's fault (the database reports its disk full).
		io.obmigrate.support.ChunkFault.install(this.jdbc, this.dialect, "OB_CONSENT_FILE");
		TestDatabase.Result failed = run("run", "consent", "--max-quarantined", "100");
		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
		assertThat(failed.out()).contains("FAILED");
		assertThat(run("run", "consent").exitCode()).as("a new run is refused while one is failed").isEqualTo(3);
		io.obmigrate.support.ChunkFault.remove(this.jdbc, this.dialect, "OB_CONSENT_FILE");
		TestDatabase.Result restarted = run("restart", "consent");
		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
		assertThat(restarted.out()).contains("(every row accounted for)");
		assertThat(TargetSnapshot.of(dataSource)).isEqualTo(clean);
	}

	private void emptyTarget() {
		for (String table : List.of("OB_CONSENT_MAPPING", "OB_CONSENT_AUTH_RESOURCE", "OB_CONSENT_STATUS_AUDIT",
				"OB_CONSENT_ATTRIBUTE", "OB_CONSENT_FILE")) {
			this.jdbc.execute("DELETE FROM " + table);
		}
		this.jdbc.execute("DELETE FROM OB_CONSENT WHERE CONSENT_ID <> 'c23-native-clash'");
	}

	private long validity(String consentId) {
		return this.jdbc.queryForObject("SELECT VALIDITY_TIME FROM OB_CONSENT WHERE CONSENT_ID = ?", Long.class,
				consentId);
	}

	private long created(String consentId) {
		return this.jdbc.queryForObject("SELECT CREATED_TIME FROM OB_CONSENT WHERE CONSENT_ID = ?", Long.class,
				consentId);
	}

	private String receipt(String consentId) {
		return this.jdbc.queryForObject("SELECT RECEIPT FROM OB_CONSENT WHERE CONSENT_ID = ?", String.class, consentId)
			.replace(" ", "");
	}

	private byte[] file(String consentId) {
		return this.jdbc.query("SELECT CONSENT_FILE FROM OB_CONSENT_FILE WHERE CONSENT_ID = ?", rs -> {
			assertThat(rs.next()).as("file of " + consentId).isTrue();
			Object value = rs.getObject(1);
			if (value instanceof byte[] bytes) {
				return bytes;
			}
			if (value instanceof java.sql.Blob blob) {
				return blob.getBytes(1, (int) blob.length());
			}
			return rs.getString(1).getBytes(StandardCharsets.UTF_8);
		}, consentId);
	}

}

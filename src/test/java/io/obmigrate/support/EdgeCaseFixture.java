package io.obmigrate.support;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collections;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.SourceClock;
import io.obmigrate.core.SourceTimes;

/**
 * The consent edge cases of atlas G.1 (cases 1-23) as OB 2.0 rows, loaded into a test database through the project's
 * own DDL. Times are written the way the database stores them (wall clock in {@link #ZONE}, MySQL TIMESTAMP in UTC).
 */
public final class EdgeCaseFixture {

	/** The source time zone the edge-case runs use (case 20 needs one with DST). */
	public static final ZoneId ZONE = ZoneId.of("Europe/London");

	public static final Instant T0 = Instant.parse("2021-06-01T09:00:00Z");

	public static final Instant UPDATED = Instant.parse("2021-06-02T09:00:00Z");

	public static final String LONG_REASON = "Révoqué à la demande du client — 顧客の要求により取り消されました. ".repeat(40);

	public static final byte[] FILE_10K = repeat("payee,sort code,account,amount\nACME,20-00-00,12345678,10.00\n", 10 * 1024);

	public static final byte[] FILE_70K = repeat("payee,sort code,account,amount\nACME,20-00-00,12345678,10.00\n", 70 * 1024);

	public static final byte[] FILE_NON_ASCII = "Zahlungsempfänger,Betrag\nMüller & Söhne,10,00 €\n"
		.getBytes(StandardCharsets.UTF_8);

	private final Connection connection;

	private final Dialect dialect;

	private final SourceClock clock;

	private EdgeCaseFixture(Connection connection, Dialect dialect) throws SQLException {
		this.connection = connection;
		this.dialect = dialect;
		this.clock = new SourceClock(new SourceTimes(ZONE));
	}

	public static Dialect load(DataSource dataSource) {
		return load(dataSource, EdgeCaseFixture::insertAll, "edge-case fixture");
	}

	/**
	 * The consent part of the bad-input corpus: hostile bodies, deep nesting, huge values, SQL-looking and
	 * control-character text, duplicates, orphans and out-of-range times, as OB 2.0 rows. Keys start with {@code q};
	 * {@code ConsentBadInputTests} holds the outcome documented for each.
	 */
	public static Dialect loadBadInput(DataSource dataSource) {
		return load(dataSource, EdgeCaseFixture::insertBadInput, "bad-input corpus");
	}

	@FunctionalInterface
	private interface Rows {

		void insert(EdgeCaseFixture fixture) throws SQLException;

	}

	private static Dialect load(DataSource dataSource, Rows rows, String what) {
		try (Connection connection = dataSource.getConnection()) {
			Dialect dialect = Dialect.detect(connection);
			ScriptUtils.executeSqlScript(connection, new ClassPathResource("sql/" + dialect.folder() + "/ob2-source.sql"));
			ScriptUtils.executeSqlScript(connection, new ClassPathResource("sql/" + dialect.folder() + "/ob3-consent.sql"));
			EdgeCaseFixture fixture = new EdgeCaseFixture(connection, dialect);
			for (String table : new String[] { "UK_ACCOUNT_INITIATION", "UK_COF_INITIATION", "UK_TRANSACTION_INITIATION",
					"UK_ACCOUNT_CONSENT_BINDING", "UK_COF_CONSENT_BINDING", "UK_TRANSACTION_CONSENT_BINDING",
					"UK_CONSENT_REV", "UK_TRANSACTION_FILE" }) {
				fixture.clock.learn(connection, dialect, table);
			}
			rows.insert(fixture);
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
			return dialect;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Loading the " + what + " failed: " + ex.getMessage(), ex);
		}
	}

	/** JSON text of an object nested {@code depth} levels deep: {"a":{"a":...1...}}. */
	public static String nested(int depth) {
		return "{\"a\":".repeat(depth - 1) + "{\"a\":1}" + "}".repeat(depth - 1);
	}

	private static String quoted(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private void insertBadInput() throws SQLException {
		String accounts = "{\"accountData\":{\"permissions\":[\"READBALANCES\"],"
				+ "\"expirationDateTime\":\"2030-01-01T00:00:00Z\"}}";
		String payment = "{\"data\":{\"initiation\":{\"instructedAmount\":{\"amount\":\"10.00\"}}}}";
		// a remittance field holding JSON text nested 999 deep: the rewrite expands it past the JSON writers' limit
		payment("q01-deep-embedded", "{\"data\":{\"initiation\":{\"remittanceInformation\":" + quoted(nested(999))
				+ "}}}", "AwaitingAuthorisation", "domestic-payment-consents");
		// a field holding JSON text nested 40 deep: MariaDB's JSON check refuses the expanded receipt, others keep it
		payment("q02-nested-40", "{\"data\":{\"initiation\":{\"supplementaryData\":" + quoted(nested(40)) + "}}}",
				"AwaitingAuthorisation", "domestic-payment-consents");
		account("q03-body-null", "null", "AwaitingAuthorisation");
		account("q04-body-empty-array", "[]", "AwaitingAuthorisation");
		account("q05-body-string", "\"consent\"", "AwaitingAuthorisation");
		account("q06-body-number", "42", "AwaitingAuthorisation");
		account("q07-body-array", "[{\"risk\":{}}]", "AwaitingAuthorisation");
		if (this.dialect != Dialect.MYSQL) {
			account("q08-body-not-json", "{\"data\": not json", "AwaitingAuthorisation");
		}
		account("q09-huge-body", "{\"accountData\":{\"permissions\":[\"READBALANCES\"],\"note\":\""
				+ "x".repeat(1_000_000) + "\"}}", "AwaitingAuthorisation");
		insert("UK_ACCOUNT_INITIATION", "ID, REQUEST, CREATED_TIMESTAMP, STATUS, CLIENT_ID, STATUS_UPDATED_TIMESTAMP, SPEC_VERSION",
				"q10-sql-client", accounts, time(T0, "UK_ACCOUNT_INITIATION", "CREATED_TIMESTAMP"), "AwaitingAuthorisation",
				"tpp'); DROP TABLE OB_CONSENT; --", time(UPDATED, "UK_ACCOUNT_INITIATION", "STATUS_UPDATED_TIMESTAMP"), "v3.1");
		account("q11-x'; DELETE FROM OB_CONSENT; --", accounts, "AwaitingAuthorisation");
		account("q12-control-chars", "{\"accountData\":{\"permissions\":[\"READBALANCES\"],\"note\":"
				+ "\"bell\\u0007 unit\\u001f tab\\t newline\\n\"}}", "AwaitingAuthorisation");
		account("q13-nul-escape", "{\"accountData\":{\"note\":\"a\\u0000b\"}}", "AwaitingAuthorisation");
		if (this.dialect == Dialect.MYSQL || this.dialect == Dialect.H2) {
			insert("UK_ACCOUNT_INITIATION", "ID, REQUEST, CREATED_TIMESTAMP, STATUS, CLIENT_ID, STATUS_UPDATED_TIMESTAMP,"
					+ " SPEC_VERSION", "q14-raw-nul-client", accounts, time(T0, "UK_ACCOUNT_INITIATION", "CREATED_TIMESTAMP"),
					"AwaitingAuthorisation", "tpp\u0000one", time(UPDATED, "UK_ACCOUNT_INITIATION", "STATUS_UPDATED_TIMESTAMP"),
					"v3.1");
		}
		insert("UK_ACCOUNT_INITIATION", "ID, REQUEST, CREATED_TIMESTAMP, STATUS, CLIENT_ID, STATUS_UPDATED_TIMESTAMP, SPEC_VERSION",
				"q15-empty-client", accounts, time(T0, "UK_ACCOUNT_INITIATION", "CREATED_TIMESTAMP"), "AwaitingAuthorisation",
				"", time(UPDATED, "UK_ACCOUNT_INITIATION", "STATUS_UPDATED_TIMESTAMP"), "v3.1");
		account("q16-blank-status", accounts, "");
		account("q17-sql-status", accounts, "Authorised'; --");
		account("q18-emoji-user", accounts, "Authorised");
		accountBinding("\uD83D\uDE00 ëlise@carbon.super", "q18-emoji-user", "a1", 0, null);
		// revoked, with the same binding both left in place and moved to UK_CONSENT_REV
		account("q19-duplicate-binding", accounts, "Revoked");
		accountBinding("u1", "q19-duplicate-binding", "a1", 0, null);
		rev("u1", "q19-duplicate-binding", "a1", 0);
		rev("u1", "q20-orphan-rev-no-consent", "a1", 0);
		insert("UK_ACCOUNT_INITIATION", "ID, REQUEST, CREATED_TIMESTAMP, STATUS, CLIENT_ID, STATUS_UPDATED_TIMESTAMP, SPEC_VERSION",
				"q21-epoch-start", accounts, time(Instant.ofEpochSecond(1), "UK_ACCOUNT_INITIATION", "CREATED_TIMESTAMP"),
				"AwaitingAuthorisation", "tpp-1", time(Instant.ofEpochSecond(1), "UK_ACCOUNT_INITIATION",
						"STATUS_UPDATED_TIMESTAMP"), "v3.1");
		account("q22-expiry-far-future", expiry("+999999999-12-31T23:59:59Z"), "AwaitingAuthorisation");
		account("q23-expiry-number", "{\"accountData\":{\"expirationDateTime\":1234567890}}", "AwaitingAuthorisation");
		account("q24-expiry-object", "{\"accountData\":{\"expirationDateTime\":{\"at\":\"2030\"}}}",
				"AwaitingAuthorisation");
		account("q25-duplicate-keys", "{\"accountData\":{\"note\":\"first\"},\"accountData\":{\"note\":\"second\"}}",
				"AwaitingAuthorisation");
		account("q26-sql-key", "{\"accountData\":{\"'; DROP TABLE OB_CONSENT; --\":\"v\"}}", "AwaitingAuthorisation");
		account("q27-padded-status", accounts, " Authorised ");
		accountBinding("u1", "q27-padded-status", "a1", 0, null);
		payment("q28-sql-metadata", payment, "AwaitingAuthorisation", "domestic-payment-consents");
		metadata("q28-sql-metadata", "note'); DROP TABLE OB_CONSENT_ATTRIBUTE; --", "\\'; \\\\ /* */ --");
	}

	private void insertAll() throws SQLException {
		String accounts = "{\"accountData\":{\"permissions\":[\"READACCOUNTSBASIC\",\"READBALANCES\"],"
				+ "\"expirationDateTime\":\"2030-01-01T00:00:00Z\"},\"risk\":{}}";
		String payment = "{\"data\":{\"initiation\":{\"instructedAmount\":{\"amount\":\"10.00\",\"currency\":\"GBP\"}}},"
				+ "\"risk\":{}}";

		// 1: multi-authorised domestic payment: two binding users, a multi-auth row, a pending third authoriser.
		payment("c01-multi-auth", payment, "Authorised", "domestic-payment-consents");
		paymentBinding("u1", "c01-multi-auth", "d1", 0);
		paymentBinding("u2", "c01-multi-auth", "d2", 60);
		multiAuthorisation(1, "c01-multi-auth", "u1", "u3");
		// 2: one binding user, but a multi-auth row.
		payment("c02-single-user-multi-row", payment, "Authorised", "domestic-payment-consents");
		paymentBinding("u1", "c02-single-user-multi-row", "d1", 0);
		multiAuthorisation(2, "c02-single-user-multi-row", "u1");
		// 3: revoked account consent, bindings moved to UK_CONSENT_REV, no history.
		account("c03-revoked-moved", accounts, "Revoked");
		rev("u1", "c03-revoked-moved", "a1", 0);
		rev("u1", "c03-revoked-moved", "a2", 0);
		// 4: revoked, bindings left in the binding table, history "Revoked by ...".
		account("c04-revoked-in-place", accounts, "Revoked");
		accountBinding("u1", "c04-revoked-in-place", "a1", 0, null);
		history("UK_ACCOUNT_CONSENT_REV_HISTORY", "c04-revoked-in-place", "bank-agent", "Revoked by PSU via bank app");
		// 5: revoked with a 2,000-character non-Latin-1 reason.
		account("c05-long-reason", accounts, "Revoked");
		rev("u1", "c05-long-reason", "a1", 0);
		history("UK_ACCOUNT_CONSENT_REV_HISTORY", "c05-long-reason", "u1", LONG_REASON.substring(0, 2000));
		// 6: funds confirmation revoked with history; another with bindings only in UK_CONSENT_REV.
		cof("c06a-cof-revoked", "Revoked");
		cofBinding("u1", "c06a-cof-revoked", "a1", 0);
		history("UK_COF_CONSENT_REV_HISTORY", "c06a-cof-revoked", "u1", "Revoked by TPP");
		cof("c06b-cof-revoked-moved", "Revoked");
		rev("u1", "c06b-cof-revoked-moved", "a9", 0);
		// 7: consumed payment without binding.
		payment("c07-consumed-unbound", payment, "Consumed", "domestic-payment-consents");
		// 8: file payments: 10 KiB, 70 KiB, non-ASCII.
		payment("c08a-file-10k", payment, "Consumed", "file-payment-consents");
		file("c08a-file-10k", FILE_10K, "file-key-a", 120);
		paymentBinding("u1", "c08a-file-10k", "d1", 180);
		payment("c08b-file-70k", payment, "Consumed", "file-payment-consents");
		file("c08b-file-70k", FILE_70K, "file-key-b", 120);
		paymentBinding("u1", "c08b-file-70k", "d1", 180);
		payment("c08c-file-non-ascii", payment, "Consumed", "file-payment-consents");
		file("c08c-file-non-ascii", FILE_NON_ASCII, "file-key-c", 120);
		paymentBinding("u1", "c08c-file-non-ascii", "d1", 180);
		// 9: file payment awaiting upload (no file); awaiting authorisation with its file.
		payment("c09a-awaiting-upload", payment, "AwaitingUpload", "file-payment-consents");
		payment("c09b-uploaded", payment, "AwaitingAuthorisation", "file-payment-consents");
		file("c09b-uploaded", FILE_NON_ASCII, "file-key-d", 300);
		// 10: a file row but no file-payment metadata.
		payment("c10-file-not-flagged", payment, "Consumed", "domestic-payment-consents");
		file("c10-file-not-flagged", FILE_NON_ASCII, "file-key-e", 120);
		paymentBinding("u1", "c10-file-not-flagged", "d1", 180);
		// 11: expiry absent, Z, +05:30, without offset, malformed.
		account("c11a-no-expiry", "{\"accountData\":{\"permissions\":[\"READBALANCES\"]}}", "AwaitingAuthorisation");
		account("c11b-expiry-z", expiry("2030-01-01T00:00:00Z"), "AwaitingAuthorisation");
		account("c11c-expiry-offset", expiry("2030-01-01T05:30:00+05:30"), "AwaitingAuthorisation");
		account("c11d-expiry-no-offset", expiry("2030-01-01T00:00:00"), "AwaitingAuthorisation");
		account("c11e-expiry-malformed", expiry("first of never"), "AwaitingAuthorisation");
		// 12: OB2 shape, OB shape, unknown permission.
		account("c12a-ob2-shape", "{\"accountData\":{\"permissions\":[\"READACCOUNTSDETAIL\",\"READFOO\"]}}",
				"AwaitingAuthorisation");
		account("c12b-ob-shape", "{\"Data\":{\"Permissions\":[\"ReadBalances\"]},\"Risk\":{}}", "AwaitingAuthorisation");
		// 13: a JSON array body; a bare string (only where the column has no JSON check).
		account("c13a-array-body", "[{\"risk\":{}}]", "AwaitingAuthorisation");
		if (this.dialect != Dialect.MYSQL) {
			account("c13b-not-json", "consent body lost in 2019", "AwaitingAuthorisation");
		}
		// 14: SupplementaryData with lower-case keys; Charges array of objects.
		payment("c14-supplementary", "{\"data\":{\"initiation\":{\"supplementaryData\":{\"merchantRef\":\"m-1\"}},"
				+ "\"charges\":[{\"chargeBearer\":\"Shared\"}]}}", "AwaitingAuthorisation", "domestic-payment-consents");
		// 15: user ID formats and Alice/alice on one consent.
		account("c15-users", accounts, "Authorised");
		accountBinding("alice@carbon.super", "c15-users", "a1", 0, null);
		accountBinding("admin@wso2.com", "c15-users", "a2", 1 - 1, null);
		accountBinding("PRIMARY/bob", "c15-users", "a3", 0, null);
		accountBinding("Alice", "c15-users", "a4", 0, null);
		accountBinding("alice", "c15-users", "a5", 0, null);
		// 16: NOT_SELECTED account; NOT_SELECTED debtor.
		account("c16a-not-selected", accounts, "Authorised");
		accountBinding("u1", "c16a-not-selected", "NOT_SELECTED", 0, null);
		accountBinding("u1", "c16a-not-selected", "a1", 0, null);
		payment("c16b-debtor-not-selected", payment, "Authorised", "domestic-payment-consents");
		paymentBinding("u1", "c16b-debtor-not-selected", "NOT_SELECTED", 0);
		// 17: re-authorised by the PSU; false positive with a one-second spread.
		account("c17a-reauthorised", accounts, "Authorised");
		rev("u1", "c17a-reauthorised", "w-old", 0);
		accountBinding("u1", "c17a-reauthorised", "x", 86_400, "Re-authorization");
		accountBinding("u1", "c17a-reauthorised", "y", 86_400, "Re-authorization");
		account("c17b-one-second", accounts, "Authorised");
		accountBinding("u1", "c17b-one-second", "a1", 0, null);
		accountBinding("u1", "c17b-one-second", "a2", 1, null);
		// 18: rejected without and with bindings.
		account("c18a-rejected-unbound", accounts, "Rejected");
		account("c18b-rejected-bound", accounts, "Rejected");
		accountBinding("u1", "c18b-rejected-bound", "a1", 0, null);
		// 19: unknown statuses and a lower-case known one.
		account("c19a-expired", accounts, "Expired");
		account("c19b-deleted", accounts, "Deleted");
		account("c19c-lower-case", accounts, "authorised");
		accountBinding("u1", "c19c-lower-case", "a1", 0, null);
		// 20: Europe/London DST overlap and gap; TIMESTAMP and DATETIME columns for one instant.
		insert("UK_ACCOUNT_INITIATION", "ID, REQUEST, CREATED_TIMESTAMP, STATUS, CLIENT_ID, STATUS_UPDATED_TIMESTAMP, SPEC_VERSION",
				"c20a-dst-overlap", accounts, LocalDateTime.parse("2021-10-31T01:30:00"), "AwaitingAuthorisation", "tpp-1",
				LocalDateTime.parse("2021-10-31T01:30:00"), "v3.1");
		insert("UK_ACCOUNT_INITIATION", "ID, REQUEST, CREATED_TIMESTAMP, STATUS, CLIENT_ID, STATUS_UPDATED_TIMESTAMP, SPEC_VERSION",
				"c20b-dst-gap", accounts, LocalDateTime.parse("2021-03-28T01:30:00"), "AwaitingAuthorisation", "tpp-1",
				LocalDateTime.parse("2021-03-28T01:30:00"), "v3.1");
		account("c20c-timestamp-kinds", accounts, "Revoked");
		accountBinding("u1", "c20c-timestamp-kinds", "a1", 500, null);
		rev("u1", "c20c-timestamp-kinds", "a2", 500);
		// 21: legacy spec version; 64-character idempotency key.
		insert("UK_ACCOUNT_INITIATION", "ID, REQUEST, CREATED_TIMESTAMP, STATUS, CLIENT_ID, STATUS_UPDATED_TIMESTAMP, SPEC_VERSION",
				"c21a-uk200", accounts, time(T0, "UK_ACCOUNT_INITIATION", "CREATED_TIMESTAMP"), "AwaitingAuthorisation",
				"tpp-1", time(UPDATED, "UK_ACCOUNT_INITIATION", "STATUS_UPDATED_TIMESTAMP"), "UK200");
		paymentWithKey("c21b-long-key", payment, "AwaitingAuthorisation", "k".repeat(64));
		metadata("c21b-long-key", "paymentType", "domestic-payment-consents");
		// 22: orphan metadata; paymentType and PaymentType; a 255-character value.
		metadata("c22-orphan-no-consent", "paymentType", "domestic-payment-consents");
		payment("c22b-both-keys", payment, "AwaitingAuthorisation", "domestic-payment-consents");
		insert("OB_CONSENT_METADATA", "CONSENT_ID, CONSENT_TYPE, METADATA_KEY, METADATA_VALUE", "c22b-both-keys",
				"payments", "PaymentType", "legacy-value");
		metadata("c22b-both-keys", "note", "n".repeat(255));
		// 23: a native OB 3.0 consent with the ID of an OB 2.0 one.
		account("c23-native-clash", accounts, "Authorised");
		accountBinding("u1", "c23-native-clash", "a1", 0, null);
		insert("OB_CONSENT", "CONSENT_ID, RECEIPT, CREATED_TIME, UPDATED_TIME, CLIENT_ID, CONSENT_TYPE, CURRENT_STATUS,"
				+ " CONSENT_FREQUENCY, VALIDITY_TIME, RECURRING_INDICATOR", "c23-native-clash", "{\"Data\":{}}",
				1_700_000_000L, 1_700_000_000L, "tpp-native", "accounts", "authorized", 0, 0L, false);
	}

	private static String expiry(String value) {
		return "{\"accountData\":{\"permissions\":[\"READBALANCES\"],\"expirationDateTime\":\"" + value + "\"}}";
	}

	private void account(String id, String request, String status) throws SQLException {
		insert("UK_ACCOUNT_INITIATION", "ID, REQUEST, CREATED_TIMESTAMP, STATUS, CLIENT_ID, STATUS_UPDATED_TIMESTAMP, SPEC_VERSION",
				id, request, time(T0, "UK_ACCOUNT_INITIATION", "CREATED_TIMESTAMP"), status, "tpp-1",
				time(UPDATED, "UK_ACCOUNT_INITIATION", "STATUS_UPDATED_TIMESTAMP"), "v3.1");
	}

	private void cof(String id, String status) throws SQLException {
		insert("UK_COF_INITIATION", "ID, REQUEST, CREATED_TIMESTAMP, STATUS, CLIENT_ID, STATUS_UPDATED_TIMESTAMP, SPEC_VERSION",
				id, "{\"data\":{\"expirationDateTime\":\"2030-01-01T00:00:00Z\"}}",
				time(T0, "UK_COF_INITIATION", "CREATED_TIMESTAMP"), status, "tpp-1",
				time(UPDATED, "UK_COF_INITIATION", "STATUS_UPDATED_TIMESTAMP"), "v3.1");
	}

	private void payment(String id, String request, String status, String paymentType) throws SQLException {
		paymentWithKey(id, request, status, "idem-" + id);
		metadata(id, "paymentType", paymentType);
	}

	private void paymentWithKey(String id, String request, String status, String key) throws SQLException {
		insert("UK_TRANSACTION_INITIATION", "ID, REQUEST, TIMESTAMP, STATUS, CLIENT_ID, IDEMPOTENT_KEY,"
				+ " STATUS_UPDATED_TIMESTAMP, SPEC_VERSION", id, request,
				time(T0, "UK_TRANSACTION_INITIATION", "TIMESTAMP"), status, "tpp-1", key,
				time(UPDATED, "UK_TRANSACTION_INITIATION", "STATUS_UPDATED_TIMESTAMP"), "v3.1");
	}

	private void metadata(String id, String key, String value) throws SQLException {
		insert("OB_CONSENT_METADATA", "CONSENT_ID, CONSENT_TYPE, METADATA_KEY, METADATA_VALUE", id, "PISP", key, value);
	}

	private void accountBinding(String user, String consent, String account, long offset, String method)
			throws SQLException {
		insert("UK_ACCOUNT_CONSENT_BINDING", "USER_ID, CONSENT_ID, ACCOUNT_ID, TIMESTAMP, COLLECTION_METHOD", user,
				consent, account, time(T0.plusSeconds(offset), "UK_ACCOUNT_CONSENT_BINDING", "TIMESTAMP"), method);
	}

	private void cofBinding(String user, String consent, String account, long offset) throws SQLException {
		insert("UK_COF_CONSENT_BINDING", "USER_ID, CONSENT_ID, ACCOUNT_ID, TIMESTAMP, COLLECTION_METHOD", user, consent,
				account, time(T0.plusSeconds(offset), "UK_COF_CONSENT_BINDING", "TIMESTAMP"), null);
	}

	private void paymentBinding(String user, String consent, String debtor, long offset) throws SQLException {
		insert("UK_TRANSACTION_CONSENT_BINDING", "USER_ID, CONSENT_ID, DEBTOR_ACCOUNT, TIMESTAMP, COLLECTION_METHOD",
				user, consent, debtor, time(T0.plusSeconds(offset), "UK_TRANSACTION_CONSENT_BINDING", "TIMESTAMP"), null);
	}

	private void rev(String user, String consent, String account, long offset) throws SQLException {
		insert("UK_CONSENT_REV", "USER_ID, CONSENT_ID, ACCOUNT_ID, TIMESTAMP, COLLECTION_METHOD", user, consent, account,
				time(T0.plusSeconds(offset), "UK_CONSENT_REV", "TIMESTAMP"), null);
	}

	private void history(String table, String consent, String user, String reason) throws SQLException {
		insert(table, "CONSENT_ID, REVOCATION_USER, REVOCATION_REASON", consent, user, reason);
	}

	private void file(String consent, byte[] content, String key, long offset) throws SQLException {
		boolean binary = this.dialect == Dialect.MYSQL || this.dialect == Dialect.POSTGRESQL || this.dialect == Dialect.H2;
		insert("UK_TRANSACTION_FILE", "CONSENT_ID, CLIENT_ID, PAYMENT_FILE, IDEMPOTENT_KEY, TIMESTAMP", consent, "tpp-1",
				binary ? content : new String(content, StandardCharsets.UTF_8), key,
				time(T0.plusSeconds(offset), "UK_TRANSACTION_FILE", "TIMESTAMP"));
	}

	private void multiAuthorisation(int id, String consent, String... users) throws SQLException {
		Object now = time(T0, "UK_TRANSACTION_FILE", "TIMESTAMP");
		insert("OB_MULTI_AUTHORIZATION", "ID, CONSENT_ID, CLIENT_ID, SELECTED_ACCOUNT, AUTHORIZATION_EXPIRY_DATE, STATUS,"
				+ " NUMBER_OF_TOTAL_AUTHORIZATIONS, CREATED_TIMESTAMP, STATUS_UPDATED_TIMESTAMP", id, consent, "tpp-1",
				"d1", now, "Authorised", users.length, now, now);
		for (String user : users) {
			insert("OB_MULTI_AUTHORIZATION_USER", "ID, USER_ID, STATUS, CREATED_TIMESTAMP", id, user,
					user.equals("u3") ? "AwaitingAuthorisation" : "Authorised", now);
		}
	}

	private Object time(Instant instant, String table, String column) {
		return this.clock.columnValue(instant, table, column);
	}

	private void insert(String table, String columns, Object... values) throws SQLException {
		String sql = "INSERT INTO " + table + " (" + columns + ") VALUES ("
				+ String.join(", ", Collections.nCopies(values.length, "?")) + ")";
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			for (int i = 0; i < values.length; i++) {
				if (values[i] instanceof byte[] bytes) {
					statement.setBytes(i + 1, bytes);
				}
				else {
					statement.setObject(i + 1, values[i]);
				}
			}
			statement.executeUpdate();
		}
	}

	private static byte[] repeat(String text, int size) {
		StringBuilder builder = new StringBuilder(size + text.length());
		while (builder.length() < size) {
			builder.append(text);
		}
		return builder.substring(0, size).getBytes(StandardCharsets.UTF_8);
	}

}

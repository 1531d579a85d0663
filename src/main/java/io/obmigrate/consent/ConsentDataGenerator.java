package io.obmigrate.consent;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.SourceClock;
import io.obmigrate.core.TableInspector;

/**
 * Fills the OB 2.0 source tables of the {@code ob} database with a realistic synthetic data set (status mix per
 * consent type, 1-5 accounts, revoked consents with bindings moved to {@code UK_CONSENT_REV} or left in place, with
 * and without history, re-authorisations, multi-authorised and file payments, metadata) and, at a configurable rate,
 * the defects the migration must quarantine or report. Deterministic for a seed. JDBC batches, one commit per 2,000
 * consents, so a million consents take a minute or two.
 */
public class ConsentDataGenerator {

	private static final long FROM = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();

	private static final long SPAN = Instant.parse("2023-06-01T00:00:00Z").getEpochSecond() - FROM;

	private static final String[] PERMISSIONS = { "READACCOUNTSBASIC", "READACCOUNTSDETAIL", "READBALANCES",
			"READBENEFICIARIESDETAIL", "READDIRECTDEBITS", "READPRODUCTS", "READSTANDINGORDERSDETAIL",
			"READTRANSACTIONSCREDITS", "READTRANSACTIONSDEBITS", "READTRANSACTIONSDETAIL", "READSTATEMENTSDETAIL",
			"READPARTY", "READSCHEDULEDPAYMENTSDETAIL" };

	private static final int COMMIT_EVERY = 2000;

	private final ObmigrateDataSources dataSources;

	private final SourceClock clock;

	public ConsentDataGenerator(ObmigrateDataSources dataSources, SourceClock clock) {
		this.dataSources = dataSources;
		this.clock = clock;
	}

	/** What was generated, per table. */
	public record Result(Map<String, Long> rows, long malformed, String database) {

		public String describe() {
			StringBuilder out = new StringBuilder("Generated OB 2.0 data in " + this.database + ":\n");
			this.rows.forEach((table, n) -> out.append(String.format("  %-34s %,12d%n", table, n)));
			out.append(String.format("  %-34s %,12d%n", "(consents with a planted defect)", this.malformed));
			return out.toString();
		}

	}

	public Result generate(int consents, long seed, double malformedRate) {
		Dialect dialect = this.dataSources.dialect(ObmigrateDataSources.Name.OB);
		try (Connection connection = this.dataSources.connect(ObmigrateDataSources.Name.OB)) {
			if (!TableInspector.tableExists(connection, dialect, "UK_ACCOUNT_INITIATION")) {
				ScriptUtils.executeSqlScript(connection,
						new ClassPathResource("sql/" + dialect.folder() + "/ob2-source.sql"));
			}
			for (String table : new String[] { "UK_ACCOUNT_INITIATION", "UK_COF_INITIATION",
					"UK_TRANSACTION_INITIATION", "UK_ACCOUNT_CONSENT_BINDING", "UK_COF_CONSENT_BINDING",
					"UK_TRANSACTION_CONSENT_BINDING", "UK_CONSENT_REV", "UK_TRANSACTION_FILE",
					"OB_MULTI_AUTHORIZATION", "OB_MULTI_AUTHORIZATION_USER" }) {
				this.clock.learn(connection, dialect, table);
			}
			boolean binaryFile = TableInspector.columns(connection, dialect, "UK_TRANSACTION_FILE")
				.get("PAYMENT_FILE")
				.isBinary();
			connection.setAutoCommit(false);
			try (Writer writer = new Writer(connection, binaryFile, dialect)) {
				SplittableRandom random = new SplittableRandom(seed);
				long malformed = 0;
				for (int i = 0; i < consents; i++) {
					boolean defect = random.nextDouble() < malformedRate;
					malformed += defect ? 1 : 0;
					writer.consent(random, seed, i, defect);
					if ((i + 1) % COMMIT_EVERY == 0) {
						writer.flush();
						connection.commit();
					}
				}
				writer.flush();
				connection.commit();
				String statistics = dialect.refreshStatistics();
				if (statistics != null) {
					// as a restore is followed by ANALYZE: a production table has statistics, freshly loaded rows none
					connection.setAutoCommit(true);
					try (java.sql.Statement statement = connection.createStatement()) {
						for (String table : writer.counts().keySet()) {
							statement.execute(statistics + " " + table);
						}
					}
				}
				return new Result(writer.counts(), malformed,
						this.dataSources.settings(ObmigrateDataSources.Name.OB).toString());
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Generating OB 2.0 data failed: " + ex.getMessage(), ex);
		}
	}

	/** Batched inserts into every source table. */
	private final class Writer implements AutoCloseable {

		private final Map<Table, PreparedStatement> statements = new EnumMap<>(Table.class);

		private final Map<String, Long> counts = new LinkedHashMap<>();

		private final boolean binaryFile;

		private final Dialect dialect;

		private final Connection connection;

		private long multiAuthorisationId;

		Writer(Connection connection, boolean binaryFile, Dialect dialect) throws SQLException {
			this.connection = connection;
			this.binaryFile = binaryFile;
			this.dialect = dialect;
			for (Table table : Table.values()) {
				this.statements.put(table, connection.prepareStatement(table.insert));
				this.counts.put(table.name, 0L);
			}
			try (var statement = connection.createStatement();
					var rs = statement.executeQuery("SELECT COALESCE(MAX(ID), 0) FROM OB_MULTI_AUTHORIZATION")) {
				this.multiAuthorisationId = rs.next() ? rs.getLong(1) : 0;
			}
		}

		void consent(SplittableRandom random, long seed, int index, boolean defect) throws SQLException {
			String id = new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
					random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
			long created = FROM + random.nextLong(SPAN);
			long updated = created + 60 + random.nextLong(86_400L * 30);
			String client = "tpp-client-" + random.nextInt(200);
			double kind = random.nextDouble();
			int defectKind = defect ? random.nextInt(4) : -1;
			if (kind < 0.5) {
				accountLike(random, ConsentType.ACCOUNTS, id, created, updated, client, defectKind);
			}
			else if (kind < 0.65) {
				accountLike(random, ConsentType.FUNDS_CONFIRMATIONS, id, created, updated, client, defectKind);
			}
			else {
				payment(random, id, created, updated, client, defectKind);
			}
		}

		private void accountLike(SplittableRandom random, ConsentType type, String id, long created, long updated,
				String client, int defectKind) throws SQLException {
			double roll = random.nextDouble();
			String status = roll < 0.55 ? "Authorised" : roll < 0.65 ? "AwaitingAuthorisation"
					: roll < 0.75 ? "Rejected" : "Revoked";
			long expiry = created + 86_400L * (90 + random.nextInt(365));
			String expiryText = Instant.ofEpochSecond(expiry).toString();
			String body;
			if (type == ConsentType.ACCOUNTS) {
				StringBuilder permissions = new StringBuilder();
				int count = 3 + random.nextInt(PERMISSIONS.length - 3);
				for (int p = 0; p < count; p++) {
					permissions.append(p == 0 ? "" : ",").append('"').append(PERMISSIONS[p]).append('"');
				}
				body = "{\"accountData\":{\"permissions\":[" + permissions + "],\"expirationDateTime\":\""
						+ expiryText + "\",\"transactionFromDateTime\":\"2019-01-01T00:00:00+00:00\","
						+ "\"transactionToDateTime\":\"2025-12-31T00:00:00+00:00\"},\"risk\":{}}";
			}
			else {
				body = "{\"data\":{\"expirationDateTime\":\"" + expiryText + "\",\"debtorAccount\":{\"schemeName\":"
						+ "\"UK.OBIE.SortCodeAccountNumber\",\"identification\":\"" + account(random)
						+ "\",\"name\":\"PSU\"}}}";
			}
			String specVersion = random.nextInt(50) == 0 ? "UK200" : "v3.1";
			switch (defectKind) {
				case 0 -> status = random.nextBoolean() ? "Expired" : "Deleted";
				case 1 -> client = "";
				case 2 -> body = this.dialect.jsonColumnsRefuseText() ? body.replace(expiryText, "not-a-date")
						: "consent body lost in a 2019 incident";
				case 3 -> body = body.replace(expiryText, expiryText.replace("Z", ""));
				default -> {
				}
			}
			insert(type == ConsentType.ACCOUNTS ? Table.ACCOUNT_INITIATION : Table.COF_INITIATION, id, body,
					time(created, type.initiationTable(), "CREATED_TIMESTAMP"), status, client,
					time(updated, type.initiationTable(), "STATUS_UPDATED_TIMESTAMP"), specVersion);
			if (status.equals("AwaitingAuthorisation")) {
				return;
			}
			String user = user(random);
			int accounts = type == ConsentType.ACCOUNTS ? 1 + random.nextInt(5) : 1;
			long bound = created + 30 + random.nextInt(600);
			Table binding = type == ConsentType.ACCOUNTS ? Table.ACCOUNT_BINDING : Table.COF_BINDING;
			String bindingTable = type.bindingTable();
			if (status.equals("Revoked")) {
				boolean moved = random.nextDouble() < 0.6;
				for (int a = 0; a < accounts; a++) {
					if (moved) {
						insert(Table.CONSENT_REV, user, id, account(random), time(bound, "UK_CONSENT_REV", "TIMESTAMP"),
								null);
					}
					else {
						insert(binding, user, id, account(random), time(bound, bindingTable, "TIMESTAMP"), null);
					}
				}
				if (random.nextDouble() < 0.7) {
					boolean byPsu = random.nextBoolean();
					insert(type == ConsentType.ACCOUNTS ? Table.ACCOUNT_REV_HISTORY : Table.COF_REV_HISTORY, id,
							byPsu ? user : "customercare@bank.example",
							byPsu ? "Revoked by PSU" : "Revoked by customer care after a fraud report, ticket "
									+ random.nextInt(100_000));
				}
				return;
			}
			boolean reauthorised = type == ConsentType.ACCOUNTS && status.equals("Authorised")
					&& random.nextDouble() < 0.05;
			if (reauthorised) {
				insert(Table.CONSENT_REV, user, id, account(random), time(bound, "UK_CONSENT_REV", "TIMESTAMP"), null);
			}
			long current = reauthorised ? bound + 86_400L * (1 + random.nextInt(60)) : bound;
			for (int a = 0; a < accounts; a++) {
				insert(binding, user, id, account(random), time(current, bindingTable, "TIMESTAMP"),
						reauthorised ? "Re-authorization" : null);
			}
		}

		private void payment(SplittableRandom random, String id, long created, long updated, String client,
				int defectKind) throws SQLException {
			boolean file = random.nextDouble() < 0.05;
			double roll = random.nextDouble();
			String status = roll < 0.1 ? (file ? "AwaitingUpload" : "AwaitingAuthorisation")
					: roll < 0.35 ? "Authorised" : roll < 0.9 ? "Consumed" : "Rejected";
			String paymentType = file ? "file-payment-consents"
					: random.nextDouble() < 0.7 ? "domestic-payment-consents" : "international-payment-consents";
			String body = "{\"data\":{\"initiation\":{\"instructionIdentification\":\"INSTR-" + random.nextInt(1_000_000)
					+ "\",\"endToEndIdentification\":\"E2E-" + random.nextInt(1_000_000)
					+ "\",\"instructedAmount\":{\"amount\":\"" + (1 + random.nextInt(5000)) + ".00\",\"currency\":"
					+ "\"GBP\"},\"creditorAccount\":{\"schemeName\":\"UK.OBIE.SortCodeAccountNumber\","
					+ "\"identification\":\"" + account(random) + "\",\"name\":\"ACME Ltd\"},"
					+ "\"supplementaryData\":{\"merchantRef\":\"m-" + random.nextInt(1000) + "\"}}},"
					+ "\"risk\":{\"paymentContextCode\":\"EcommerceGoods\"}}";
			switch (defectKind) {
				case 0 -> status = "Expired";
				case 1 -> client = " ";
				case 2 -> body = this.dialect.jsonColumnsRefuseText() ? body : "not json: lost body";
				default -> {
				}
			}
			String idempotencyKey = "idem-" + Long.toHexString(random.nextLong());
			insert(Table.TRANSACTION_INITIATION, id, body, time(created, "UK_TRANSACTION_INITIATION", "TIMESTAMP"),
					status, client, idempotencyKey,
					time(updated, "UK_TRANSACTION_INITIATION", "STATUS_UPDATED_TIMESTAMP"),
					random.nextInt(50) == 0 ? "UK200" : "v3.1");
			insert(Table.METADATA, id, "PISP", "paymentType", paymentType);
			if (file && !status.equals("AwaitingUpload")) {
				byte[] content = fileContent(random);
				insert(Table.FILE, id, client, this.binaryFile ? content : new String(content, StandardCharsets.UTF_8),
						"file-idem-" + random.nextInt(1_000_000), time(created + 120, "UK_TRANSACTION_FILE", "TIMESTAMP"));
			}
			if (status.startsWith("Awaiting")) {
				return;
			}
			long bound = created + 30 + random.nextInt(600);
			String user = user(random);
			boolean multi = random.nextDouble() < 0.03;
			insert(Table.TRANSACTION_BINDING, user, id, account(random),
					time(bound, "UK_TRANSACTION_CONSENT_BINDING", "TIMESTAMP"), null);
			if (multi) {
				String second = user(random);
				if (!second.equalsIgnoreCase(user)) {
					insert(Table.TRANSACTION_BINDING, second, id, account(random),
							time(bound + 300, "UK_TRANSACTION_CONSENT_BINDING", "TIMESTAMP"), null);
				}
				long multiId = ++this.multiAuthorisationId;
				Object now = time(bound, "OB_MULTI_AUTHORIZATION", "CREATED_TIMESTAMP");
				insert(Table.MULTI_AUTHORISATION, multiId, id, client, account(random), now, "Authorised", 2, now, now);
				insert(Table.MULTI_AUTHORISATION_USER, multiId, user, "Authorised", now);
			}
		}

		private byte[] fileContent(SplittableRandom random) {
			StringBuilder csv = new StringBuilder("payee,sort code,account,amount,reference\n");
			int lines = 20 + random.nextInt(100);
			for (int l = 0; l < lines; l++) {
				csv.append("Supplier ").append(random.nextInt(10_000)).append(",20-00-00,").append(account(random))
					.append(',').append(random.nextInt(10_000)).append(".00,INV-").append(random.nextInt(1_000_000))
					.append('\n');
			}
			return csv.toString().getBytes(StandardCharsets.UTF_8);
		}

		private String user(SplittableRandom random) {
			int n = random.nextInt(50_000);
			return switch (n % 10) {
				case 0 -> "psu" + n + "@bank.example";
				case 1 -> "PRIMARY/psu" + n;
				default -> "psu" + n + "@carbon.super";
			};
		}

		private String account(SplittableRandom random) {
			return String.format("%014d", random.nextLong(100_000_000_000_000L));
		}

		private Object time(long epochSecond, String table, String column) {
			return ConsentDataGenerator.this.clock.columnValue(Instant.ofEpochSecond(epochSecond), table, column);
		}

		private void insert(Table table, Object... values) throws SQLException {
			PreparedStatement statement = this.statements.get(table);
			for (int i = 0; i < values.length; i++) {
				if (values[i] instanceof byte[] bytes) {
					statement.setBytes(i + 1, bytes);
				}
				else {
					statement.setObject(i + 1, values[i]);
				}
			}
			statement.addBatch();
			this.counts.merge(table.name, 1L, Long::sum);
		}

		void flush() throws SQLException {
			for (PreparedStatement statement : this.statements.values()) {
				statement.executeBatch();
			}
		}

		Map<String, Long> counts() {
			return this.counts;
		}

		@Override
		public void close() throws SQLException {
			for (PreparedStatement statement : this.statements.values()) {
				statement.close();
			}
			this.connection.setAutoCommit(true);
		}

	}

	private enum Table {

		ACCOUNT_INITIATION("UK_ACCOUNT_INITIATION", "ID, REQUEST, CREATED_TIMESTAMP, STATUS, CLIENT_ID,"
				+ " STATUS_UPDATED_TIMESTAMP, SPEC_VERSION"),
		COF_INITIATION("UK_COF_INITIATION", "ID, REQUEST, CREATED_TIMESTAMP, STATUS, CLIENT_ID,"
				+ " STATUS_UPDATED_TIMESTAMP, SPEC_VERSION"),
		TRANSACTION_INITIATION("UK_TRANSACTION_INITIATION", "ID, REQUEST, TIMESTAMP, STATUS, CLIENT_ID,"
				+ " IDEMPOTENT_KEY, STATUS_UPDATED_TIMESTAMP, SPEC_VERSION"),
		ACCOUNT_BINDING("UK_ACCOUNT_CONSENT_BINDING", "USER_ID, CONSENT_ID, ACCOUNT_ID, TIMESTAMP, COLLECTION_METHOD"),
		COF_BINDING("UK_COF_CONSENT_BINDING", "USER_ID, CONSENT_ID, ACCOUNT_ID, TIMESTAMP, COLLECTION_METHOD"),
		TRANSACTION_BINDING("UK_TRANSACTION_CONSENT_BINDING",
				"USER_ID, CONSENT_ID, DEBTOR_ACCOUNT, TIMESTAMP, COLLECTION_METHOD"),
		CONSENT_REV("UK_CONSENT_REV", "USER_ID, CONSENT_ID, ACCOUNT_ID, TIMESTAMP, COLLECTION_METHOD"),
		ACCOUNT_REV_HISTORY("UK_ACCOUNT_CONSENT_REV_HISTORY", "CONSENT_ID, REVOCATION_USER, REVOCATION_REASON"),
		COF_REV_HISTORY("UK_COF_CONSENT_REV_HISTORY", "CONSENT_ID, REVOCATION_USER, REVOCATION_REASON"),
		FILE("UK_TRANSACTION_FILE", "CONSENT_ID, CLIENT_ID, PAYMENT_FILE, IDEMPOTENT_KEY, TIMESTAMP"),
		MULTI_AUTHORISATION("OB_MULTI_AUTHORIZATION", "ID, CONSENT_ID, CLIENT_ID, SELECTED_ACCOUNT,"
				+ " AUTHORIZATION_EXPIRY_DATE, STATUS, NUMBER_OF_TOTAL_AUTHORIZATIONS, CREATED_TIMESTAMP,"
				+ " STATUS_UPDATED_TIMESTAMP"),
		MULTI_AUTHORISATION_USER("OB_MULTI_AUTHORIZATION_USER", "ID, USER_ID, STATUS, CREATED_TIMESTAMP"),
		METADATA("OB_CONSENT_METADATA", "CONSENT_ID, CONSENT_TYPE, METADATA_KEY, METADATA_VALUE");

		final String name;

		final String insert;

		Table(String name, String columns) {
			this.name = name;
			int count = columns.split(",").length;
			this.insert = "INSERT INTO " + name + " (" + columns + ") VALUES ("
					+ String.join(", ", java.util.Collections.nCopies(count, "?")) + ")";
		}

	}

}

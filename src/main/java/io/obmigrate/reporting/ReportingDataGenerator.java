package io.obmigrate.reporting;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.Dialect;
import io.obmigrate.core.TableInspector;

/**
 * Synthetic OB 2.0 reporting statistics for rehearsals, benchmarks and tests: one API invocation per API
 * request, with the accounts / funds-confirmation / payments row of the request (about 50 / 15 / 35), its
 * {@code UK_ADDITIONAL_RAW_DATA} side row, delivery addresses, authentication and authorisation rows, and at
 * {@code edgeRate} the known edge cases (latency inputs, duplicate IDs, several delivery addresses, timestamps out of range). Never for production databases.
 */
public class ReportingDataGenerator {

	private static final int BATCH = 1000;

	/** 2019-01-01 .. 2023-12-31 in epoch seconds: the OB 2.0 years. */
	private static final long FROM = 1_546_300_800L;

	private static final long SPAN = 157_680_000L;

	private final DataSource dataSource;

	private final Dialect dialect;

	private final JdbcTemplate jdbc;

	public ReportingDataGenerator(DataSource dataSource, Dialect dialect) {
		this.dataSource = dataSource;
		this.dialect = dialect;
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** Rows written per table, and the edge cases planted. */
	public record Result(Map<String, Long> rows, Map<String, Long> edgeCases) {

		public String describe() {
			StringBuilder out = new StringBuilder("Generated OB 2.0 reporting data:\n");
			this.rows.forEach((table, n) -> out.append(String.format("  %-34s %,12d%n", table, n)));
			this.edgeCases.forEach((edge, n) -> out.append(String.format("  (edge case) %-28s %,12d%n", edge, n)));
			return out.toString();
		}

	}

	private final class Batches {

		final Map<String, String> sql = new LinkedHashMap<>();

		final Map<String, List<Object[]>> rows = new LinkedHashMap<>();

		final Map<String, Long> counts = new LinkedHashMap<>();

		void add(String table, String insert, Object... values) {
			this.sql.putIfAbsent(table, insert);
			this.rows.computeIfAbsent(table, k -> new ArrayList<>()).add(values);
			this.counts.merge(table, 1L, Long::sum);
			if (this.rows.get(table).size() >= BATCH) {
				flush(table);
			}
		}

		void flush(String table) {
			List<Object[]> pending = this.rows.get(table);
			if (pending != null && !pending.isEmpty()) {
				ReportingDataGenerator.this.jdbc.batchUpdate(this.sql.get(table), pending);
				pending.clear();
			}
		}

		void flushAll() {
			for (String table : this.rows.keySet()) {
				flush(table);
			}
		}

	}

	public Result generate(int requests, long seed, double edgeRate) {
		ensureTables();
		String prefix = "msg-" + Long.toString(seed, 36) + "-";
		Integer taken = this.jdbc.queryForObject("SELECT COUNT(*) FROM API_INVOCATION_RAW_DATA WHERE ID LIKE ?",
				Integer.class, prefix + "%");
		if (taken != null && taken > 0) {
			throw new ConfigurationProblem("Reporting rows of seed " + seed + " already exist; generate with another"
					+ " --seed, or into a fresh database.");
		}
		SplittableRandom random = new SplittableRandom(seed);
		Batches batches = new Batches();
		Map<String, Long> edges = new LinkedHashMap<>();
		for (int i = 0; i < requests; i++) {
			String id = prefix + i;
			boolean edge = random.nextDouble() < edgeRate;
			int edgeKind = edge ? random.nextInt(6) : -1;
			long timestamp = FROM + random.nextLong(SPAN);
			if (edgeKind == 5) { // edge case: before 2000 or after 2038-01-19
				timestamp = random.nextBoolean() ? 915_148_800L + random.nextInt(1000) : 2_208_988_800L + random.nextInt(1000);
				edges.merge("timestamp-range", 1L, Long::sum);
			}
			String consent = "consent-" + (i / 3);
			double kind = random.nextDouble();
			String type = kind < 0.5 ? "accounts" : kind < 0.65 ? "fundsconfirmations" : "payments";
			boolean noInvocation = edgeKind == 1 && type.equals("accounts");
			boolean noSideRow = edgeKind == 1 && type.equals("payments");
			if (noInvocation || noSideRow) {
				edges.merge(noInvocation ? "accounts-without-invocation" : "payment-without-side-row", 1L,
						Long::sum);
			}
			if (!noInvocation) {
				invocation(batches, random, id, consent, timestamp, edgeKind == 0, edges);
			}
			if (!noSideRow) {
				batches.add("UK_ADDITIONAL_RAW_DATA", "INSERT INTO UK_ADDITIONAL_RAW_DATA (ID, API_SPEC_VERSION,"
						+ " CONSENT_TYPE, EXPIRATION_DATE_TIME, LOCAL_INSTRUMENT, PAYMENT_REFUND, PSU_CHANNEL,"
						+ " PSU_INTERACTION_TIME) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, "3.1.5",
						random.nextInt(4) == 0 ? "long-lived" : "single-use", "2024-06-30T00:00:00+00:00",
						type.equals("payments") ? "UK.OBIE.FPS" : null, type.equals("payments") ? "No" : null,
						"Online Banking", (long) random.nextInt(90_000));
			}
			switch (type) {
				case "accounts" -> {
					account(batches, random, id, consent, timestamp);
					if (edgeKind == 3) { // edge case: the same ID at a second timestamp
						account(batches, random, id, consent, timestamp + 1 + random.nextInt(60));
						edges.merge("same-id-two-timestamps", 1L, Long::sum);
					}
				}
				case "fundsconfirmations" -> batches.add("FUNDS_CONFIRMATION_RAW_DATA", "INSERT INTO"
						+ " FUNDS_CONFIRMATION_RAW_DATA (ID, CONSENT_ID, USER_ID, TPP_ID, CLIENT_ID, TIMESTAMP, IS_FRAUD)"
						+ " VALUES (?, ?, ?, ?, ?, ?, ?)", id, consent, "psu" + random.nextInt(5000) + "@carbon.super",
						"tpp-" + random.nextInt(40), "client-" + random.nextInt(40), timestamp, false);
				default -> {
					batches.add("PAYMENTS_RAW_DATA", "INSERT INTO PAYMENTS_RAW_DATA (ID, CONSENT_ID, USER_ID, TPP_ID,"
							+ " CLIENT_ID, PAYMENT_TYPE, TIMESTAMP, API_SPEC_VERSION, CREDITOR_ACCOUNT_ID,"
							+ " DEBTOR_ACCOUNT_ID, MULTI_AUTHORISATION, CURRENCY, AMOUNT, NO_OF_TRANSACTIONS,"
							+ " LOCAL_INSTRUMENT, PAYMENT_SUBMISSION_ID, MULTI_AUTH_USERS_COUNT, TRA_DECISION, EXEMPTION,"
							+ " IS_FRAUD) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, consent,
							"psu" + random.nextInt(5000) + "@carbon.super", "tpp-" + random.nextInt(40),
							"client-" + random.nextInt(40), random.nextInt(5) == 0 ? "international-payments"
									: "domestic-payments",
							timestamp, "3.1", "GB29NWBK60161331926819", "GB" + random.nextInt(1_000_000), false, "GBP",
							random.nextInt(100_000) / 100.0 + "", "1", "UK.OBIE.Own", "sub-" + i, 0, false, null, false);
					if (random.nextInt(3) == 0 || edgeKind == 2) {
						address(batches, consent, "1 High Street, London", timestamp);
						if (edgeKind == 2) { // edge case: a second address, one over 254 characters
							address(batches, consent, "Flat 2, " + "Long Lane ".repeat(30), timestamp + 5);
							edges.merge("two-addresses-one-long", 1L, Long::sum);
						}
					}
				}
			}
			if (i % 3 == 0) {
				batches.add("AUTHENTICATION_RAW_DATA", "INSERT INTO AUTHENTICATION_RAW_DATA (ID, USER_ID,"
						+ " AUTHENTICATION_STEP, AUTHENTICATION_STATUS, AUTHENTICATION_APPROACH, TIMESTAMP, USER_AGENT,"
						+ " IS_SCA_APPLIED) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, "psu" + random.nextInt(5000),
						"BasicAuthenticator", "AuthenticationSuccessful", "redirect", timestamp, "Mozilla/5.0", true);
				batches.add("AUTHORISATION_RAW_DATA", "INSERT INTO AUTHORISATION_RAW_DATA (ID, CONSENT_ID, USER_ID,"
						+ " CLIENT_ID, AUTHORISATION_STATUS, TIMESTAMP) VALUES (?, ?, ?, ?, ?, ?)", id, consent,
						"psu" + random.nextInt(5000), "client-" + random.nextInt(40), "Authorised", timestamp);
			}
		}
		batches.flushAll();
		String statistics = this.dialect.refreshStatistics();
		if (statistics != null) {
			// as a restore is followed by ANALYZE: a production table has statistics, freshly loaded rows have none
			batches.counts.keySet().forEach(table -> this.jdbc.execute(statistics + " " + table));
		}
		return new Result(batches.counts, edges);
	}

	private static void account(Batches batches, SplittableRandom random, String id, String consent, long timestamp) {
		batches.add("ACCOUNTS_RAW_DATA", "INSERT INTO ACCOUNTS_RAW_DATA (ID, CONSENT_ID, USER_ID, TPP_ID, CLIENT_ID,"
				+ " ACCOUNT_ID, RE_AUTHORISATION, TIMESTAMP, TRA_DECISION, EXEMPTION, IS_FRAUD) VALUES (?, ?, ?, ?, ?,"
				+ " ?, ?, ?, ?, ?, ?)", id, consent, "psu" + random.nextInt(5000) + "@carbon.super",
				"tpp-" + random.nextInt(40), "client-" + random.nextInt(40), "acc-" + random.nextInt(100_000),
				random.nextInt(10) == 0, timestamp, false, null, false);
	}

	private static void address(Batches batches, String consent, String address, long timestamp) {
		batches.add("TransactionDeliveryAddress", "INSERT INTO TransactionDeliveryAddress (consentId, deliveryAddress,"
				+ " timestamp) VALUES (?, ?, ?)", consent, address, timestamp);
	}

	/** One invocation; edge-case variants of the latency inputs when {@code edge}. */
	private static void invocation(Batches batches, SplittableRandom random, String id, String consent, long timestamp,
			boolean edge, Map<String, Long> edges) {
		long start = timestamp * 1000 - 300 - random.nextInt(700);
		Long requestStart = start;
		Long backendStart = start + 20 + random.nextInt(40);
		Long backendEnd = backendStart + 100 + random.nextInt(150);
		if (edge) {
			switch (random.nextInt(4)) {
				case 0 -> requestStart = 0L;
				case 1 -> requestStart = null;
				case 2 -> backendEnd = timestamp * 1000 + 500;
				default -> backendStart = 0L;
			}
			edges.merge("latency-inputs", 1L, Long::sum);
		}
		Long latency = backendStart != null && backendEnd != null && backendStart > 0 ? backendEnd - backendStart : null;
		batches.add("API_INVOCATION_RAW_DATA", "INSERT INTO API_INVOCATION_RAW_DATA (ID, CONSENT_ID, TPP_ID, CLIENT_ID,"
				+ " USER_AGENT, HTTP_METHOD, ELECTED_RESOURCE, API_NAME, STATUS_CODE, RESPONSE_PAYLOAD_SIZE, TIMESTAMP,"
				+ " REQUEST_EXQ_START_TIME, BACKEND_REQ_START_TIME, BACKEND_REQ_END_TIME, BACKEND_LATENCY,"
				+ " AUTHORISATION_STATUS, STATUS_MESSAGE) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				id, consent, "tpp-" + random.nextInt(40), "client-" + random.nextInt(40), "okhttp/4", "GET",
				"/accounts/{AccountId}", "AccountandTransactionAPI", 200, (long) random.nextInt(20_000), timestamp,
				requestStart, backendStart, backendEnd, latency, "Authorised", "OK");
	}

	private void ensureTables() {
		try (Connection connection = this.dataSource.getConnection()) {
			if (!TableInspector.tableExists(connection, this.dialect, "API_INVOCATION_RAW_DATA")) {
				ScriptUtils.executeSqlScript(connection,
						new ClassPathResource("sql/" + this.dialect.folder() + "/ob2-reporting.sql"));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Creating the OB 2.0 reporting tables failed: " + ex.getMessage(), ex);
		}
	}

}

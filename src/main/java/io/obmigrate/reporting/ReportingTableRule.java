package io.obmigrate.reporting;

import static io.obmigrate.reporting.ReportingColumn.bool;
import static io.obmigrate.reporting.ReportingColumn.intColumn;
import static io.obmigrate.reporting.ReportingColumn.longColumn;
import static io.obmigrate.reporting.ReportingColumn.string;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the migration does to one OB 2.0 raw-data table, as data: the OB 3.0 columns in order, the columns it fills from
 * {@code UK_ADDITIONAL_RAW_DATA}, the ones it computes, the renamed ones, the dropped ones, the key and the indexes.
 * Every other column keeps the source's value: the rule's own columns with the OB 3.0 type, and any column the source has
 * that the rule does not name with its value <em>and</em> its declared type (a pass-through column).
 *
 * @param sideFilled the columns whose value comes from {@code UK_ADDITIONAL_RAW_DATA} by ID, preferred to the row's own
 * value (kept when there is no side value); no other column of this table ever takes a side value
 * @param computed the columns whose value the job computes (new IDs, MESSAGE_ID, the delivery address, latencies)
 * @param known every source column OB 2.0 defines for this table (anything else is an unknown, passed through)
 * @param newIds whether each row gets a new deterministic {@code ID}; otherwise IDs are kept
 */
public record ReportingTableRule(String table, List<ReportingColumn> columns, Set<String> sideFilled,
		Set<String> computed, Set<String> dropped, Map<String, String> renamed, Set<String> known, List<String> key,
		List<List<String>> indexes, boolean newIds) {

	/** What the accounts and funds-confirmation tables take from the side table. */
	private static final Set<String> REQUEST_SIDE = Set.of("API_SPEC_VERSION", "CONSENT_TYPE", "EXPIRATION_DATE_TIME");

	private static final Set<String> NEW_ID = Set.of("ID", "MESSAGE_ID");

	private static final Set<String> TRA = Set.of("TRA_DECISION", "EXEMPTION", "IS_FRAUD");

	public static final ReportingTableRule ACCOUNTS = new ReportingTableRule("ACCOUNTS_RAW_DATA",
			List.of(string("ID").required(), string("CONSENT_ID"), string("USER_ID"), string("TPP_ID"),
					string("CLIENT_ID"), string("ACCOUNT_ID"), bool("RE_AUTHORISATION"), longColumn("TIMESTAMP").required(),
					string("API_SPEC_VERSION"), string("CONSENT_TYPE"), string("EXPIRATION_DATE_TIME"),
					string("MESSAGE_ID")),
			REQUEST_SIDE, NEW_ID,
			TRA, Map.of(), Set.of("ID", "CONSENT_ID", "USER_ID", "TPP_ID", "CLIENT_ID", "ACCOUNT_ID", "RE_AUTHORISATION",
					"TIMESTAMP", "TRA_DECISION", "EXEMPTION", "IS_FRAUD", "API_SPEC_VERSION"),
			List.of("ID", "TIMESTAMP"), List.of(), true);

	public static final ReportingTableRule FUNDS_CONFIRMATION = new ReportingTableRule("FUNDS_CONFIRMATION_RAW_DATA",
			List.of(string("ID").required(), longColumn("TIMESTAMP").required(), string("API_SPEC_VERSION"),
					string("CONSENT_TYPE"), string("EXPIRATION_DATE_TIME"), string("MESSAGE_ID")),
			REQUEST_SIDE, NEW_ID,
			Set.of("IS_FRAUD"), Map.of(), Set.of("ID", "TIMESTAMP", "IS_FRAUD", "API_SPEC_VERSION"),
			List.of("ID", "TIMESTAMP"), List.of(), true);

	public static final ReportingTableRule PAYMENTS = new ReportingTableRule("PAYMENTS_RAW_DATA",
			List.of(string("ID").required(), string("CONSENT_ID"), string("USER_ID"), string("TPP_ID"),
					string("CLIENT_ID"), string("PAYMENT_TYPE"), longColumn("TIMESTAMP").required(),
					string("API_SPEC_VERSION"), string("CREDITOR_ACCOUNT_ID"), string("DEBTOR_ACCOUNT_ID"),
					bool("MULTI_AUTHORISATION"), string("CURRENCY"), string("AMOUNT"), string("NO_OF_TRANSACTIONS"),
					string("LOCAL_INSTRUMENT"), string("PAYMENT_SUBMISSION_ID"), intColumn("MULTI_AUTH_USERS_COUNT"),
					string("PAYMENT_REFUND"), string("CONSENT_TYPE"), string("DELIVERY_ADDRESS"), string("MESSAGE_ID")),
			Set.of("API_SPEC_VERSION", "LOCAL_INSTRUMENT", "PAYMENT_REFUND", "CONSENT_TYPE"),
			Set.of("ID", "MESSAGE_ID", "DELIVERY_ADDRESS"),
			TRA, Map.of(), Set.of("ID", "CONSENT_ID", "USER_ID", "TPP_ID", "CLIENT_ID", "PAYMENT_TYPE", "TIMESTAMP",
					"API_SPEC_VERSION", "CREDITOR_ACCOUNT_ID", "DEBTOR_ACCOUNT_ID", "MULTI_AUTHORISATION", "CURRENCY",
					"AMOUNT", "NO_OF_TRANSACTIONS", "LOCAL_INSTRUMENT", "PAYMENT_SUBMISSION_ID",
					"MULTI_AUTH_USERS_COUNT", "TRA_DECISION", "EXEMPTION", "IS_FRAUD"),
			List.of("ID", "TIMESTAMP"), List.of(List.of("CONSENT_ID", "TIMESTAMP")), true);

	private static final Set<String> LATENCY_INPUTS = Set.of("REQUEST_EXQ_START_TIME", "BACKEND_REQ_START_TIME",
			"BACKEND_REQ_END_TIME", "BACKEND_LATENCY");

	public static final ReportingTableRule API_INVOCATION = new ReportingTableRule("API_INVOCATION_RAW_DATA",
			List.of(string("ID").required(), string("CONSENT_ID"), string("CONSUMER_ID"), string("CLIENT_ID"),
					string("USER_AGENT"), string("HTTP_METHOD"), string("ELECTED_RESOURCE"), string("API_NAME"),
					intColumn("STATUS_CODE"), longColumn("RESPONSE_PAYLOAD_SIZE"), string("API_SPEC_VERSION"),
					string("MESSAGE_ID").required(), longColumn("TIMESTAMP")),
			Set.of("API_SPEC_VERSION"), NEW_ID,
			union(LATENCY_INPUTS, Set.of("AUTHORISATION_STATUS", "STATUS_MESSAGE")), Map.of("TPP_ID", "CONSUMER_ID"),
			union(LATENCY_INPUTS, Set.of("ID", "CONSENT_ID", "TPP_ID", "CLIENT_ID", "USER_AGENT", "HTTP_METHOD",
					"ELECTED_RESOURCE", "API_NAME", "STATUS_CODE", "RESPONSE_PAYLOAD_SIZE", "TIMESTAMP",
					"AUTHORISATION_STATUS", "STATUS_MESSAGE", "API_SPEC_VERSION")),
			List.of("ID", "MESSAGE_ID"), List.of(), true);

	/** New in OB 3.0: one row per OB 2.0 invocation row; its columns are all computed ({@link LatencyRules}). */
	public static final ReportingTableRule API_LATENCY = new ReportingTableRule("API_LATENCY_RAW_DATA",
			List.of(string("ID").required(), string("MESSAGE_ID").required(), string("REQUEST_TIMESTAMP"),
					longColumn("BACKEND_LATENCY"), longColumn("REQUEST_MEDIATION_LATENCY"),
					longColumn("RESPONSE_LATENCY"), longColumn("RESPONSE_MEDIATION_LATENCY")),
			Set.of(), Set.of("ID", "MESSAGE_ID", "REQUEST_TIMESTAMP",
					"BACKEND_LATENCY", "REQUEST_MEDIATION_LATENCY", "RESPONSE_LATENCY", "RESPONSE_MEDIATION_LATENCY"),
			Set.of(), Map.of(), Set.of(), List.of("ID", "MESSAGE_ID"), List.of(), true);

	public static final ReportingTableRule AUTHENTICATION = new ReportingTableRule("AUTHENTICATION_RAW_DATA",
			List.of(string("ID").required(), string("USER_ID"), string("AUTHENTICATION_STEP"),
					string("AUTHENTICATION_STATUS"), string("AUTHENTICATION_APPROACH"), longColumn("TIMESTAMP").required(),
					string("PSU_CHANNEL")),
			Set.of("PSU_CHANNEL"), Set.of(),
			Set.of("USER_AGENT", "IS_SCA_APPLIED"), Map.of(), Set.of("ID", "USER_ID", "AUTHENTICATION_STEP",
					"AUTHENTICATION_STATUS", "AUTHENTICATION_APPROACH", "TIMESTAMP", "USER_AGENT", "IS_SCA_APPLIED"),
			List.of("ID", "TIMESTAMP"), List.of(), false);

	/** Only {@code ID} is published; the key (ID, TIMESTAMP) is the other raw tables' [U]. */
	public static final ReportingTableRule AUTHORISATION = new ReportingTableRule("AUTHORISATION_RAW_DATA",
			List.of(string("ID").required(), longColumn("TIMESTAMP").required(), longColumn("PSU_INTERACTION_TIME")),
			Set.of("PSU_INTERACTION_TIME"), Set.of(),
			Set.of(), Map.of(), Set.of("ID", "TIMESTAMP"), List.of("ID", "TIMESTAMP"), List.of(), false);

	/** Whether a column of the OB 3.0 table takes its value from the side table (with the row's own as fall-back). */
	public boolean fillsFromSide(String column) {
		return this.sideFilled.contains(column);
	}

	public static final List<ReportingTableRule> ALL = List.of(ACCOUNTS, FUNDS_CONFIRMATION, PAYMENTS, API_INVOCATION,
			API_LATENCY, AUTHENTICATION, AUTHORISATION);

	private static Set<String> union(Set<String> a, Set<String> b) {
		java.util.Set<String> all = new java.util.HashSet<>(a);
		all.addAll(b);
		return Set.copyOf(all);
	}

}

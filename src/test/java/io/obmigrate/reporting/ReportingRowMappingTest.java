package io.obmigrate.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Atlas F.2 row rules with F.5 #2 and #3, on the shapes of {@link ReportingTargetShape}. */
class ReportingRowMappingTest {

	private static Map<String, String> sourceColumns(String... names) {
		Map<String, String> columns = new LinkedHashMap<>();
		for (String name : names) {
			columns.put(name, "VARCHAR(254)");
		}
		return columns;
	}

	private static Map<String, Object> row(Object... namesAndValues) {
		Map<String, Object> row = new HashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			row.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return row;
	}

	private static Map<String, Object> valuesByName(ReportingTargetShape shape, ReportingRowMapping.Mapped mapped) {
		Map<String, Object> values = new LinkedHashMap<>();
		List<ReportingColumn> columns = shape.columns();
		for (int i = 0; i < columns.size(); i++) {
			values.put(columns.get(i).upperName(), mapped.values()[i]);
		}
		return values;
	}

	@Test
	void accountsGetADeterministicIdTheSideColumnsAndTheOldIdAsMessageId() {
		ReportingTargetShape shape = ReportingTargetShape.plan(ReportingTableRule.ACCOUNTS,
				sourceColumns("ID", "CONSENT_ID", "TIMESTAMP", "IS_FRAUD"));
		ReportingRowMapping mapping = new ReportingRowMapping(shape, true, new LatencyRules(true));
		ReportingRowMapping.Mapped mapped = mapping.map(new ReportingRowMapping.Source(
				row("ID", "msg-1", "CONSENT_ID", "c1", "TIMESTAMP", 1_700_000_000L, "IS_FRAUD", true),
				row("API_SPEC_VERSION", "3.1.5", "CONSENT_TYPE", "long-lived", "EXPIRATION_DATE_TIME", "2024-06-30"),
				false, null));
		Map<String, Object> values = valuesByName(shape, mapped);
		assertThat(values.get("ID")).isEqualTo(ReportingIds.of("ACCOUNTS_RAW_DATA", "msg-1", 1_700_000_000L));
		assertThat(values).containsEntry("CONSENT_ID", "c1")
			.containsEntry("API_SPEC_VERSION", "3.1.5")
			.containsEntry("CONSENT_TYPE", "long-lived")
			.containsEntry("MESSAGE_ID", "msg-1")
			.doesNotContainKey("IS_FRAUD");
		// G.3 #37: no invocation row; MESSAGE_ID kept under the safer rule, reported
		assertThat(mapped.withoutInvocation()).isTrue();
	}

	@Test
	void wso2MessageIdRuleLeavesItNullWithoutAnInvocation() {
		ReportingTargetShape shape = ReportingTargetShape.plan(ReportingTableRule.ACCOUNTS, sourceColumns("ID", "TIMESTAMP"));
		ReportingRowMapping r2 = new ReportingRowMapping(shape, false, new LatencyRules(true));
		Map<String, Object> without = valuesByName(shape, r2.map(new ReportingRowMapping.Source(
				row("ID", "msg-1", "TIMESTAMP", 1L), null, false, null)));
		Map<String, Object> with = valuesByName(shape, r2.map(new ReportingRowMapping.Source(
				row("ID", "msg-1", "TIMESTAMP", 1L), null, true, null)));
		assertThat(without.get("MESSAGE_ID")).isNull();
		assertThat(with.get("MESSAGE_ID")).isEqualTo("msg-1");
	}

	@Test
	void sameIdAtTwoTimestampsGetsTwoIds() {
		// G.3 #39
		ReportingTargetShape shape = ReportingTargetShape.plan(ReportingTableRule.ACCOUNTS, sourceColumns("ID", "TIMESTAMP"));
		ReportingRowMapping mapping = new ReportingRowMapping(shape, true, new LatencyRules(true));
		Object first = mapping.map(new ReportingRowMapping.Source(row("ID", "m", "TIMESTAMP", 1L), null, true, null))
			.values()[0];
		Object second = mapping.map(new ReportingRowMapping.Source(row("ID", "m", "TIMESTAMP", 2L), null, true, null))
			.values()[0];
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void paymentPrefersTheSideValueAndFallsBackToItsOwn() {
		// G.3 #37, F.5 #3: WSO2 lost the row's own LOCAL_INSTRUMENT without a side row
		ReportingTargetShape shape = ReportingTargetShape.plan(ReportingTableRule.PAYMENTS,
				sourceColumns("ID", "CONSENT_ID", "TIMESTAMP", "LOCAL_INSTRUMENT", "API_SPEC_VERSION"));
		ReportingRowMapping mapping = new ReportingRowMapping(shape, true, new LatencyRules(true));
		Map<String, Object> own = row("ID", "p1", "CONSENT_ID", "c1", "TIMESTAMP", 5L, "LOCAL_INSTRUMENT", "UK.OBIE.CHAPS",
				"API_SPEC_VERSION", "3.1");
		ReportingRowMapping.Mapped withoutSide = mapping.map(new ReportingRowMapping.Source(own, null, true,
				DeliveryAddressChoice.choose(List.of(new DeliveryAddressChoice.Candidate("1 High St", 1L)))));
		assertThat(valuesByName(shape, withoutSide)).containsEntry("LOCAL_INSTRUMENT", "UK.OBIE.CHAPS")
			.containsEntry("API_SPEC_VERSION", "3.1")
			.containsEntry("DELIVERY_ADDRESS", "1 High St");
		assertThat(withoutSide.sideRowMissing()).isTrue();
		Map<String, Object> withSide = valuesByName(shape, mapping.map(new ReportingRowMapping.Source(own,
				row("LOCAL_INSTRUMENT", "UK.OBIE.FPS", "API_SPEC_VERSION", "3.1.5", "PAYMENT_REFUND", "No"), true, null)));
		assertThat(withSide).containsEntry("LOCAL_INSTRUMENT", "UK.OBIE.FPS")
			.containsEntry("API_SPEC_VERSION", "3.1.5")
			.containsEntry("PAYMENT_REFUND", "No");
	}

	@Test
	void invocationRenamesTppIdAndKeepsTheOldIdAsMessageId() {
		ReportingTargetShape shape = ReportingTargetShape.plan(ReportingTableRule.API_INVOCATION,
				sourceColumns("ID", "TPP_ID", "TIMESTAMP", "BACKEND_LATENCY"));
		Map<String, Object> values = valuesByName(shape, new ReportingRowMapping(shape, false, new LatencyRules(true))
			.map(new ReportingRowMapping.Source(row("ID", "m1", "TPP_ID", "tpp-1", "TIMESTAMP", 9L, "BACKEND_LATENCY", 5L),
					row("API_SPEC_VERSION", "3.1.5"), false, null)));
		assertThat(values).containsEntry("CONSUMER_ID", "tpp-1")
			.containsEntry("MESSAGE_ID", "m1")
			.containsEntry("API_SPEC_VERSION", "3.1.5")
			.containsEntry("TIMESTAMP", 9L)
			.doesNotContainKey("BACKEND_LATENCY");
	}

	@Test
	void authenticationKeepsItsIdAndTakesThePsuChannel() {
		ReportingTargetShape shape = ReportingTargetShape.plan(ReportingTableRule.AUTHENTICATION,
				sourceColumns("ID", "USER_ID", "TIMESTAMP", "USER_AGENT", "IS_SCA_APPLIED"));
		ReportingRowMapping.Mapped mapped = new ReportingRowMapping(shape, true, new LatencyRules(true))
			.map(new ReportingRowMapping.Source(row("ID", "m1", "USER_ID", "psu", "TIMESTAMP", 3L, "USER_AGENT", "x"),
					row("PSU_CHANNEL", "Online Banking"), false, null));
		assertThat(valuesByName(shape, mapped)).containsEntry("ID", "m1")
			.containsEntry("PSU_CHANNEL", "Online Banking")
			.doesNotContainKey("USER_AGENT");
		assertThat(mapped.withoutInvocation()).as("authentication rows have no MESSAGE_ID").isFalse();
	}

	@Test
	void latencyRowIsComputedFromTheInvocation() {
		ReportingTargetShape shape = ReportingTargetShape.plan(ReportingTableRule.API_LATENCY, Map.of());
		ReportingRowMapping.Mapped mapped = new ReportingRowMapping(shape, true, new LatencyRules(true))
			.map(new ReportingRowMapping.Source(row("ID", "m1", "TIMESTAMP", 1_617_344_348L, "REQUEST_EXQ_START_TIME",
					1_617_344_347_146L, "BACKEND_REQ_START_TIME", 1_617_344_347_100L, "BACKEND_REQ_END_TIME",
					1_617_344_347_900L, "BACKEND_LATENCY", 800L), null, true, null));
		Map<String, Object> values = valuesByName(shape, mapped);
		assertThat(values).containsEntry("MESSAGE_ID", "m1")
			.containsEntry("REQUEST_TIMESTAMP", "2021-04-02T06:19:07.146Z")
			.containsEntry("BACKEND_LATENCY", 800L)
			.containsEntry("RESPONSE_LATENCY", 854L)
			.containsEntry("RESPONSE_MEDIATION_LATENCY", 100L);
		assertThat(values.get("REQUEST_MEDIATION_LATENCY")).isNull();
		assertThat(mapped.negativeLatency()).isTrue();
		assertThat(values.get("ID")).isEqualTo(ReportingIds.of("API_LATENCY_RAW_DATA", "m1", 1_617_344_348L));
	}

	/** A table takes side values only for the columns its rule names; every other column keeps its own value. */
	@Test
	void sideValuesFillOnlyTheColumnsTheTableRuleNames() {
		ReportingTargetShape authorisation = ReportingTargetShape.plan(ReportingTableRule.AUTHORISATION,
				sourceColumns("ID", "TIMESTAMP", "CONSENT_TYPE"));
		assertThat(authorisation.passThrough()).containsExactly("CONSENT_TYPE");
		Map<String, Object> side = row("ID", "r1", "CONSENT_TYPE", "long-lived", "PSU_INTERACTION_TIME", 42L,
				"API_SPEC_VERSION", "3.1.10");
		Map<String, Object> values = valuesByName(authorisation, new ReportingRowMapping(authorisation, true,
				new LatencyRules(true)).map(new ReportingRowMapping.Source(row("ID", "r1", "TIMESTAMP", 5L,
						"CONSENT_TYPE", "accounts"), side, true, null)));
		assertThat(values).containsEntry("CONSENT_TYPE", "accounts").containsEntry("PSU_INTERACTION_TIME", 42L)
			.doesNotContainKey("API_SPEC_VERSION");
		// accounts name CONSENT_TYPE: the side value wins there, the row's own is the fall-back
		ReportingTargetShape accounts = ReportingTargetShape.plan(ReportingTableRule.ACCOUNTS,
				sourceColumns("ID", "TIMESTAMP", "CONSENT_TYPE"));
		ReportingRowMapping mapping = new ReportingRowMapping(accounts, true, new LatencyRules(true));
		Map<String, Object> own = row("ID", "r1", "TIMESTAMP", 5L, "CONSENT_TYPE", "accounts");
		assertThat(valuesByName(accounts, mapping.map(new ReportingRowMapping.Source(own, side, true, null))))
			.containsEntry("CONSENT_TYPE", "long-lived");
		assertThat(valuesByName(accounts, mapping.map(new ReportingRowMapping.Source(own, null, true, null))))
			.containsEntry("CONSENT_TYPE", "accounts");
	}

}

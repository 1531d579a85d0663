package io.obmigrate.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.obmigrate.core.Dialect;

/** Atlas F.2 table shapes and F.5 #7: known columns mapped, TRA columns dropped, unknown columns passed through. */
class ReportingTargetShapeTest {

	private static Map<String, String> columns(String... names) {
		Map<String, String> columns = new LinkedHashMap<>();
		for (String name : names) {
			columns.put(name, "VARCHAR(254)");
		}
		return columns;
	}

	private static List<String> names(ReportingTargetShape shape) {
		return shape.columns().stream().map(ReportingColumn::upperName).toList();
	}

	@Test
	void accountsLoseTheTraColumnsAndGainTheSideTableColumns() {
		ReportingTargetShape shape = ReportingTargetShape.plan(ReportingTableRule.ACCOUNTS, columns("ID", "CONSENT_ID",
				"USER_ID", "TPP_ID", "CLIENT_ID", "ACCOUNT_ID", "RE_AUTHORISATION", "TIMESTAMP", "TRA_DECISION",
				"EXEMPTION", "IS_FRAUD"));
		assertThat(names(shape)).containsExactly("ID", "CONSENT_ID", "USER_ID", "TPP_ID", "CLIENT_ID", "ACCOUNT_ID",
				"RE_AUTHORISATION", "TIMESTAMP", "API_SPEC_VERSION", "CONSENT_TYPE", "EXPIRATION_DATE_TIME",
				"MESSAGE_ID");
		assertThat(shape.dropped()).containsExactly("TRA_DECISION", "EXEMPTION", "IS_FRAUD");
		assertThat(shape.passThrough()).isEmpty();
	}

	@Test
	void accountsCreatedByTheTraAppAlreadyHaveApiSpecVersion() {
		// G.3 #41: not an unknown column, not duplicated
		ReportingTargetShape shape = ReportingTargetShape.plan(ReportingTableRule.ACCOUNTS,
				columns("ID", "TIMESTAMP", "API_SPEC_VERSION"));
		assertThat(names(shape)).containsOnlyOnce("API_SPEC_VERSION");
		assertThat(shape.passThrough()).isEmpty();
		assertThat(shape.copiedFrom()).containsEntry("API_SPEC_VERSION", "API_SPEC_VERSION");
	}

	@Test
	void unknownColumnsPassThroughWithTheirOwnType() {
		// G.3 #40
		Map<String, String> source = columns("ID", "TIMESTAMP", "IS_FRAUD");
		source.put("BRANCH_CODE", "VARCHAR(32)");
		ReportingTargetShape shape = ReportingTargetShape.plan(ReportingTableRule.FUNDS_CONFIRMATION, source);
		assertThat(shape.passThrough()).containsExactly("BRANCH_CODE");
		assertThat(shape.columns().get(shape.columns().size() - 1).type(Dialect.MYSQL)).isEqualTo("VARCHAR(32)");
		assertThat(shape.dropped()).containsExactly("IS_FRAUD");
		assertThat(shape.copiedFrom()).containsEntry("BRANCH_CODE", "BRANCH_CODE").doesNotContainKey("MESSAGE_ID");
	}

	@Test
	void paymentsHaveTheTwentyOneColumnShapeAndTheConsentIndex() {
		ReportingTargetShape shape = ReportingTargetShape.plan(ReportingTableRule.PAYMENTS, columns("ID", "TIMESTAMP",
				"LOCAL_INSTRUMENT", "TRA_DECISION", "EXEMPTION", "IS_FRAUD", "EXTRA_FLAG"));
		assertThat(shape.columns()).hasSize(22);
		assertThat(names(shape).subList(0, 21)).endsWith("PAYMENT_REFUND", "CONSENT_TYPE", "DELIVERY_ADDRESS",
				"MESSAGE_ID");
		assertThat(shape.passThrough()).containsExactly("EXTRA_FLAG");
		assertThat(shape.ddl(Dialect.POSTGRESQL, "PAYMENTS_RAW_DATA__OB3")).element(1)
			.isEqualTo("CREATE INDEX PAYMENTS_RAW_DATA__OB3_I0 ON PAYMENTS_RAW_DATA__OB3 (CONSENT_ID, TIMESTAMP)");
	}

	@Test
	void invocationsRenameTppIdAndLoseTheLatencyColumns() {
		ReportingTargetShape shape = ReportingTargetShape.plan(ReportingTableRule.API_INVOCATION, columns("ID",
				"CONSENT_ID", "TPP_ID", "CLIENT_ID", "TIMESTAMP", "REQUEST_EXQ_START_TIME", "BACKEND_REQ_START_TIME",
				"BACKEND_REQ_END_TIME", "BACKEND_LATENCY", "AUTHORISATION_STATUS", "STATUS_MESSAGE"));
		assertThat(names(shape)).contains("CONSUMER_ID").doesNotContain("TPP_ID", "BACKEND_LATENCY").endsWith("TIMESTAMP");
		assertThat(shape.columns().get(shape.columns().size() - 1).notNull()).as("TIMESTAMP nullable, last").isFalse();
		assertThat(shape.copiedFrom()).containsEntry("CONSUMER_ID", "TPP_ID");
		assertThat(shape.dropped()).contains("BACKEND_LATENCY", "AUTHORISATION_STATUS", "STATUS_MESSAGE");
	}

	@Test
	void ddlUsesTheDialectsTypesAndTheRulesKey() {
		ReportingTargetShape shape = ReportingTargetShape.plan(ReportingTableRule.API_LATENCY, Map.of());
		assertThat(shape.ddl(Dialect.ORACLE, "API_LATENCY_RAW_DATA__OB3")).containsExactly("CREATE TABLE"
				+ " API_LATENCY_RAW_DATA__OB3 (ID VARCHAR2(254) NOT NULL, MESSAGE_ID VARCHAR2(254) NOT NULL,"
				+ " REQUEST_TIMESTAMP VARCHAR2(254), BACKEND_LATENCY NUMBER(19), REQUEST_MEDIATION_LATENCY NUMBER(19),"
				+ " RESPONSE_LATENCY NUMBER(19), RESPONSE_MEDIATION_LATENCY NUMBER(19), PRIMARY KEY (ID, MESSAGE_ID))");
		assertThat(ReportingColumn.bool("B").type(Dialect.MSSQL)).isEqualTo("BIT");
		assertThat(ReportingColumn.bool("B").type(Dialect.MYSQL)).isEqualTo("TINYINT(1)");
	}

}

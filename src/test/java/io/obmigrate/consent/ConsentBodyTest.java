package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Atlas D.3.7 (receipt rewrite), D.3.1 and D.6 #10, #11, #12 (expiry and safer rewrite), with golden receipts. */
class ConsentBodyTest {

	private static final ConsentBody.RewriteRule SAFER = ConsentBody.RewriteRule.safer(List.of("SupplementaryData"));

	@Test
	void accountReceiptMapsPermissionsAndRenamesKeys() {
		String request = "{\"accountData\":{\"permissions\":[\"READACCOUNTSBASIC\",\"READBALANCES\",\"READPAN\"],"
				+ "\"expirationDateTime\":\"2025-01-01T00:00:00Z\"},\"scASupportData\":{\"requestedSCAExemptionType\":"
				+ "\"BillPayments\"},\"risk\":{}}";
		assertThat(ConsentBody.parse(request).receipt(SAFER)).isEqualTo("{\"Data\":{\"Permissions\":"
				+ "[\"ReadAccountsBasic\",\"ReadBalances\",\"ReadPAN\"],\"ExpirationDateTime\":\"2025-01-01T00:00:00Z\"},"
				+ "\"SCASupportData\":{\"RequestedSCAExemptionType\":\"BillPayments\"},\"Risk\":{}}");
	}

	@Test
	void fundsConfirmationReceiptRenamesNestedKeys() {
		String request = "{\"data\":{\"expirationDateTime\":\"2025-01-01T00:00:00Z\",\"debtorAccount\":"
				+ "{\"schemeName\":\"UK.OBIE.IBAN\",\"identification\":\"GB76\"}}}";
		assertThat(ConsentBody.parse(request).receipt(SAFER)).isEqualTo("{\"Data\":{\"ExpirationDateTime\":"
				+ "\"2025-01-01T00:00:00Z\",\"DebtorAccount\":{\"SchemeName\":\"UK.OBIE.IBAN\",\"Identification\":\"GB76\"}}}");
	}

	@Test
	void paymentReceiptKeepsSupplementaryDataAndRenamesInsideArrays() {
		String request = "{\"data\":{\"initiation\":{\"instructedAmount\":{\"amount\":\"10.00\"},"
				+ "\"supplementaryData\":{\"merchantRef\":\"m-1\"}},\"charges\":[{\"chargeBearer\":\"Shared\"}]},"
				+ "\"risk\":{\"paymentContextCode\":\"EcommerceGoods\"}}";
		assertThat(ConsentBody.parse(request).receipt(SAFER)).isEqualTo("{\"Data\":{\"Initiation\":"
				+ "{\"InstructedAmount\":{\"Amount\":\"10.00\"},\"SupplementaryData\":{\"merchantRef\":\"m-1\"}},"
				+ "\"Charges\":[{\"ChargeBearer\":\"Shared\"}]},\"Risk\":{\"PaymentContextCode\":\"EcommerceGoods\"}}");
	}

	@Test
	void r2RewriteLeavesArraysAndFreeFormObjectsAsWso2Did() {
		String request = "{\"data\":{\"supplementaryData\":{\"merchantRef\":\"m-1\"},\"charges\":[{\"chargeBearer\":\"x\"}]}}";
		assertThat(ConsentBody.parse(request).receipt(ConsentBody.RewriteRule.r2())).isEqualTo(
				"{\"Data\":{\"SupplementaryData\":{\"MerchantRef\":\"m-1\"},\"Charges\":[{\"chargeBearer\":\"x\"}]}}");
	}

	@Test
	void stringHoldingAJsonObjectBecomesThatObject() {
		assertThat(ConsentBody.parse("{\"risk\":\"{\\\"deliveryAddress\\\":{\\\"townName\\\":\\\"Leeds\\\"}}\"}")
			.receipt(SAFER)).isEqualTo("{\"Risk\":{\"DeliveryAddress\":{\"TownName\":\"Leeds\"}}}");
	}

	@Test
	void unknownPermissionNameIsKept() {
		assertThat(ConsentBody.parse("{\"accountData\":{\"permissions\":[\"READFOO\",\"READOFFERS\"]}}").receipt(SAFER))
			.isEqualTo("{\"Data\":{\"Permissions\":[\"READFOO\",\"ReadOffers\"]}}");
	}

	@Test
	void permissionsAreFoundWhateverTheCaseOfTheirKeysAndMappedUnderAKeptObject() {
		assertThat(ConsentBody.parse("{\"DATA\":{\"PERMISSIONS\":[\"READPAN\",5,null]},\"risk\":{}}")
			.receipt(ConsentBody.RewriteRule.safer(List.of("Data"))))
			.isEqualTo("{\"DATA\":{\"PERMISSIONS\":[\"ReadPAN\",5,null]},\"Risk\":{}}");
	}

	@Test
	void permissionsInsideAStringHoldingJsonAreNotMapped() {
		// only an account data object holds the permissions to map; a string becomes an object after that step
		assertThat(ConsentBody.parse("{\"accountData\":\"{\\\"permissions\\\":[\\\"READPAN\\\"]}\"}").receipt(SAFER))
			.isEqualTo("{\"Data\":{\"Permissions\":[\"READPAN\"]}}");
	}

	@Test
	void theReceiptLeavesTheParsedBodyAsItWas() {
		ConsentBody body = ConsentBody.parse("{\"accountData\":{\"permissions\":[\"READOFFERS\"],"
				+ "\"expirationDateTime\":\"2025-01-01T00:00:00Z\"}}");
		String first = body.receipt(SAFER);
		assertThat(body.receipt(ConsentBody.RewriteRule.r2())).isEqualTo(first)
			.isEqualTo("{\"Data\":{\"Permissions\":[\"ReadOffers\"],\"ExpirationDateTime\":\"2025-01-01T00:00:00Z\"}}");
		assertThat(body.expiry().kind()).isEqualTo(ConsentBody.Expiry.Kind.EXACT);
	}

	@Test
	void bodyAlreadyInObShapeIsUnchanged() {
		String request = "{\"Data\":{\"Permissions\":[\"ReadBalances\"]},\"Risk\":{}}";
		assertThat(ConsentBody.parse(request).receipt(SAFER)).isEqualTo(request);
	}

	@Test
	void bodyThatIsNotJsonIsReturnedUnchanged() {
		ConsentBody body = ConsentBody.parse("lost body");
		assertThat(body.isJson()).isFalse();
		assertThat(body.receipt(SAFER)).isEqualTo("lost body");
	}

	@Test
	void jsonArrayBodyIsRewrittenElementByElement() {
		assertThat(ConsentBody.parse("[{\"risk\":{}}]").receipt(SAFER)).isEqualTo("[{\"Risk\":{}}]");
	}

	@Test
	void expiryWithOffsetIsExactUtc() {
		ConsentBody.Expiry expiry = ConsentBody.parse("{\"accountData\":{\"expirationDateTime\":\"2025-06-01T10:00:00+05:30\"}}")
			.expiry();
		assertThat(expiry.kind()).isEqualTo(ConsentBody.Expiry.Kind.EXACT);
		assertThat(expiry.epochSeconds()).isEqualTo(OffsetDateTime.parse("2025-06-01T04:30:00Z").toEpochSecond());
	}

	@Test
	void expiryWithoutOffsetAssumesUtc() {
		ConsentBody.Expiry expiry = ConsentBody.parse("{\"accountData\":{\"ExpirationDateTime\":\"2025-06-01T10:00:00\"}}")
			.expiry();
		assertThat(expiry.kind()).isEqualTo(ConsentBody.Expiry.Kind.ASSUMED_UTC);
		assertThat(expiry.epochSeconds()).isEqualTo(OffsetDateTime.parse("2025-06-01T10:00:00Z").toEpochSecond());
	}

	@Test
	void malformedExpiryGivesZero() {
		ConsentBody.Expiry expiry = ConsentBody.parse("{\"data\":{\"expirationDateTime\":\"soon\"}}").expiry();
		assertThat(expiry.kind()).isEqualTo(ConsentBody.Expiry.Kind.UNPARSEABLE);
		assertThat(expiry.epochSeconds()).isZero();
	}

	@Test
	void expiryIsLookedUpUnderAccountDataThenData() {
		assertThat(ConsentBody.parse("{\"Data\":{\"ExpirationDateTime\":\"2025-01-01T00:00:00Z\"}}").expiry().kind())
			.isEqualTo(ConsentBody.Expiry.Kind.EXACT);
		assertThat(ConsentBody.parse("{\"risk\":{}}").expiry().kind()).isEqualTo(ConsentBody.Expiry.Kind.ABSENT);
	}

}

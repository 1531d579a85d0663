package io.obmigrate.consent;

import java.util.ArrayList;
import java.util.List;

import io.obmigrate.consent.ConsentSource.Binding;
import io.obmigrate.consent.ConsentSource.Metadata;
import io.obmigrate.consent.ConsentSource.PaymentFile;
import io.obmigrate.consent.ConsentSource.RevocationHistory;
import io.obmigrate.consent.ConsentSource.TargetPresence;

/** Builds {@link ConsentSource} values for the mapping tests. */
final class ConsentSources {

	static final long CREATED = 1_600_000_000L;

	static final long UPDATED = 1_600_086_400L;

	private final ConsentType type;

	private final String id;

	private String status;

	private String request = "{\"accountData\":{\"permissions\":[\"READBALANCES\"]}}";

	private String clientId = "tpp-1";

	private String specVersion = "v3.1";

	private String idempotentKey = "idem-1";

	private final List<Binding> bindings = new ArrayList<>();

	private final List<Binding> retired = new ArrayList<>();

	private RevocationHistory history;

	private PaymentFile file;

	private final List<Metadata> metadata = new ArrayList<>();

	private boolean multiAuthorisation;

	private final List<String> multiAuthorisers = new ArrayList<>();

	private TargetPresence presence = TargetPresence.ABSENT;

	private ConsentSources(ConsentType type, String id, String status) {
		this.type = type;
		this.id = id;
		this.status = status;
	}

	static ConsentSources accounts(String status) {
		return new ConsentSources(ConsentType.ACCOUNTS, "acc-1", status);
	}

	static ConsentSources fundsConfirmation(String status) {
		return new ConsentSources(ConsentType.FUNDS_CONFIRMATIONS, "cof-1", status).request("{\"data\":{}}");
	}

	static ConsentSources payment(String status) {
		return new ConsentSources(ConsentType.PAYMENTS, "pay-1", status).request("{\"data\":{\"initiation\":{}}}")
			.metadata("paymentType", "domestic-payment-consents");
	}

	ConsentSources request(String request) {
		this.request = request;
		return this;
	}

	ConsentSources clientId(String clientId) {
		this.clientId = clientId;
		return this;
	}

	ConsentSources specVersion(String specVersion) {
		this.specVersion = specVersion;
		return this;
	}

	ConsentSources idempotentKey(String key) {
		this.idempotentKey = key;
		return this;
	}

	ConsentSources binding(String user, String account, long time) {
		return binding(user, account, time, null);
	}

	ConsentSources binding(String user, String account, long time, String collectionMethod) {
		this.bindings.add(new Binding(user, account, time, collectionMethod));
		return this;
	}

	ConsentSources retired(String user, String account, long time) {
		this.retired.add(new Binding(user, account, time, null));
		return this;
	}

	ConsentSources history(String user, String reason) {
		this.history = new RevocationHistory(user, reason);
		return this;
	}

	ConsentSources file(byte[] content, String key, long uploaded) {
		this.file = new PaymentFile(content, key, uploaded);
		return this;
	}

	ConsentSources metadata(String key, String value) {
		this.metadata.add(new Metadata("PISP", key, value));
		return this;
	}

	ConsentSources noMetadata() {
		this.metadata.clear();
		return this;
	}

	ConsentSources filePayment() {
		this.metadata.clear();
		return metadata("paymentType", "file-payment-consents");
	}

	ConsentSources multiAuthorisation(String... authorisers) {
		this.multiAuthorisation = true;
		this.multiAuthorisers.addAll(List.of(authorisers));
		return this;
	}

	ConsentSources presence(TargetPresence presence) {
		this.presence = presence;
		return this;
	}

	ConsentSource build() {
		return new ConsentSource(new ConsentSource.Initiation(this.type, this.id, this.request, CREATED, this.status,
				this.clientId, UPDATED, this.specVersion, this.type == ConsentType.PAYMENTS ? this.idempotentKey : null),
				this.bindings, this.retired, this.history, this.file, this.metadata, this.multiAuthorisation,
				this.multiAuthorisers, this.presence);
	}

}

package io.obmigrate.consent;

/**
 * The three OB 2.0 consent families, each read from its own tables and written with its OB 3.0 consent type
 *.
 */
public enum ConsentType {

	ACCOUNTS("accounts", "UK_ACCOUNT_INITIATION", "CREATED_TIMESTAMP", "UK_ACCOUNT_CONSENT_BINDING", "ACCOUNT_ID",
			"UK_ACCOUNT_CONSENT_REV_HISTORY", 1),

	FUNDS_CONFIRMATIONS("fundsconfirmations", "UK_COF_INITIATION", "CREATED_TIMESTAMP", "UK_COF_CONSENT_BINDING",
			"ACCOUNT_ID", "UK_COF_CONSENT_REV_HISTORY", 2),

	PAYMENTS("payments", "UK_TRANSACTION_INITIATION", "TIMESTAMP", "UK_TRANSACTION_CONSENT_BINDING", "DEBTOR_ACCOUNT",
			null, 3);

	private final String targetType;

	private final String initiationTable;

	private final String createdColumn;

	private final String bindingTable;

	private final String accountColumn;

	private final String revocationHistoryTable;

	private final int idRegion;

	ConsentType(String targetType, String initiationTable, String createdColumn, String bindingTable,
			String accountColumn, String revocationHistoryTable, int idRegion) {
		this.targetType = targetType;
		this.initiationTable = initiationTable;
		this.createdColumn = createdColumn;
		this.bindingTable = bindingTable;
		this.accountColumn = accountColumn;
		this.revocationHistoryTable = revocationHistoryTable;
		this.idRegion = idRegion;
	}

	/** The OB 3.0 {@code CONSENT_TYPE} literal. */
	public String targetType() {
		return this.targetType;
	}

	/** The type whose OB 3.0 {@code CONSENT_TYPE} literal this is; null for any other (a native OB 3.0 type). */
	public static ConsentType ofTarget(String targetType) {
		for (ConsentType type : values()) {
			if (type.targetType.equals(targetType)) {
				return type;
			}
		}
		return null;
	}

	public String initiationTable() {
		return this.initiationTable;
	}

	/** The creation time column: payments call it {@code TIMESTAMP}. */
	public String createdColumn() {
		return this.createdColumn;
	}

	public String bindingTable() {
		return this.bindingTable;
	}

	/** The bound account column: {@code DEBTOR_ACCOUNT} for payments. */
	public String accountColumn() {
		return this.accountColumn;
	}

	/** The revocation history table; payments have none. */
	public String revocationHistoryTable() {
		return this.revocationHistoryTable;
	}

	/**
	 * The first hex digit of the IDs obmigrate gives this type's authorisations and status audits (and so their
	 * account mappings): each type's rows in a region of their own, in consent-ID order within it
	 * ({@link io.obmigrate.core.DeterministicId#near(int, String...)}). Part of the deterministic IDs: never change it.
	 */
	public int idRegion() {
		return this.idRegion;
	}

	/** Accounts and CoF share {@code UK_CONSENT_REV}; payments never move bindings there. */
	public boolean usesConsentRev() {
		return this != PAYMENTS;
	}

	public String stepName() {
		return "consent." + this.targetType;
	}

}

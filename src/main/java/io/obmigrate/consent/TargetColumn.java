package io.obmigrate.consent;

/** The OB 3.0 consent columns whose live size the mapping respects: a value that does not fit is never cut silently. */
public enum TargetColumn {

	CONSENT_ID("OB_CONSENT", "CONSENT_ID", 255),
	CLIENT_ID("OB_CONSENT", "CLIENT_ID", 255),
	CONSENT_TYPE("OB_CONSENT", "CONSENT_TYPE", 64),
	CURRENT_STATUS("OB_CONSENT", "CURRENT_STATUS", 64),
	AUTH_USER_ID("OB_CONSENT_AUTH_RESOURCE", "USER_ID", 255),
	AUTH_TYPE("OB_CONSENT_AUTH_RESOURCE", "AUTH_TYPE", 255),
	MAPPING_ACCOUNT_ID("OB_CONSENT_MAPPING", "ACCOUNT_ID", 255),
	AUDIT_REASON("OB_CONSENT_STATUS_AUDIT", "REASON", 255),
	AUDIT_ACTION_BY("OB_CONSENT_STATUS_AUDIT", "ACTION_BY", 255),
	ATTRIBUTE_KEY("OB_CONSENT_ATTRIBUTE", "ATT_KEY", 255),
	/** 255 or 1023 depending on the accelerator's update level: always read from the live table. */
	ATTRIBUTE_VALUE("OB_CONSENT_ATTRIBUTE", "ATT_VALUE", 255),
	/** A 64 KiB BLOB in the MySQL script; unbounded elsewhere. */
	CONSENT_FILE("OB_CONSENT_FILE", "CONSENT_FILE", Integer.MAX_VALUE);

	private final String table;

	private final String column;

	private final int scriptSize;

	TargetColumn(String table, String column, int scriptSize) {
		this.table = table;
		this.column = column;
		this.scriptSize = scriptSize;
	}

	public String table() {
		return this.table;
	}

	public String column() {
		return this.column;
	}

	/** The size the accelerator's scripts give it. */
	int scriptSize() {
		return this.scriptSize;
	}

	/** {@code TABLE.COLUMN}, as messages name it. */
	@Override
	public String toString() {
		return this.table + "." + this.column;
	}

	/** The column of a table, or null when the mapping does not limit it. */
	static TargetColumn of(String table, String column) {
		for (TargetColumn candidate : values()) {
			if (candidate.table.equalsIgnoreCase(table) && candidate.column.equalsIgnoreCase(column)) {
				return candidate;
			}
		}
		return null;
	}

}

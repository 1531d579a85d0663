package io.obmigrate.consent;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Live sizes of the OB 3.0 target columns, read once per step from JDBC metadata (atlas C.6: {@code ATT_VALUE} is 255
 * or 1023 depending on the update level; C.5: the MySQL file column is a 64 KiB BLOB). The mapping checks every value
 * against them, so a value that does not fit is quarantined instead of failing a chunk.
 *
 * @param columns limits by {@code TABLE.COLUMN}
 * @param byteSemantics whether character columns count bytes (Oracle, SQL Server {@code VARCHAR}) rather than characters
 * @param receiptIsJson whether {@code OB_CONSENT.RECEIPT} accepts only valid JSON (MySQL)
 */
public record TargetLimits(Map<String, Limit> columns, boolean byteSemantics, boolean receiptIsJson) {

	/** A column's maximum size; {@code binary} columns count bytes. */
	public record Limit(long maxSize, boolean binary) {
	}

	/** Limits of the accelerator scripts (atlas C), for tests and dry runs without a target. */
	public static TargetLimits defaults(int attributeValueSize) {
		Limit v255 = new Limit(255, false);
		Map<String, Limit> columns = new java.util.HashMap<>();
		for (String column : new String[] { "OB_CONSENT.CONSENT_ID", "OB_CONSENT.CLIENT_ID",
				"OB_CONSENT_AUTH_RESOURCE.USER_ID", "OB_CONSENT_AUTH_RESOURCE.AUTH_TYPE",
				"OB_CONSENT_MAPPING.ACCOUNT_ID", "OB_CONSENT_STATUS_AUDIT.REASON", "OB_CONSENT_STATUS_AUDIT.ACTION_BY",
				"OB_CONSENT_ATTRIBUTE.ATT_KEY" }) {
			columns.put(column, v255);
		}
		columns.put("OB_CONSENT.CONSENT_TYPE", new Limit(64, false));
		columns.put("OB_CONSENT.CURRENT_STATUS", new Limit(64, false));
		columns.put("OB_CONSENT_ATTRIBUTE.ATT_VALUE", new Limit(attributeValueSize, false));
		columns.put("OB_CONSENT_FILE.CONSENT_FILE", new Limit(Integer.MAX_VALUE, false));
		return new TargetLimits(Map.copyOf(columns), false, false);
	}

	public long max(String tableColumn) {
		Limit limit = this.columns.get(tableColumn);
		return limit == null || limit.maxSize() <= 0 ? Long.MAX_VALUE : limit.maxSize();
	}

	/** The length of a text as the target column counts it. */
	public long lengthOf(String text) {
		return this.byteSemantics ? text.getBytes(StandardCharsets.UTF_8).length
				: text.codePointCount(0, text.length());
	}

	/** Whether the live column holds bytes (the MySQL {@code BLOB} file column) rather than characters. */
	public boolean isBinary(String tableColumn) {
		Limit limit = this.columns.get(tableColumn);
		return limit != null && limit.binary();
	}

	public boolean fits(String tableColumn, String text) {
		return text == null || lengthOf(text) <= max(tableColumn);
	}

	/** The longest prefix that fits, cut between code points (atlas D.6 #6). */
	public String truncate(String tableColumn, String text) {
		long max = max(tableColumn);
		if (text == null || lengthOf(text) <= max) {
			return text;
		}
		StringBuilder kept = new StringBuilder();
		long used = 0;
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			String character = new String(Character.toChars(codePoint));
			long size = lengthOf(character);
			if (used + size > max) {
				break;
			}
			kept.append(character);
			used += size;
			i += Character.charCount(codePoint);
		}
		return kept.toString();
	}

}

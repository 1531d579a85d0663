package io.obmigrate.consent;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Live sizes of the OB 3.0 target columns, read once per step from JDBC metadata ({@code ATT_VALUE} is 255 or 1023
 * depending on the accelerator's update level; the MySQL file column is a 64 KiB BLOB). The mapping checks every value
 * against them, so a value that does not fit is quarantined ({@code value-too-long}) instead of failing a chunk.
 *
 * @param columns limits by column
 * @param byteSemantics whether character columns count bytes (Oracle, SQL Server {@code VARCHAR}) rather than characters
 * @param receiptIsJson whether {@code OB_CONSENT.RECEIPT} accepts only valid JSON (MySQL)
 */
public record TargetLimits(Map<TargetColumn, Limit> columns, boolean byteSemantics, boolean receiptIsJson) {

	/** A column's maximum size; {@code binary} columns count bytes. */
	public record Limit(long maxSize, boolean binary) {
	}

	/** Limits of the accelerator scripts, for tests and dry runs without a target. */
	public static TargetLimits defaults(int attributeValueSize) {
		Map<TargetColumn, Limit> columns = new java.util.EnumMap<>(TargetColumn.class);
		for (TargetColumn column : TargetColumn.values()) {
			columns.put(column, new Limit(column == TargetColumn.ATTRIBUTE_VALUE ? attributeValueSize
					: column.scriptSize(), false));
		}
		return new TargetLimits(Map.copyOf(columns), false, false);
	}

	public long max(TargetColumn tableColumn) {
		Limit limit = this.columns.get(tableColumn);
		return limit == null || limit.maxSize() <= 0 ? Long.MAX_VALUE : limit.maxSize();
	}

	/** The length of a text as the target column counts it. */
	public long lengthOf(String text) {
		return this.byteSemantics ? text.getBytes(StandardCharsets.UTF_8).length
				: text.codePointCount(0, text.length());
	}

	/** Whether the live column holds bytes (the MySQL {@code BLOB} file column) rather than characters. */
	public boolean isBinary(TargetColumn tableColumn) {
		Limit limit = this.columns.get(tableColumn);
		return limit != null && limit.binary();
	}

	public boolean fits(TargetColumn tableColumn, String text) {
		return text == null || lengthOf(text) <= max(tableColumn);
	}

	/** The longest prefix that fits, cut between code points ({@code reason-truncated}). */
	public String truncate(TargetColumn tableColumn, String text) {
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

package io.obmigrate.core;

import java.util.Collections;

/** Small pieces of SQL text the jobs build the same way. */
public final class SqlText {

	private SqlText() {
	}

	/** {@code n} bind markers for an IN list or a VALUES clause: {@code ?, ?, ?}. */
	public static String placeholders(int n) {
		return String.join(", ", Collections.nCopies(n, "?"));
	}

	/** Text that means the same in a single-quoted literal of every database and client: nothing to escape. */
	public static boolean isPlain(String value) {
		return value.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
				|| " -_.@:/+=,".indexOf(c) >= 0);
	}

	/**
	 * A literal as quoted pieces joined by {@code join}, single quotes doubled, and each character {@code special}
	 * picks written as {@code asFunction} gives it (CHR(10), NCHAR(36), ...).
	 */
	public static String concatenatedLiteral(String value, String open, java.util.function.IntPredicate special,
			java.util.function.IntFunction<String> asFunction, String join) {
		java.util.List<String> parts = new java.util.ArrayList<>();
		StringBuilder piece = new StringBuilder();
		value.codePoints().forEach(c -> {
			if (special.test(c)) {
				if (!piece.isEmpty()) {
					parts.add(open + piece + "'");
					piece.setLength(0);
				}
				parts.add(asFunction.apply(c));
			}
			else {
				piece.append(c == '\'' ? "''" : Character.toString(c));
			}
		});
		if (!piece.isEmpty() || parts.isEmpty()) {
			parts.add(open + piece + "'");
		}
		return String.join(join, parts);
	}

}

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

}

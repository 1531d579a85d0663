package io.obmigrate.core;

import java.util.Collection;

/** The nearest known name to a misspelt one, for "did you mean" in error messages. */
public final class Spelling {

	private Spelling() {
	}

	/** The candidate nearest to {@code name}, or null when none is close enough to be a misspelling of it. */
	public static String nearest(String name, Collection<String> candidates) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : candidates) {
			int distance = distance(name, candidate);
			if (distance < bestDistance) {
				bestDistance = distance;
				best = candidate;
			}
		}
		return bestDistance <= Math.max(3, name.length() / 4) ? best : null;
	}

	/** The Levenshtein distance: insertions, deletions and substitutions that turn {@code a} into {@code b}. */
	public static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}

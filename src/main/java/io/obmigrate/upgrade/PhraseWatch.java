package io.obmigrate.upgrade;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Watches the lines of a log or of a process's output for the step's phrases: every success phrase must appear, any
 * failure phrase fails the step (also after the success phrases: the vendor's clients log "successfully" after errors
 * they swallowed). Keeps the lines that matched and the last lines, for the log slice the journal keeps.
 */
final class PhraseWatch {

	private static final int LAST_LINES = 40;

	private static final int MAX_LINE = 500;

	private final List<Pattern> success;

	private final List<Pattern> failure;

	private final Map<Pattern, String> successSeen = new LinkedHashMap<>();

	private String failureLine;

	private Pattern failurePattern;

	private final Deque<String> last = new ArrayDeque<>();

	private long lines;

	PhraseWatch(List<String> success, List<String> failure) {
		this.success = success.stream().map(Pattern::compile).toList();
		this.failure = failure.stream().map(Pattern::compile).toList();
	}

	/** Looks at one line from {@code source} (the log or the output). */
	void accept(String source, String line) {
		this.lines++;
		String shown = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line;
		this.last.addLast(source + "| " + shown);
		if (this.last.size() > LAST_LINES) {
			this.last.removeFirst();
		}
		if (this.failureLine == null) {
			for (Pattern pattern : this.failure) {
				if (pattern.matcher(line).find()) {
					this.failurePattern = pattern;
					this.failureLine = source + "| " + shown;
					break;
				}
			}
		}
		for (Pattern pattern : this.success) {
			if (!this.successSeen.containsKey(pattern) && pattern.matcher(line).find()) {
				this.successSeen.put(pattern, source + "| " + shown);
			}
		}
	}

	boolean failed() {
		return this.failureLine != null;
	}

	boolean allSucceeded() {
		return this.successSeen.size() == this.success.size();
	}

	long lines() {
		return this.lines;
	}

	String failureDescription() {
		return "failure phrase '" + this.failurePattern.pattern() + "' appeared: " + this.failureLine;
	}

	/** The success phrases that have not appeared. */
	List<String> missing() {
		List<String> missing = new ArrayList<>();
		for (Pattern pattern : this.success) {
			if (!this.successSeen.containsKey(pattern)) {
				missing.add("'" + pattern.pattern() + "'");
			}
		}
		return missing;
	}

	/** The matched lines and the last lines, for the journal. */
	String slice(String header) {
		StringBuilder slice = new StringBuilder(header).append('\n');
		this.successSeen.forEach((pattern, line) -> slice.append("success '").append(pattern.pattern()).append("': ")
			.append(line).append('\n'));
		if (this.failureLine != null) {
			slice.append("FAILURE '").append(this.failurePattern.pattern()).append("': ").append(this.failureLine)
				.append('\n');
		}
		slice.append("last ").append(this.last.size()).append(" of ").append(this.lines).append(" lines:\n");
		this.last.forEach(line -> slice.append(line).append('\n'));
		return slice.toString();
	}

}

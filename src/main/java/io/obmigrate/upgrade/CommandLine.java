package io.obmigrate.upgrade;

import java.util.ArrayList;
import java.util.List;

import io.obmigrate.core.ConfigurationProblem;

/**
 * Splits a command written in a plan into its arguments the way a POSIX shell would, without running a shell: words
 * split on blanks, '...' taken literally, "..." with \" \\ \$ and \` escapes, a backslash outside quotes escaping the
 * next character. Pipes and redirections need an explicit {@code sh -c '...'}.
 */
final class CommandLine {

	private CommandLine() {
	}

	static List<String> split(String command) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		boolean inWord = false;
		int i = 0;
		while (i < command.length()) {
			char c = command.charAt(i);
			if (Character.isWhitespace(c)) {
				if (inWord) {
					words.add(word.toString());
					word.setLength(0);
					inWord = false;
				}
				i++;
			}
			else if (c == '\'') {
				int end = command.indexOf('\'', i + 1);
				if (end < 0) {
					throw unbalanced(command, "'");
				}
				word.append(command, i + 1, end);
				inWord = true;
				i = end + 1;
			}
			else if (c == '"') {
				i++;
				boolean closed = false;
				while (i < command.length()) {
					char d = command.charAt(i);
					if (d == '"') {
						closed = true;
						i++;
						break;
					}
					if (d == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
						word.append(command.charAt(i + 1));
						i += 2;
					}
					else {
						word.append(d);
						i++;
					}
				}
				if (!closed) {
					throw unbalanced(command, "\"");
				}
				inWord = true;
			}
			else if (c == '\\' && i + 1 < command.length()) {
				word.append(command.charAt(i + 1));
				inWord = true;
				i += 2;
			}
			else {
				word.append(c);
				inWord = true;
				i++;
			}
		}
		if (inWord) {
			words.add(word.toString());
		}
		if (words.isEmpty()) {
			throw new ConfigurationProblem("An upgrade step has an empty command.");
		}
		return words;
	}

	private static ConfigurationProblem unbalanced(String command, String quote) {
		return new ConfigurationProblem("The command '" + command + "' has an unclosed " + quote + " quote.");
	}

}

package io.obmigrate.upgrade;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.Dialect;

/**
 * Splits a vendor SQL script into the statements a database client would send, per dialect:
 * <ul>
 * <li>MySQL: {@code ;} or the delimiter a {@code DELIMITER xx} line sets (procedures); {@code #}, {@code -- } and
 * {@code /* *}{@code /} comments; backslash escapes in strings; back-quoted names; {@code /*!...*}{@code /} kept as
 * code;</li>
 * <li>PostgreSQL and H2: {@code ;}; dollar-quoted bodies ({@code $$...$$}, {@code $tag$...$tag$}); {@code E'...'}
 * escapes; psql meta-commands are refused;</li>
 * <li>SQL Server: batches separated by {@code GO} lines ({@code GO n} repeats the batch), sent whole;
 * {@code [names]};</li>
 * <li>Oracle: {@code ;} ends a SQL statement (and is not sent); a PL/SQL block ({@code DECLARE}, {@code BEGIN},
 * {@code CREATE [OR REPLACE] PROCEDURE|FUNCTION|PACKAGE|TRIGGER|TYPE}) runs to a line holding only {@code /};
 * {@code q'[...]'} quoting; SQL*Plus commands (SET DEFINE, PROMPT, SPOOL, WHENEVER, EXIT, REM) are skipped.</li>
 * </ul>
 * Quotes and comments never end a statement. Each statement keeps the line it starts on.
 */
final class SqlScriptSplitter {

	/** One statement of a script: its number (from 1), the line it starts on, and its text. */
	record Statement(int number, int line, String text) {

		String checksum() {
			return UpgradePlan.sha256(this.text);
		}

		/** The statement on one line, shortened, for messages and the journal. */
		String preview() {
			String flat = this.text.replaceAll("\\s+", " ").strip();
			return flat.length() > 160 ? flat.substring(0, 157) + "..." : flat;
		}

		/** A statement that only sets up the session (lost with a new connection, harmless to repeat). */
		boolean sessionSetting() {
			String head = this.text.stripLeading().toUpperCase(Locale.ROOT);
			return (head.startsWith("SET ") && !head.startsWith("SET GLOBAL") && !head.startsWith("SET PERSIST")
					&& !head.startsWith("SET PASSWORD") && !head.startsWith("SET TRANSACTION"))
					|| head.startsWith("ALTER SESSION ") || head.startsWith("USE ");
		}

	}

	private static final Pattern ORACLE_BLOCK = Pattern.compile("(?is)\\s*(DECLARE|BEGIN|CREATE\\s+(OR\\s+REPLACE\\s+)?"
			+ "((NON)?EDITIONABLE\\s+)?(PROCEDURE|FUNCTION|PACKAGE|TRIGGER|TYPE|LIBRARY))\\b.*");

	private static final Pattern SQLPLUS = Pattern.compile("(?i)(REM|REMARK|PROMPT|SPOOL|WHENEVER|EXIT|QUIT|"
			+ "SET\\s+(DEFINE|ECHO|SERVEROUTPUT|FEEDBACK|VERIFY|TERMOUT|PAGESIZE|LINESIZE|SQLBLANKLINES|TIMING|HEADING|"
			+ "SCAN|TRIMSPOOL))(\\s.*)?");

	private static final Pattern GO = Pattern.compile("(?i)GO(\\s+(\\d+))?\\s*(--.*)?");

	private static final Pattern DELIMITER = Pattern.compile("(?i)DELIMITER\\s+(\\S+)\\s*");

	private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");

	private enum Family {
		MYSQL, POSTGRESQL, MSSQL, ORACLE, H2
	}

	private final String script;

	private final Family family;

	private final List<Statement> statements = new ArrayList<>();

	private final StringBuilder current = new StringBuilder();

	private final StringBuilder code = new StringBuilder();

	private int line = 1;

	private int startLine = -1;

	private String delimiter = ";";

	private SqlScriptSplitter(String script, Family family) {
		this.script = script;
		this.family = family;
	}

	static List<Statement> split(String script, Dialect dialect) {
		Family family = switch (dialect.folder()) {
			case "mysql" -> Family.MYSQL;
			case "postgresql" -> Family.POSTGRESQL;
			case "mssql" -> Family.MSSQL;
			case "oracle" -> Family.ORACLE;
			default -> Family.H2;
		};
		SqlScriptSplitter splitter = new SqlScriptSplitter(script.startsWith("\uFEFF") ? script.substring(1) : script,
				family);
		splitter.scan();
		return splitter.statements;
	}

	private void scan() {
		String s = this.script;
		int n = s.length();
		int i = 0;
		boolean lineStart = true;
		while (i < n) {
			if (lineStart) {
				lineStart = false;
				int eol = s.indexOf('\n', i);
				String text = s.substring(i, eol < 0 ? n : eol).strip();
				if (directive(text)) {
					i = eol < 0 ? n : eol + 1;
					this.line++;
					lineStart = true;
					continue;
				}
			}
			char c = s.charAt(i);
			if (c == '\n') {
				append(c, false);
				this.line++;
				lineStart = true;
				i++;
			}
			else if (startsLineComment(i)) {
				int eol = s.indexOf('\n', i);
				int end = eol < 0 ? n : eol;
				this.current.append(s, i, end);
				i = end;
			}
			else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
				i = blockComment(i);
			}
			else if (c == '\'' || c == '"' || (c == '`' && this.family == Family.MYSQL)
					|| (c == '[' && this.family == Family.MSSQL)) {
				i = quoted(i, c);
			}
			else if ((c == 'q' || c == 'Q') && this.family == Family.ORACLE && i + 2 < n && s.charAt(i + 1) == '\''
					&& !identifierChar(i - 1)) {
				i = oracleQuote(i);
			}
			else if (c == '$' && (this.family == Family.POSTGRESQL || this.family == Family.H2) && !identifierChar(i - 1)
					&& dollarTag(i) != null) {
				i = dollarQuoted(i);
			}
			else if (this.family == Family.MSSQL) {
				append(c, true);
				i++;
			}
			else if (s.startsWith(this.delimiter, i)) {
				if (this.family == Family.ORACLE && ORACLE_BLOCK.matcher(this.code).matches()) {
					append(c, true); // a ';' inside a PL/SQL block: the block ends at its '/' line
					i++;
				}
				else {
					flush(1);
					i += this.delimiter.length();
				}
			}
			else {
				append(c, !Character.isWhitespace(c));
				i++;
			}
		}
		flush(1);
	}

	/** Line-level client commands; true when the line was one (and is not part of any statement). */
	private boolean directive(String text) {
		switch (this.family) {
			case MYSQL -> {
				Matcher matcher = DELIMITER.matcher(text);
				if (matcher.matches()) {
					flush(1);
					this.delimiter = matcher.group(1);
					return true;
				}
			}
			case MSSQL -> {
				Matcher matcher = GO.matcher(text);
				if (matcher.matches()) {
					flush(matcher.group(2) != null ? Integer.parseInt(matcher.group(2)) : 1);
					return true;
				}
			}
			case ORACLE -> {
				if (text.equals("/")) {
					flush(1);
					return true;
				}
				if (this.code.toString().isBlank() && SQLPLUS.matcher(text).matches()) {
					return true;
				}
			}
			case POSTGRESQL -> {
				if (text.startsWith("\\") && this.code.toString().isBlank()) {
					throw new ConfigurationProblem("Line " + this.line + " of the script is a psql meta-command ("
							+ text + "), which only the psql client understands. Remove it (connect obmigrate's data"
							+ " source to the right database instead) or run the script with psql as a command step.");
				}
			}
			default -> {
			}
		}
		return false;
	}

	private boolean startsLineComment(int i) {
		String s = this.script;
		char c = s.charAt(i);
		if (c == '#' && this.family == Family.MYSQL) {
			return true;
		}
		if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
			// MySQL wants a blank (or the line's end) after "--"; "1--1" is arithmetic there
			return this.family != Family.MYSQL || i + 2 >= s.length() || Character.isWhitespace(s.charAt(i + 2));
		}
		return false;
	}

	private int blockComment(int start) {
		String s = this.script;
		boolean executable = this.family == Family.MYSQL && start + 2 < s.length() && s.charAt(start + 2) == '!';
		boolean nests = this.family == Family.POSTGRESQL || this.family == Family.MSSQL;
		int depth = 0;
		int i = start;
		while (i < s.length()) {
			if (s.startsWith("/*", i) && (depth == 0 || nests)) {
				depth++;
				i += 2;
			}
			else if (s.startsWith("*/", i)) {
				depth--;
				i += 2;
				if (depth == 0) {
					break;
				}
			}
			else {
				if (s.charAt(i) == '\n') {
					this.line++;
				}
				i++;
			}
		}
		if (executable) {
			markCode(start);
		}
		this.current.append(s, start, i);
		return i;
	}

	private int quoted(int start, char open) {
		String s = this.script;
		char close = open == '[' ? ']' : open;
		boolean backslash = (this.family == Family.MYSQL && open != '`')
				|| (this.family == Family.POSTGRESQL && open == '\'' && start > 0
						&& (s.charAt(start - 1) == 'E' || s.charAt(start - 1) == 'e') && !identifierChar(start - 2));
		markCode(start);
		int i = start + 1;
		while (i < s.length()) {
			char c = s.charAt(i);
			if (backslash && c == '\\') {
				i += 2;
				continue;
			}
			if (c == '\n') {
				this.line++;
			}
			if (c == close) {
				if (i + 1 < s.length() && s.charAt(i + 1) == close) {
					i += 2; // doubled: an escaped quote
					continue;
				}
				i++;
				break;
			}
			i++;
		}
		int end = Math.min(i, s.length());
		this.current.append(s, start, end);
		this.code.append(s, start, end);
		return end;
	}

	private int oracleQuote(int start) {
		String s = this.script;
		char open = s.charAt(start + 2);
		char close = switch (open) {
			case '[' -> ']';
			case '{' -> '}';
			case '(' -> ')';
			case '<' -> '>';
			default -> open;
		};
		int end = s.indexOf(close + "'", start + 3);
		end = end < 0 ? s.length() : end + 2;
		markCode(start);
		countLines(start, end);
		this.current.append(s, start, end);
		this.code.append(s, start, end);
		return end;
	}

	private String dollarTag(int i) {
		Matcher matcher = DOLLAR_TAG.matcher(this.script).region(i, this.script.length());
		return matcher.lookingAt() ? matcher.group() : null;
	}

	private int dollarQuoted(int start) {
		String tag = dollarTag(start);
		int close = this.script.indexOf(tag, start + tag.length());
		int end = close < 0 ? this.script.length() : close + tag.length();
		markCode(start);
		countLines(start, end);
		this.current.append(this.script, start, end);
		this.code.append(this.script, start, end);
		return end;
	}

	private void countLines(int from, int to) {
		for (int i = from; i < to; i++) {
			if (this.script.charAt(i) == '\n') {
				this.line++;
			}
		}
	}

	private boolean identifierChar(int i) {
		if (i < 0) {
			return false;
		}
		char c = this.script.charAt(i);
		return Character.isLetterOrDigit(c) || c == '_' || c == '$';
	}

	private void markCode(int at) {
		if (this.startLine < 0) {
			this.startLine = this.line;
		}
	}

	private void append(char c, boolean isCode) {
		this.current.append(c);
		this.code.append(c);
		if (isCode && this.startLine < 0) {
			this.startLine = this.line;
		}
	}

	private void flush(int times) {
		if (this.startLine >= 0) {
			String text = this.current.toString().strip();
			for (int t = 0; t < times; t++) {
				this.statements.add(new Statement(this.statements.size() + 1, this.startLine, text));
			}
		}
		this.current.setLength(0);
		this.code.setLength(0);
		this.startLine = -1;
	}

}

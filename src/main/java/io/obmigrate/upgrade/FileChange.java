package io.obmigrate.upgrade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code file}: copies a file or folder into place, backs one up, removes one (moved aside, never deleted), or sets a
 * key of a TOML file such as {@code deployment.toml}. The previous content is always kept next to the file as
 * {@code NAME.before-STEP} (a second copy gets a time suffix), and a change that is already in place is recorded as
 * such without touching the file, so the step can run any number of times.
 */
final class FileChange implements StepRun.Action {

	@Override
	public StepRun.Result run(StepRun run) throws IOException {
		UpgradePlan.Step step = run.step();
		Path path = run.resolve(step.text("path"));
		return switch (step.text("action")) {
			case "copy" -> copy(run, run.resolve(step.text("from")), path);
			case "backup" -> backup(run, path);
			case "remove" -> remove(run, path);
			default -> tomlSet(run, path);
		};
	}

	private StepRun.Result copy(StepRun run, Path fromPattern, Path target) throws IOException {
		List<Path> sources = Checksums.matching(fromPattern);
		if (sources.size() > 1 || (sources.size() == 1 && !sources.get(0).equals(fromPattern))) {
			// a glob: every file it names, into the folder the path names
			if (!Files.isDirectory(target)) {
				return StepRun.Result.failed(UpgradeRule.FILE_CHANGE_FAILED, fromPattern + " names files; " + target
						+ " must then be an existing folder", null);
			}
			List<String> copied = new ArrayList<>();
			for (Path source : sources) {
				copied.add(copy(run, source, target.resolve(source.getFileName().toString())).detail());
			}
			return StepRun.Result.done(String.join("; ", copied), null, null);
		}
		Path from = fromPattern;
		Path to = Files.isDirectory(target) && Files.isRegularFile(from) ? target.resolve(from.getFileName().toString())
				: target;
		if (!Files.exists(from)) {
			return StepRun.Result.failed(UpgradeRule.FILE_CHANGE_FAILED, "the source " + from + " does not exist", null);
		}
		if (Files.isRegularFile(from) && Files.isRegularFile(to)
				&& Checksums.ofFile(from) != null && Checksums.ofFile(from).equals(Checksums.ofFile(to))) {
			return StepRun.Result.done(to + " already equals " + from + "; unchanged", null,
					"sha256 " + Checksums.ofFile(to));
		}
		String kept = Files.exists(to) ? "; the previous content is kept as " + keep(run, to, false) : "";
		if (Files.isDirectory(from)) {
			copyTree(from, to);
		}
		else {
			Files.createDirectories(to.toAbsolutePath().getParent());
			Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
		}
		return StepRun.Result.done("copied " + from + " to " + to + kept, null,
				Files.isRegularFile(to) ? "sha256 " + Checksums.ofFile(to) : null);
	}

	private StepRun.Result backup(StepRun run, Path path) throws IOException {
		if (!Files.exists(path)) {
			return StepRun.Result.failed(UpgradeRule.FILE_CHANGE_FAILED, path + " does not exist; nothing to back up",
					null);
		}
		return StepRun.Result.done("backed up " + path + " to " + keep(run, path, false), null,
				Files.isRegularFile(path) ? "sha256 " + Checksums.ofFile(path) : null);
	}

	private StepRun.Result remove(StepRun run, Path pattern) throws IOException {
		List<Path> matches = Checksums.matching(pattern);
		if (matches.isEmpty()) {
			return StepRun.Result.done(pattern + ": nothing there; already removed", null, null);
		}
		List<String> moved = new ArrayList<>();
		for (Path path : matches) {
			moved.add(path + " -> " + keep(run, path, true));
		}
		return StepRun.Result.done("moved aside (kept, not deleted): " + String.join(", ", moved), null, null);
	}

	private StepRun.Result tomlSet(StepRun run, Path file) throws IOException {
		UpgradePlan.Step step = run.step();
		if (!Files.isRegularFile(file)) {
			return StepRun.Result.failed(UpgradeRule.FILE_CHANGE_FAILED, file + " does not exist", null);
		}
		String before = Files.readString(file, StandardCharsets.UTF_8);
		String value = Toml.literal(step.values().get("value"));
		String after = Toml.set(before, step.text("table"), step.text("key"), value);
		String where = (step.text("table") != null ? "[" + step.text("table") + "] " : "") + step.text("key");
		if (after.equals(before)) {
			return StepRun.Result.done(where + " is already " + run.mask(value) + " in " + file + "; unchanged", null,
					"sha256 " + Checksums.ofFile(file));
		}
		Path kept = keep(run, file, false);
		Files.writeString(file, after, StandardCharsets.UTF_8);
		return StepRun.Result.done("set " + where + " = " + run.mask(value) + " in " + file
				+ "; the previous content is kept as " + kept, null, "sha256 " + Checksums.ofFile(file));
	}

	/** Copies (or moves) {@code path} to NAME.before-STEP beside it; returns where. */
	private static Path keep(StepRun run, Path path, boolean move) throws IOException {
		Path kept = path.resolveSibling(path.getFileName() + ".before-" + run.step().id());
		if (Files.exists(kept)) {
			kept = path.resolveSibling(path.getFileName() + ".before-" + run.step().id() + "-" + System.currentTimeMillis());
		}
		if (move) {
			Files.move(path, kept);
		}
		else if (Files.isDirectory(path)) {
			copyTree(path, kept);
		}
		else {
			Files.copy(path, kept, StandardCopyOption.COPY_ATTRIBUTES);
		}
		return kept;
	}

	private static void copyTree(Path from, Path to) throws IOException {
		Files.walkFileTree(from, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
				Files.createDirectories(to.resolve(from.relativize(dir).toString()));
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING,
						StandardCopyOption.COPY_ATTRIBUTES);
				return FileVisitResult.CONTINUE;
			}
		});
	}

	/** The small part of TOML a deployment.toml edit needs: one key under one table, comments and layout kept. */
	static final class Toml {

		private static final Pattern TABLE = Pattern.compile("^\\s*\\[\\[?\\s*([^\\]]+?)\\s*]]?\\s*(#.*)?$");

		private Toml() {
		}

		/** A YAML value as a TOML value: numbers and booleans as they are, lists as arrays, the rest quoted. */
		@SuppressWarnings("unchecked")
		static String literal(Object value) {
			if (value instanceof List<?> list) {
				List<String> items = new ArrayList<>();
				((List<Object>) list).forEach(item -> items.add(literal(item)));
				return "[" + String.join(", ", items) + "]";
			}
			String text = String.valueOf(value);
			if (text.matches("-?\\d+(\\.\\d+)?") || text.equals("true") || text.equals("false")) {
				return text;
			}
			return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
		}

		/** Opening minus closing brackets outside strings and comments. */
		private static int brackets(String text) {
			int depth = 0;
			char quote = 0;
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				if (quote != 0) {
					if (c == '\\' && quote == '"') {
						i++;
					}
					else if (c == quote) {
						quote = 0;
					}
				}
				else if (c == '"' || c == '\'') {
					quote = c;
				}
				else if (c == '#') {
					break;
				}
				else if (c == '[') {
					depth++;
				}
				else if (c == ']') {
					depth--;
				}
			}
			return depth;
		}

		/** The document with {@code key = value} under {@code [table]} (the top level when null), added if missing. */
		static String set(String document, String table, String key, String value) {
			List<String> lines = new ArrayList<>(document.lines().toList());
			String assignment = key + " = " + value;
			Pattern keyLine = Pattern.compile("^\\s*\"?" + Pattern.quote(key) + "\"?\\s*=.*$");
			int start = 0;
			if (table != null) {
				start = -1;
				for (int i = 0; i < lines.size(); i++) {
					java.util.regex.Matcher matcher = TABLE.matcher(lines.get(i));
					if (matcher.matches() && matcher.group(1).replace("\"", "").equals(table)
							&& !lines.get(i).strip().startsWith("[[")) {
						start = i + 1;
						break;
					}
				}
				if (start < 0) {
					if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
						lines.add("");
					}
					lines.add("[" + table + "]");
					lines.add(assignment);
					return String.join("\n", lines) + "\n";
				}
			}
			int end = start;
			while (end < lines.size() && !TABLE.matcher(lines.get(end)).matches()) {
				end++;
			}
			for (int i = start; i < end; i++) {
				if (keyLine.matcher(lines.get(i)).matches()) {
					int last = i;
					int open = brackets(lines.get(i).substring(lines.get(i).indexOf('=')));
					while (open > 0 && last + 1 < end) {
						last++; // a multi-line array: up to its closing bracket
						open += brackets(lines.get(last));
					}
					if (last == i && lines.get(i).strip().equals(assignment)) {
						return document;
					}
					for (int extra = last; extra > i; extra--) {
						lines.remove(extra);
					}
					lines.set(i, assignment);
					return String.join("\n", lines) + "\n";
				}
			}
			int insert = end;
			while (insert > start && lines.get(insert - 1).isBlank()) {
				insert--;
			}
			lines.add(insert, assignment);
			return String.join("\n", lines) + "\n";
		}

	}

}

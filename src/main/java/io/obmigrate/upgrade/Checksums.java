package io.obmigrate.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 of the tools and files a step uses, so the journal tells which version of a tool ran. */
final class Checksums {

	private Checksums() {
	}

	static String ofFile(Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** "sha256 HEX of PATH" for the program a command starts, when it is a file; null otherwise. */
	static String ofCommand(String program, Path dir) {
		Path path = Path.of(program);
		Path file = path.isAbsolute() ? path : program.contains("/") ? dir.resolve(path) : null;
		if (file == null || !Files.isRegularFile(file)) {
			return null;
		}
		String sha = ofFile(file);
		return sha == null ? null : "sha256 " + sha + " of " + file.normalize();
	}

	/** The files a path with a glob in its last part names (the path itself when it has none), sorted. */
	static List<Path> matching(Path pattern) throws IOException {
		String name = pattern.getFileName() == null ? "" : pattern.getFileName().toString();
		if (!name.contains("*") && !name.contains("?") && !name.contains("[") && !name.contains("{")) {
			return Files.exists(pattern) ? List.of(pattern) : List.of();
		}
		Path parent = pattern.getParent();
		if (parent == null || !Files.isDirectory(parent)) {
			return List.of();
		}
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, name)) {
			entries.forEach(files::add);
		}
		files.sort(null);
		return files;
	}

	/** One line per file the step's {@code checksums} globs name: "sha256 HEX PATH". */
	static String listing(StepRun run) throws IOException {
		StringBuilder text = new StringBuilder();
		for (String glob : run.step().list("checksums")) {
			List<Path> files = matching(run.resolve(glob));
			if (files.isEmpty()) {
				text.append("(no file) ").append(glob).append('\n');
			}
			for (Path file : files) {
				text.append("sha256 ").append(Files.isRegularFile(file) ? ofFile(file) : "(folder)").append(' ')
					.append(file).append('\n');
			}
		}
		return text.toString();
	}

	private static MessageDigest digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

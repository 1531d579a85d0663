package io.obmigrate.upgrade;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines a file gains, like {@code tail -F}: only what was written after the follower was created (a server's
 * log keeps the lines of earlier starts, which must not count), from the start again when the file is truncated or
 * replaced (log rotation), nothing while it does not exist yet.
 */
final class LogFollower {

	private final Path file;

	private long offset;

	private Object fileKey;

	private final StringBuilder partial = new StringBuilder();

	LogFollower(Path file) {
		this.file = file;
		this.offset = size(file);
		this.fileKey = key(file);
	}

	Path file() {
		return this.file;
	}

	/** The complete lines written since the last call; {@code flush} also returns a last line without its newline. */
	List<String> read(boolean flush) {
		List<String> lines = new ArrayList<>();
		long size = size(this.file);
		Object key = key(this.file);
		if (size < this.offset || (key != null && this.fileKey != null && !key.equals(this.fileKey))) {
			this.offset = 0; // truncated or rotated
			this.partial.setLength(0);
		}
		this.fileKey = key != null ? key : this.fileKey;
		if (size > this.offset) {
			try (RandomAccessFile in = new RandomAccessFile(this.file.toFile(), "r")) {
				in.seek(this.offset);
				byte[] buffer = new byte[(int) Math.min(size - this.offset, 4 * 1024 * 1024)];
				in.readFully(buffer);
				this.offset += buffer.length;
				this.partial.append(new String(buffer, StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				return lines; // the file went away between the size and the read: next time
			}
		}
		int newline;
		while ((newline = this.partial.indexOf("\n")) >= 0) {
			String line = this.partial.substring(0, newline);
			lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
			this.partial.delete(0, newline + 1);
		}
		if (flush && !this.partial.isEmpty()) {
			lines.add(this.partial.toString());
			this.partial.setLength(0);
		}
		return lines;
	}

	private static Object key(Path file) {
		try {
			return Files.exists(file)
					? Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey() : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static long size(Path file) {
		try {
			return Files.exists(file) ? Files.size(file) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

}

package io.obmigrate.core;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV file as spreadsheets and {@code LOAD DATA}/{@code COPY} read it: UTF-8, a header row, every value quoted when it
 * holds a comma, a quote or a line break (quotes doubled), NULL as an empty field. Opened for the whole export, so a
 * large one streams.
 */
public final class CsvFile implements AutoCloseable {

	private final BufferedWriter writer;

	private final Path path;

	private long rows;

	private CsvFile(Path path, BufferedWriter writer) {
		this.path = path;
		this.writer = writer;
	}

	/** Creates (or replaces) the file with its header row; a problem is a configuration problem naming the file. */
	public static CsvFile create(Path path, List<String> header) {
		try {
			if (path.toAbsolutePath().getParent() != null) {
				Files.createDirectories(path.toAbsolutePath().getParent());
			}
			CsvFile file = new CsvFile(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8));
			file.line(header);
			file.rows = 0;
			return file;
		}
		catch (IOException ex) {
			throw new ConfigurationProblem("Cannot write " + path + " (" + ex.getMessage() + "): choose a file in a"
					+ " directory obmigrate may write to.");
		}
	}

	public void row(List<?> values) {
		line(values);
	}

	private void line(List<?> values) {
		try {
			for (int i = 0; i < values.size(); i++) {
				if (i > 0) {
					this.writer.write(',');
				}
				this.writer.write(field(values.get(i)));
			}
			this.writer.write("\r\n");
			this.rows++;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Writing " + this.path + " failed", ex);
		}
	}

	static String field(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		if (text.isEmpty() || text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
				|| text.indexOf('\r') >= 0) {
			return '"' + text.replace("\"", "\"\"") + '"';
		}
		return text;
	}

	/** The data rows written (the header not counted). */
	public long rows() {
		return this.rows;
	}

	public Path path() {
		return this.path;
	}

	@Override
	public void close() {
		try {
			this.writer.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Closing " + this.path + " failed", ex);
		}
	}

}

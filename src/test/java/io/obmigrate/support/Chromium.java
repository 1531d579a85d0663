package io.obmigrate.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Headless Chromium for the HTML reports' tests; those tests skip where it is not installed. */
public final class Chromium {

	private Chromium() {
	}

	/** The browser's executable, or null when none is installed. */
	public static String find() {
		for (String candidate : new String[] { "/usr/bin/chromium", "/usr/bin/chromium-browser",
				"/usr/bin/google-chrome" }) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		return null;
	}

	/** Runs headless Chromium with the usual flags for a machine without a display; returns its output. */
	public static String run(String chromium, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		byte[] out = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("chromium ended").isTrue();
		return new String(out, StandardCharsets.UTF_8);
	}

}

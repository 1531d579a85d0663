package io.obmigrate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import io.obmigrate.ObmigrateApplication;
import io.obmigrate.core.JobControlConfiguration;

/**
 * The job commands' context names its configurations instead of scanning for them: every configuration class of
 * obmigrate's is in it (through the application class's imports and theirs), so a capability's jobs, checks and
 * settings cannot go missing from the commands that run them. The read-only commands' context
 * ({@link JobControlConfiguration}) is its own.
 */
class ApplicationContextTest {

	private static final Path MAIN = Path.of("src/main/java");

	@Test
	void everyConfigurationClassIsImportedByTheApplication() throws Exception {
		Set<String> imported = new HashSet<>();
		Deque<Class<?>> pending = new ArrayDeque<>(List.of(ObmigrateApplication.class));
		while (!pending.isEmpty()) {
			Import imports = pending.pop().getAnnotation(Import.class);
			for (Class<?> type : imports == null ? new Class<?>[0] : imports.value()) {
				if (imported.add(type.getName())) {
					pending.push(type);
				}
			}
		}
		List<String> configurations = configurationClasses();
		assertThat(configurations).as("found in the sources").contains("io.obmigrate.consent.ConsentJobConfiguration");
		assertThat(imported).containsAll(configurations.stream()
			.filter(name -> !name.equals(JobControlConfiguration.class.getName()))
			.toList());
	}

	/** The classes annotated {@code @Configuration} under src/main/java, by name. */
	private static List<String> configurationClasses() throws IOException {
		try (Stream<Path> files = Files.walk(MAIN)) {
			return files.filter(file -> file.toString().endsWith(".java")).filter(file -> {
				try {
					return Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("@Configuration("));
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}).map(file -> MAIN.relativize(file).toString().replace('/', '.').replaceFirst("\\.java$", "")).toList();
		}
	}

}

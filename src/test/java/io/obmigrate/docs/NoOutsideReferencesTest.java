package io.obmigrate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Everything a DBA or a newcomer reads cites the project's own rule codes and pages, never a document the repository
 * does not hold: no "atlas", no section numbers like {@code D.6 #7} or {@code E.4#1}, in the code (comments and
 * messages), the DDL, the job notes, the docs, the README, the benchmarks and the deployment files.
 */
class NoOutsideReferencesTest {

	/** "atlas", section numbers (D.6, E.4 #7, F.5#2, B.1-B.10), the reference notes' source and open-question tags. */
	private static final Pattern OUTSIDE = Pattern.compile(
			"(?i:\\batlas\\b)|\\b[A-G]\\.[0-9]+(\\.[0-9]+)?( ?#[0-9]+)?\\b|§|\\bU[0-9]+\\b|\\(S[0-9]+\\)|shared/reference");

	@Test
	void noSourceDdlJobNoteOrDocCitesADocumentOutsideTheRepository() throws IOException {
		List<String> found = new ArrayList<>();
		for (String root : List.of("src/main", "sql", "jobs", "docs", "README.md", "bench", "deploy")) {
			Path path = Path.of(root);
			if (!Files.exists(path)) {
				continue;
			}
			try (Stream<Path> files = Files.walk(path)) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					List<String> lines = Files.readAllLines(file);
					for (int i = 0; i < lines.size(); i++) {
						if (OUTSIDE.matcher(lines.get(i)).find()) {
							found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
						}
					}
				}
			}
		}
		assertThat(found).as("references to documents outside the repository").isEmpty();
	}

}

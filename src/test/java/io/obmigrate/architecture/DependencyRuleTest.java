package io.obmigrate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The dependency rule of docs/architecture.md, read from the imports of src/main: {@code core} depends on no other
 * package; each capability ({@code consent}, {@code dcr}, {@code reporting}) and {@code check} only on {@code core};
 * {@code cli} on {@code core}, {@code check}, and a capability only for that capability's own commands.
 */
class DependencyRuleTest {

	private static final Path MAIN = Path.of("src/main/java/io/obmigrate");

	private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.obmigrate\\.([a-z]+)\\.", Pattern.MULTILINE);

	/** What each package may import besides itself. */
	private static final Map<String, Set<String>> ALLOWED = Map.of("core", Set.of(), "consent", Set.of("core"), "dcr",
			Set.of("core"), "reporting", Set.of("core"), "check", Set.of("core"), "upgrade",
			Set.of("core", "check"), "verify", Set.of("core"), "rehearsal",
			Set.of("core", "check"), "cli", Set.of("core", "check", "reporting", "upgrade", "verify", "rehearsal"));

	@Test
	void packagesDependOnlyOnWhatTheRuleAllows() throws IOException {
		List<String> violations = new ArrayList<>();
		try (Stream<Path> files = Files.walk(MAIN)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				Path relative = MAIN.relativize(file);
				if (relative.getNameCount() < 2) {
					continue; // the application class
				}
				String pkg = relative.getName(0).toString();
				assertThat(ALLOWED).as("package " + pkg + " has a place in the dependency rule").containsKey(pkg);
				Matcher imports = IMPORT.matcher(Files.readString(file));
				while (imports.find()) {
					String target = imports.group(1);
					if (!target.equals(pkg) && !ALLOWED.get(pkg).contains(target)) {
						violations.add(relative + " imports io.obmigrate." + target);
					}
				}
			}
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void cliUsesACapabilityOnlyForItsOwnCommands() throws IOException {
		assertThat(users("reporting")).containsExactlyInAnyOrder("ReportingCutoverCommand.java",
				"ReportingCleanupCommand.java");
		assertThat(users("upgrade")).containsExactlyInAnyOrder("PlanCommand.java", "ConfirmCommand.java");
		assertThat(users("verify")).containsExactlyInAnyOrder("ReportCommand.java");
		assertThat(users("rehearsal")).containsExactlyInAnyOrder("RehearseCommand.java", "RehearsalsCommand.java");
	}

	private static List<String> users(String capability) throws IOException {
		List<String> users = new ArrayList<>();
		try (Stream<Path> files = Files.list(MAIN.resolve("cli"))) {
			for (Path file : files.toList()) {
				if (Files.readString(file).contains("import io.obmigrate." + capability + ".")) {
					users.add(file.getFileName().toString());
				}
			}
		}
		return users;
	}

}

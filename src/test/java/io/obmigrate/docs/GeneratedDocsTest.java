package io.obmigrate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AssignableTypeFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.obmigrate.core.RuleCode;

/**
 * {@code docs/rules.md} and {@code docs/configuration.md} are generated: from the rule enums of every capability, and
 * from the configuration metadata the build puts in the jar. A code or a setting without its entry fails here. After a
 * change, regenerate both with {@code mvn test -Dtest=GeneratedDocsTest -Dobmigrate.docs.write=true}.
 */
class GeneratedDocsTest {

	private static final boolean WRITE = Boolean.getBoolean("obmigrate.docs.write");

	/** Every rule-code enum in obmigrate, found on the class path: a new capability's codes are included by itself. */
	static List<RuleCode> allRuleCodes() throws ClassNotFoundException {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(
					org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isIndependent();
			}
		};
		scanner.addIncludeFilter(new AssignableTypeFilter(RuleCode.class));
		List<RuleCode> codes = new ArrayList<>();
		List<String> classes = scanner.findCandidateComponents("io.obmigrate")
			.stream()
			.map(definition -> definition.getBeanClassName())
			.sorted()
			.toList();
		for (String name : classes) {
			Class<?> type = Class.forName(name);
			if (type.isEnum()) {
				codes.addAll(Arrays.stream(type.getEnumConstants()).map(RuleCode.class::cast).toList());
			}
		}
		return codes;
	}

	@Test
	void everyRuleCodeIsUniqueAndExplained() throws Exception {
		List<RuleCode> codes = allRuleCodes();
		assertThat(codes).extracting(RuleCode::capability).contains("core", "consent", "dcr", "reporting");
		assertThat(codes).extracting(RuleCode::slug).doesNotHaveDuplicates().allMatch(s -> s.matches("[a-z0-9]+(-[a-z0-9]+)*"));
		for (RuleCode code : codes) {
			assertThat(code.meaning()).as(code.slug()).isNotBlank();
			assertThat(code.fix()).as(code.slug()).isNotBlank();
		}
	}

	@Test
	void rulesPageHasAnEntryForEveryCode() throws Exception {
		String generated = rulesPage(allRuleCodes());
		compareOrWrite(Path.of("docs/rules.md"), generated);
		String page = Files.readString(Path.of("docs/rules.md"));
		for (RuleCode code : allRuleCodes()) {
			assertThat(page).as("docs/rules.md explains " + code.slug()).contains("### `" + code.slug() + "`");
		}
	}

	@Test
	void configurationPageListsEverySetting() throws Exception {
		JsonNode metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = new ObjectMapper().readTree(in);
		}
		String generated = configurationPage(metadata);
		compareOrWrite(Path.of("docs/configuration.md"), generated);
		String page = Files.readString(Path.of("docs/configuration.md"));
		int settings = 0;
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asText();
			if (name.startsWith("obmigrate.")) {
				settings++;
				assertThat(page).as("docs/configuration.md lists " + name).contains("`" + name + "`");
			}
		}
		assertThat(settings).as("settings in the jar's metadata").isGreaterThan(50);
	}

	private static void compareOrWrite(Path file, String generated) throws IOException {
		if (WRITE) {
			Files.createDirectories(file.getParent());
			Files.writeString(file, generated, StandardCharsets.UTF_8);
		}
		assertThat(Files.exists(file)).as(file + " exists (regenerate with -Dobmigrate.docs.write=true)").isTrue();
		assertThat(Files.readString(file, StandardCharsets.UTF_8))
			.as(file + " is what the code generates (regenerate with -Dobmigrate.docs.write=true)")
			.isEqualTo(generated);
	}

	static String rulesPage(List<RuleCode> codes) {
		StringBuilder out = new StringBuilder();
		out.append("# Rule codes\n\n");
		out.append("Every code obmigrate prints: in a run's summary and quarantine list (`obmigrate status --execution N`),"
				+ " and in\n`obmigrate check`'s findings (`[code]`). Generated from the code (`GeneratedDocsTest`): a code"
				+ " without an entry\nhere fails the build.\n\n");
		out.append("Each entry says what the code means, what obmigrate does (a row quarantined, migrated with a notice,"
				+ " or filtered;\nor a finding of `check`) and what to do.\n");
		Map<String, List<RuleCode>> byCapability = new LinkedHashMap<>();
		for (String capability : List.of("consent", "dcr", "reporting", "core")) {
			byCapability.put(capability, new ArrayList<>());
		}
		codes.forEach(code -> byCapability.computeIfAbsent(code.capability(), k -> new ArrayList<>()).add(code));
		Map<String, String> titles = Map.of("consent", "The consent job", "dcr", "The dcr job", "reporting",
				"The reporting job", "core", "Every job (databases, source shapes, checks)");
		byCapability.forEach((capability, list) -> {
			if (list.isEmpty()) {
				return;
			}
			out.append("\n## ").append(titles.getOrDefault(capability, "The " + capability + " job")).append("\n");
			for (RuleCode code : list.stream().sorted(Comparator.comparing(RuleCode::outcome)
				.thenComparing(RuleCode::slug)).toList()) {
				out.append("\n### `").append(code.slug()).append("`\n\n");
				out.append(code.meaning()).append("\n\n");
				out.append("What obmigrate does: ").append(code.outcome().explanation()).append("\n\n");
				out.append("What to do: ").append(code.fix()).append('\n');
			}
		});
		return out.toString();
	}

	static String configurationPage(JsonNode metadata) {
		Map<String, String> groups = new LinkedHashMap<>();
		for (JsonNode group : metadata.get("groups")) {
			String name = group.get("name").asText();
			if (name.startsWith("obmigrate.") || name.equals("obmigrate")) {
				groups.put(name, group.has("description") ? group.get("description").asText() : "");
			}
		}
		Map<String, List<JsonNode>> byGroup = new TreeMap<>();
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asText();
			if (!name.startsWith("obmigrate.")) {
				continue;
			}
			String group = groups.keySet()
				.stream()
				.filter(g -> name.startsWith(g + ".") && !g.equals("obmigrate"))
				.max(Comparator.comparingInt(String::length))
				.orElse("obmigrate");
			byGroup.computeIfAbsent(group, k -> new ArrayList<>()).add(property);
		}
		StringBuilder out = new StringBuilder();
		out.append("# Configuration\n\n");
		out.append("Every setting of obmigrate. Give them in a YAML or properties file (`--config FILE`), as environment"
				+ " variables\n(the column on the right: upper case, dots as `_`, dashes dropped), or as system"
				+ " properties. Passwords belong in\nthe environment or in a `password-file`, never in the YAML. A value"
				+ " out of range stops obmigrate before it connects\nanywhere, naming the setting (exit 2).\n\n");
		out.append("Generated from the configuration metadata in the jar (`GeneratedDocsTest`); a setting without an"
				+ " entry here fails\nthe build.\n");
		List<String> upgradeOrder = List.of("obmigrate", "obmigrate.ob", "obmigrate.ob-target", "obmigrate.identity",
				"obmigrate.reporting", "obmigrate.reporting-target", "obmigrate.reporting-summarized",
				"obmigrate.jobrepo", "obmigrate.consent", "obmigrate.dcr", "obmigrate.reporting-job");
		List<String> order = new ArrayList<>(byGroup.keySet());
		order.sort(Comparator.comparing((String g) -> upgradeOrder.contains(g) ? upgradeOrder.indexOf(g)
				: upgradeOrder.size()).thenComparing(g -> g));
		for (String group : order) {
			out.append("\n## `").append(group.equals("obmigrate") ? "obmigrate.*" : group + ".*").append("`\n\n");
			String description = groups.getOrDefault(group, "");
			if (group.equals("obmigrate")) {
				description = "Shared settings.";
			}
			if (!description.isBlank()) {
				out.append(oneLine(description)).append("\n\n");
			}
			out.append("| Setting | Default | Environment variable | Meaning |\n");
			out.append("|---|---|---|---|\n");
			for (JsonNode property : byGroup.get(group)
				.stream()
				.sorted(Comparator.comparing(p -> p.get("name").asText()))
				.collect(Collectors.toList())) {
				String name = property.get("name").asText();
				out.append("| `").append(name).append("` | ").append(defaultOf(property)).append(" | `")
					.append(environmentVariable(name)).append("` | ")
					.append(oneLine(property.has("description") ? property.get("description").asText() : ""))
					.append(" |\n");
			}
		}
		return out.toString();
	}

	private static String defaultOf(JsonNode property) {
		if (!property.has("defaultValue")) {
			return "";
		}
		JsonNode value = property.get("defaultValue");
		String text = value.isArray() ? String.join(", ", java.util.stream.StreamSupport.stream(value.spliterator(), false)
			.map(JsonNode::asText)
			.toList()) : value.asText();
		return "`" + text + "`";
	}

	/** Spring Boot's relaxed binding: upper case, dots as underscores, dashes dropped. */
	static String environmentVariable(String property) {
		return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
	}

	private static String oneLine(String text) {
		return text.replace("\n", " ").replace("|", "\\|").replaceAll("\\s+", " ").strip();
	}

}

package io.obmigrate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;


import io.obmigrate.core.ConfigurationProblem;

/**
 * Reads the {@code --config} file before Spring does, so that a mistake in it is one paragraph with the file and line
 * and exit 2, never a stack trace: YAML that does not parse, and settings under {@code obmigrate.} that obmigrate does
 * not have (a misspelt name is otherwise silently ignored), with the nearest real one.
 */
final class SettingsFile {

	private SettingsFile() {
	}

	static void check(Path file) {
		Map<String, String> settings = new java.util.LinkedHashMap<>();
		String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		try (Reader reader = Files.newBufferedReader(file)) {
			if (name.endsWith(".properties")) {
				Properties properties = new Properties();
				properties.load(reader);
				properties.stringPropertyNames().forEach(key -> settings.put(key, "line unknown"));
			}
			else {
				for (org.yaml.snakeyaml.nodes.Node document : new Yaml(new LoaderOptions()).composeAll(reader)) {
					flatten("", document, settings);
				}
			}
		}
		catch (MarkedYAMLException ex) {
			Mark mark = ex.getProblemMark() != null ? ex.getProblemMark() : ex.getContextMark();
			throw new ConfigurationProblem("The configuration file " + file + " is not valid YAML"
					+ (mark != null ? " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) : "")
					+ ": " + ex.getProblem() + (ex.getContext() != null ? " (" + ex.getContext() + ")" : "")
					+ ". Settings are nested with spaces, two per level (a tab or a wrongly indented line is the usual"
					+ " cause); docs/operations.md has an example.");
		}
		catch (YAMLException | IOException ex) {
			throw new ConfigurationProblem("The configuration file " + file + " cannot be read: " + ex.getMessage() + ".");
		}
		Known known = Known.load();
		List<String> unknown = new ArrayList<>();
		settings.forEach((key, where) -> {
			if (key.startsWith("obmigrate.") && !known.has(key)) {
				String nearest = known.nearest(key);
				unknown.add(key + " (" + where + (nearest != null ? ", did you mean " + nearest + "?" : "") + ")");
			}
		});
		if (!unknown.isEmpty()) {
			throw new ConfigurationProblem("The configuration file " + file + " has setting(s) obmigrate does not know: "
					+ String.join("; ", unknown) + ". docs/configuration.md lists every setting; correct or remove them.");
		}
	}

	/**
	 * Settings given outside the file: system properties ({@code -Dobmigrate.x}) and a caller's overrides must be
	 * settings obmigrate has (exit 2 otherwise); an {@code OBMIGRATE_*} environment variable that matches none is
	 * returned as a warning (the environment may carry a deployment's other variables).
	 */
	static List<String> checkOutside(Map<String, String> overrides) {
		Known known = Known.load();
		List<String> unknown = new ArrayList<>();
		java.util.Set<String> names = new java.util.TreeSet<>(overrides.keySet());
		System.getProperties().stringPropertyNames().forEach(names::add);
		for (String key : names) {
			if (key.startsWith("obmigrate.") && !known.has(key)) {
				String nearest = known.nearest(key);
				unknown.add(key + (nearest != null ? " (did you mean " + nearest + "?)" : ""));
			}
		}
		if (!unknown.isEmpty()) {
			throw new ConfigurationProblem("Setting(s) obmigrate does not know, given as system properties or"
					+ " overrides: " + String.join("; ", unknown) + ". docs/configuration.md lists every setting.");
		}
		List<String> warnings = new ArrayList<>();
		System.getenv().keySet().stream().sorted().forEach(variable -> {
			if (variable.startsWith("OBMIGRATE_") && !variable.startsWith("OBMIGRATE_TEST_")
					&& !known.hasEnvironment(variable)) {
				warnings.add(variable);
			}
		});
		return warnings;
	}

	private static void flatten(String prefix, org.yaml.snakeyaml.nodes.Node node, Map<String, String> settings) {
		if (node instanceof org.yaml.snakeyaml.nodes.MappingNode map) {
			for (org.yaml.snakeyaml.nodes.NodeTuple tuple : map.getValue()) {
				String key = tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode scalar ? scalar.getValue()
						: String.valueOf(tuple.getKeyNode());
				flatten(prefix.isEmpty() ? key : prefix + "." + key, tuple.getValueNode(), settings);
			}
		}
		else if (!prefix.isEmpty()) {
			settings.put(prefix, "line " + (node.getStartMark().getLine() + 1));
		}
	}

	/** The settings obmigrate declares (the generated configuration metadata). */
	private record Known(Map<String, String> names, Set<String> mapPrefixes) {

		static Known load() {
			Map<String, String> names = new java.util.TreeMap<>();
			Set<String> prefixes = new TreeSet<>();
			// the streaming parser: every command reads this, and a data-binding mapper costs it a third of a second
			tools.jackson.core.json.JsonFactory json = new tools.jackson.core.json.JsonFactory();
			for (String resource : List.of("META-INF/spring-configuration-metadata.json",
					"META-INF/additional-spring-configuration-metadata.json")) {
				try (InputStream in = SettingsFile.class.getClassLoader().getResourceAsStream(resource)) {
					if (in == null) {
						continue;
					}
					try (tools.jackson.core.JsonParser parser = json
						.createParser(tools.jackson.core.ObjectReadContext.empty(), in)) {
						readProperties(parser, names, prefixes);
					}
				}
				catch (IOException | tools.jackson.core.JacksonException ex) {
					// without metadata nothing is flagged
				}
			}
			return new Known(names, prefixes);
		}

		/** The {@code name} and {@code type} of each object in the document's top-level {@code properties} array. */
		private static void readProperties(tools.jackson.core.JsonParser parser, Map<String, String> names,
				Set<String> prefixes) {
			if (parser.nextToken() != tools.jackson.core.JsonToken.START_OBJECT) {
				return;
			}
			while (parser.nextToken() == tools.jackson.core.JsonToken.PROPERTY_NAME) {
				boolean properties = "properties".equals(parser.currentName());
				tools.jackson.core.JsonToken value = parser.nextToken();
				if (!properties || value != tools.jackson.core.JsonToken.START_ARRAY) {
					parser.skipChildren();
					continue;
				}
				while (parser.nextToken() == tools.jackson.core.JsonToken.START_OBJECT) {
					String propertyName = null;
					String type = "";
					while (parser.nextToken() == tools.jackson.core.JsonToken.PROPERTY_NAME) {
						String field = parser.currentName();
						parser.nextToken();
						if (field.equals("name")) {
							propertyName = parser.getString();
						}
						else if (field.equals("type")) {
							type = parser.getString();
						}
						else {
							parser.skipChildren();
						}
					}
					if (propertyName != null) {
						names.put(uniform(propertyName), propertyName);
						if (type.startsWith("java.util.Map") || type.startsWith("java.util.List")) {
							prefixes.add(uniform(propertyName));
						}
					}
				}
			}
		}

		boolean has(String key) {
			if (this.names.isEmpty()) {
				return true;
			}
			String uniform = uniform(key).replaceAll("\\[\\d+]$", "");
			if (this.names.containsKey(uniform)) {
				return true;
			}
			return this.mapPrefixes.stream().anyMatch(prefix -> uniform.startsWith(prefix + ".")
					|| uniform.matches(java.util.regex.Pattern.quote(prefix) + "\\[\\d+]"));
		}

		/** Whether an environment variable binds to a setting: OBMIGRATE_OB_URL to obmigrate.ob.url, and so on. */
		boolean hasEnvironment(String variable) {
			if (this.names.isEmpty()) {
				return true;
			}
			String stripped = variable.toLowerCase(java.util.Locale.ROOT).replace("_", "");
			for (String name : this.names.keySet()) {
				if (name.replace(".", "").equals(stripped)) {
					return true;
				}
			}
			for (String prefix : this.mapPrefixes) {
				if (stripped.startsWith(prefix.replace(".", ""))) {
					return true;
				}
			}
			return stripped.equals("obmigratehome") || stripped.startsWith("obmigratejava");
		}

		String nearest(String key) {
			String uniform = uniform(key);
			String best = io.obmigrate.core.Spelling.nearest(uniform, this.names.keySet());
			return best == null ? null : this.names.get(best);
		}

		/** Spring's relaxed forms of one name compare equal: case, dashes and underscores aside. */
		static String uniform(String name) {
			return name.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
		}

	}

}

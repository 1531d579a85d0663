package io.obmigrate.upgrade;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.SecretMasking;
import io.obmigrate.core.Spelling;

/**
 * An upgrade plan file read and checked: its steps in order, every {@code ${NAME}} replaced from the variables file
 * (or, when the file does not have it, the environment), every key known for the step's kind, every regular expression
 * and duration valid. A mistake is one {@link ConfigurationProblem} naming the file, the line and the step, before
 * anything runs.
 */
record UpgradePlan(String name, Path file, Path varsFile, String checksum, List<Step> steps, Secrets secrets) {

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

	private static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

	/** One step of the plan, its values resolved. */
	record Step(int number, String id, StepKind kind, String phase, String title, Map<String, Object> values,
			Guard guard, int line) {

		String text(String key) {
			Object value = this.values.get(key);
			return value == null ? null : value instanceof String text ? text : String.valueOf(value);
		}

		@SuppressWarnings("unchecked")
		List<String> list(String key) {
			Object value = this.values.get(key);
			if (value == null) {
				return List.of();
			}
			return value instanceof List<?> list ? (List<String>) list : List.of(String.valueOf(value));
		}

		@SuppressWarnings("unchecked")
		Map<String, String> map(String key) {
			Object value = this.values.get(key);
			return value instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
		}

		Duration duration(String key, Duration fallback) {
			String text = text(key);
			return text == null ? fallback : parseDuration(text);
		}

		boolean flag(String key) {
			return Boolean.parseBoolean(text(key));
		}

		/** What the step runs, for the plan listing and the journal: its command, file or job, secrets masked. */
		String what(Secrets secrets) {
			String what = switch (this.kind) {
				case SERVER_RUN -> text("start") + " (in " + text("home") + ")";
				case SQL_SCRIPT -> text("file") + " on " + text("datasource");
				case COMMAND -> text("run") + (text("dir") != null ? " (in " + text("dir") + ")" : "");
				case MANUAL -> firstLine(text("instructions"));
				case JOB -> "obmigrate job " + text("job");
				case FILE -> text("action") + " " + text("path") + (text("from") != null ? " from " + text("from") : "")
						+ (text("key") != null ? " " + (text("table") != null ? "[" + text("table") + "] " : "")
								+ text("key") + " = " + FileChange.Toml.literal(this.values.get("value")) : "");
			};
			return secrets.mask(what);
		}

		private static String firstLine(String text) {
			String line = text.strip().lines().findFirst().orElse("");
			return line.length() > 100 ? line.substring(0, 97) + "..." : line;
		}

	}

	/** Conditions checked before a step runs: all skip-if hold → skipped; some → half-applied; a refuse-if → refused. */
	record Guard(List<Condition> skipIf, List<Condition> refuseIf) {
	}

	/** One condition: a table, a column (TABLE.COLUMN), a row (TABLE with an optional WHERE) or a file (glob). */
	record Condition(String test, String subject, String datasource, String where) {

		String describe() {
			return switch (this.test) {
				case "table-exists" -> "table " + this.subject + " exists in " + this.datasource;
				case "column-exists" -> "column " + this.subject + " exists in " + this.datasource;
				case "index-exists" -> "index or unique constraint " + this.subject + " exists in " + this.datasource;
				case "row-exists" -> "a row of " + this.subject + (this.where != null ? " where " + this.where : "")
						+ " exists in " + this.datasource;
				default -> "file " + this.subject + " exists";
			};
		}

	}

	/** The values of secret-looking variables, to be replaced with {@code ****} in everything shown or stored. */
	record Secrets(Set<String> values) {

		static final Secrets NONE = new Secrets(Set.of());

		String mask(String text) {
			if (text == null) {
				return null;
			}
			String masked = text;
			for (String value : this.values) {
				masked = masked.replace(value, "****");
			}
			return masked;
		}

	}

	Step step(String id) {
		return this.steps.stream().filter(step -> step.id().equals(id)).findFirst().orElse(null);
	}

	/** Reads a plan and its variables; {@code environment} answers variables the file does not have. */
	static UpgradePlan load(Path file, Path varsFile, Function<String, String> environment) {
		Path planFile = file.toAbsolutePath().normalize();
		Path vars = varsFile == null ? null : varsFile.toAbsolutePath().normalize();
		Map<String, String> variables = vars == null ? Map.of() : readVariables(vars);
		Set<String> secretValues = new LinkedHashSet<>();
		Function<String, String> lookup = name -> {
			String value = variables.containsKey(name) ? variables.get(name) : environment.apply(name);
			if (value != null && isSecretVariable(name) && value.length() >= 4) {
				secretValues.add(value);
			}
			return value;
		};
		String text;
		try {
			text = Files.readString(planFile, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new ConfigurationProblem("The upgrade plan " + planFile + " cannot be read: " + ex.getMessage()
					+ ". Give the plan file with --plan (the shipped one is jobs/uk-2.0.0-to-3.0.0.yaml).");
		}
		Node root = compose(planFile, text);
		if (!(root instanceof MappingNode mapping)) {
			throw problem(planFile, root, "is not a plan: it needs the keys 'plan' and 'steps'");
		}
		Map<String, Node> top = keys(planFile, mapping);
		for (String key : top.keySet()) {
			if (!key.equals("plan") && !key.equals("steps") && !key.equals("description")) {
				throw problem(planFile, top.get(key), "has an unknown top-level key '" + key + "' (known: plan,"
						+ " description, steps)");
			}
		}
		String name = top.get("plan") instanceof ScalarNode scalar ? scalar.getValue().strip() : null;
		if (name == null || name.isEmpty()) {
			throw problem(planFile, mapping, "has no 'plan: <name>' (the name the journal keeps the steps under)");
		}
		if (!(top.get("steps") instanceof SequenceNode stepNodes) || stepNodes.getValue().isEmpty()) {
			throw problem(planFile, mapping, "has no 'steps:' list");
		}
		List<String> missing = new ArrayList<>();
		Function<String, String> resolve = value -> substitute(value, lookup, missing);
		List<Step> steps = new ArrayList<>();
		Set<String> ids = new LinkedHashSet<>();
		for (Node stepNode : stepNodes.getValue()) {
			Step step = step(planFile, stepNode, steps.size() + 1, resolve);
			if (!ids.add(step.id())) {
				throw problem(planFile, stepNode, "has the step id '" + step.id() + "' twice; ids must be unique (confirm,"
						+ " status and the journal use them)");
			}
			steps.add(step);
		}
		if (!missing.isEmpty()) {
			throw new ConfigurationProblem("The upgrade plan " + planFile + " uses variable(s) "
					+ String.join(", ", new LinkedHashSet<>(missing)) + " that "
					+ (vars == null ? "no variables file gives (pass one with --vars FILE)"
							: "the variables file " + vars + " does not give")
					+ " and the environment does not have. Add them as NAME: value lines"
					+ " (jobs/uk-2.0.0-to-3.0.0.vars.example.yaml shows every one the shipped plan uses).");
		}
		return new UpgradePlan(name, planFile, vars, sha256(text + "\n" + variables), List.copyOf(steps),
				new Secrets(Set.copyOf(secretValues)));
	}

	static boolean isSecretVariable(String name) {
		return SecretMasking.isSecretName(name) || name.toLowerCase(Locale.ROOT).contains("pass");
	}

	private static Step step(Path file, Node node, int number, Function<String, String> resolve) {
		if (!(node instanceof MappingNode mapping)) {
			throw problem(file, node, "step " + number + " is not a mapping of keys (id, kind, ...)");
		}
		Map<String, Node> keys = keys(file, mapping);
		String id = keys.get("id") instanceof ScalarNode scalar ? scalar.getValue().strip() : null;
		if (id == null || !STEP_ID.matcher(id).matches()) {
			throw problem(file, node, "step " + number + " needs an 'id' of letters, digits, '.', '-' or '_' (got "
					+ (id == null ? "none" : "'" + id + "'") + ")");
		}
		String where = "step " + number + " (" + id + ")";
		String kindLabel = keys.get("kind") instanceof ScalarNode scalar ? scalar.getValue().strip() : null;
		StepKind kind = kindLabel == null ? null : StepKind.of(kindLabel);
		if (kind == null) {
			throw problem(file, node, where + " has " + (kindLabel == null ? "no kind" : "the unknown kind '" + kindLabel
					+ "'") + "; kinds: " + String.join(", ", StepKind.labels()));
		}
		for (String key : keys.keySet()) {
			if (!kind.allowed().contains(key)) {
				String nearest = Spelling.nearest(key, kind.allowed());
				throw problem(file, keys.get(key), where + " has the key '" + key + "', which a " + kind.label()
						+ " step does not have" + (nearest != null ? " (did you mean '" + nearest + "'?)" : "")
						+ "; its keys: " + String.join(", ", kind.allowed()));
			}
		}
		for (String key : kind.required()) {
			if (!keys.containsKey(key)) {
				throw problem(file, node, where + " needs the key '" + key + "' (a " + kind.label() + " step needs "
						+ String.join(", ", kind.required()) + ")");
			}
		}
		Map<String, Object> values = new LinkedHashMap<>();
		for (Map.Entry<String, Node> entry : keys.entrySet()) {
			if (!entry.getKey().equals("guard")) {
				values.put(entry.getKey(), value(file, entry.getValue(), resolve));
			}
		}
		Step step = new Step(number, id, kind, text(values.get("phase")), text(values.get("title")), values,
				guard(file, keys.get("guard"), where, resolve), mapping.getStartMark().getLine() + 1);
		validate(file, node, where, step);
		return step;
	}

	private static void validate(Path file, Node node, String where, Step step) {
		try {
			for (String key : List.of("success", "failure")) {
				for (String regex : step.list(key)) {
					Pattern.compile(regex);
				}
			}
		}
		catch (PatternSyntaxException ex) {
			throw problem(file, node, where + " has a regular expression that does not compile: "
					+ ex.getDescription() + " in '" + ex.getPattern() + "'");
		}
		for (String key : List.of("timeout", "idle-timeout", "stop-grace")) {
			String text = step.text(key);
			if (text != null && parseDurationOrNull(text) == null) {
				throw problem(file, node, where + " has " + key + " '" + text + "', not a duration (write 90s, 30m,"
						+ " 2h or 1h30m)");
			}
		}
		for (String code : step.list("expect-exit")) {
			if (!code.matches("\\d{1,3}")) {
				throw problem(file, node, where + " has expect-exit '" + code + "'; exit codes are numbers 0-255");
			}
		}
		String enabled = step.text("enabled");
		if (enabled != null && !enabled.equals("true") && !enabled.equals("false")) {
			throw problem(file, node, where + " has enabled '" + enabled + "'; write true or false (usually through a"
					+ " variable)");
		}
		if (step.values().get("requires") != null) {
			if (!(step.values().get("requires") instanceof List<?> requires)) {
				throw problem(file, node, where + " has 'requires' that is not a list of servers");
			}
			for (Object item : requires) {
				if (!(item instanceof Map<?, ?> server) || server.get("home") == null || server.get("start") == null
						|| server.get("ready") == null) {
					throw problem(file, node, where + " has a required server without home, start and ready (the"
							+ " phrases that say it is up)");
				}
				for (Object key : server.keySet()) {
					if (!ServerRun.REQUIRES_KEYS.contains(String.valueOf(key))) {
						throw problem(file, node, where + " has a required server with the key '" + key + "'; its keys: "
								+ String.join(", ", ServerRun.REQUIRES_KEYS));
					}
				}
				for (String key : List.of("ready", "failure")) {
					Object phrases = server.get(key);
					for (Object regex : phrases instanceof List<?> list ? list : phrases == null ? List.of()
							: List.of(phrases)) {
						try {
							Pattern.compile(String.valueOf(regex));
						}
						catch (PatternSyntaxException ex) {
							throw problem(file, node, where + " has a required server's " + key + " phrase that does not"
									+ " compile: " + ex.getDescription() + " in '" + ex.getPattern() + "'");
						}
					}
				}
			}
		}
		if (step.kind() == StepKind.SERVER_RUN && step.list("success").isEmpty()) {
			throw problem(file, node, where + " needs at least one success phrase: a server step never passes on"
					+ " silence");
		}
		if (step.kind() == StepKind.FILE) {
			String action = step.text("action");
			List<String> actions = List.of("copy", "backup", "remove", "toml-set");
			if (!actions.contains(action)) {
				throw problem(file, node, where + " has action '" + action + "'; actions: " + String.join(", ", actions));
			}
			if (action.equals("copy") && step.text("from") == null) {
				throw problem(file, node, where + " copies, and needs 'from'");
			}
			if (action.equals("toml-set") && (step.text("key") == null || !step.values().containsKey("value"))) {
				throw problem(file, node, where + " sets a TOML key, and needs 'key' and 'value' (and 'table' for a"
						+ " key under [table])");
			}
		}
		if (step.kind() == StepKind.JOB) {
			List<String> jobs = List.of("check", "consent", "dcr", "reporting", "verify");
			if (!jobs.contains(step.text("job"))) {
				throw problem(file, node, where + " runs the job '" + step.text("job") + "'; jobs: "
						+ String.join(", ", jobs));
			}
		}
	}

	private static Guard guard(Path file, Node node, String where, Function<String, String> resolve) {
		if (node == null) {
			return new Guard(List.of(), List.of());
		}
		if (!(node instanceof MappingNode mapping)) {
			throw problem(file, node, where + " has a guard that is not a mapping (datasource, skip-if, refuse-if)");
		}
		Map<String, Node> keys = keys(file, mapping);
		String datasource = keys.get("datasource") instanceof ScalarNode scalar
				? resolve.apply(scalar.getValue().strip()) : null;
		for (String key : keys.keySet()) {
			if (!List.of("datasource", "skip-if", "refuse-if").contains(key)) {
				throw problem(file, keys.get(key), where + " has the guard key '" + key + "'; guard keys: datasource,"
						+ " skip-if, refuse-if");
			}
		}
		return new Guard(conditions(file, keys.get("skip-if"), where, datasource, resolve),
				conditions(file, keys.get("refuse-if"), where, datasource, resolve));
	}

	private static List<Condition> conditions(Path file, Node node, String where, String datasource,
			Function<String, String> resolve) {
		if (node == null) {
			return List.of();
		}
		if (!(node instanceof SequenceNode sequence)) {
			throw problem(file, node, where + " has guard conditions that are not a list (- table-exists: NAME)");
		}
		List<String> tests = List.of("table-exists", "column-exists", "index-exists", "row-exists", "file-exists");
		List<Condition> conditions = new ArrayList<>();
		for (Node item : sequence.getValue()) {
			if (!(item instanceof MappingNode mapping)) {
				throw problem(file, item, where + " has a guard condition that is not a mapping; conditions: "
						+ String.join(", ", tests));
			}
			Map<String, Node> keys = keys(file, mapping);
			String test = keys.keySet().stream().filter(tests::contains).findFirst().orElse(null);
			for (String key : keys.keySet()) {
				if (!tests.contains(key) && !key.equals("datasource") && !key.equals("where")) {
					throw problem(file, keys.get(key), where + " has the guard condition key '" + key + "'; a"
							+ " condition is one of " + String.join(", ", tests) + ", with datasource and (for"
							+ " row-exists) where");
				}
			}
			if (test == null || !(keys.get(test) instanceof ScalarNode subject)) {
				throw problem(file, item, where + " has a guard condition without a test; one of " + String.join(", ",
						tests));
			}
			String source = keys.get("datasource") instanceof ScalarNode scalar
					? resolve.apply(scalar.getValue().strip()) : datasource;
			if (!test.equals("file-exists") && source == null) {
				throw problem(file, item, where + " has a " + test + " condition without a datasource (set it on the"
						+ " condition or once on the guard)");
			}
			String value = resolve.apply(subject.getValue().strip());
			if ((test.equals("column-exists") || test.equals("index-exists")) && !value.contains(".")) {
				throw problem(file, item, where + " has " + test + " '" + value + "'; write TABLE."
						+ (test.equals("column-exists") ? "COLUMN" : "INDEX"));
			}
			String whereClause = keys.get("where") instanceof ScalarNode scalar ? resolve.apply(scalar.getValue()) : null;
			conditions.add(new Condition(test, value, test.equals("file-exists") ? null : source, whereClause));
		}
		return conditions;
	}

	private static Object value(Path file, Node node, Function<String, String> resolve) {
		if (node instanceof ScalarNode scalar) {
			return resolve.apply(scalar.getValue());
		}
		if (node instanceof SequenceNode sequence) {
			List<Object> items = new ArrayList<>();
			for (Node item : sequence.getValue()) {
				items.add(value(file, item, resolve));
			}
			return items;
		}
		if (node instanceof MappingNode mapping) {
			Map<String, Object> map = new LinkedHashMap<>();
			keys(file, mapping).forEach((key, value) -> map.put(key, value(file, value, resolve)));
			return map;
		}
		throw problem(file, node, "has a value obmigrate cannot read");
	}

	private static String text(Object value) {
		return value == null ? null : String.valueOf(value);
	}

	/** Replaces every {@code ${NAME}}; {@code $${} stays a literal {@code ${}. Unknown names are collected. */
	static String substitute(String value, Function<String, String> lookup, List<String> missing) {
		String escaped = value.replace("$${", "\u0000{");
		Matcher matcher = VARIABLE.matcher(escaped);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String replacement = lookup.apply(matcher.group(1));
			if (replacement == null) {
				missing.add(matcher.group(1));
				replacement = matcher.group();
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(out);
		return out.toString().replace("\u0000{", "${");
	}

	static Duration parseDuration(String text) {
		Duration duration = parseDurationOrNull(text);
		if (duration == null) {
			throw new ConfigurationProblem("'" + text + "' is not a duration; write 90s, 30m, 2h or 1h30m.");
		}
		return duration;
	}

	private static Duration parseDurationOrNull(String text) {
		String trimmed = text.strip().toLowerCase(Locale.ROOT);
		if (trimmed.matches("\\d+")) {
			return Duration.ofSeconds(Long.parseLong(trimmed));
		}
		Matcher matcher = DURATION.matcher(trimmed);
		Duration total = Duration.ZERO;
		int end = 0;
		while (matcher.find()) {
			if (matcher.start() != end) {
				return null;
			}
			long amount = Long.parseLong(matcher.group(1));
			total = total.plus(switch (matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			});
			end = matcher.end();
		}
		return end == trimmed.length() && end > 0 ? total : null;
	}

	private static Map<String, String> readVariables(Path file) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new ConfigurationProblem("The variables file " + file + " cannot be read: " + ex.getMessage() + ".");
		}
		Node root = compose(file, text);
		Map<String, String> variables = new LinkedHashMap<>();
		if (root == null) {
			return variables;
		}
		if (!(root instanceof MappingNode mapping)) {
			throw problem(file, root, "is not a variables file: write one NAME: value per line");
		}
		keys(file, mapping).forEach((name, value) -> {
			if (!(value instanceof ScalarNode scalar)) {
				throw problem(file, value, "gives " + name + " a list or mapping; variables are single values");
			}
			variables.put(name, scalar.getValue());
		});
		return variables;
	}

	private static Node compose(Path file, String text) {
		try (Reader reader = new java.io.StringReader(text)) {
			return new Yaml(new LoaderOptions()).compose(reader);
		}
		catch (MarkedYAMLException ex) {
			Mark mark = ex.getProblemMark() != null ? ex.getProblemMark() : ex.getContextMark();
			throw new ConfigurationProblem(file + " is not valid YAML"
					+ (mark != null ? " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) : "")
					+ ": " + ex.getProblem() + ". Indent with spaces, two per level (a tab or a wrongly indented line"
					+ " is the usual cause).");
		}
		catch (YAMLException | IOException ex) {
			throw new ConfigurationProblem(file + " cannot be read: " + ex.getMessage() + ".");
		}
	}

	private static Map<String, Node> keys(Path file, MappingNode mapping) {
		Map<String, Node> keys = new LinkedHashMap<>();
		for (NodeTuple tuple : mapping.getValue()) {
			if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
				throw problem(file, tuple.getKeyNode(), "has a key that is not a name");
			}
			if (keys.put(key.getValue(), tuple.getValueNode()) != null) {
				throw problem(file, key, "has the key '" + key.getValue() + "' twice in one mapping");
			}
		}
		return keys;
	}

	private static ConfigurationProblem problem(Path file, Node node, String what) {
		String line = node == null ? "" : " (line " + (node.getStartMark().getLine() + 1) + ")";
		return new ConfigurationProblem("The file " + file + line + " " + what
				+ ". docs/upgrade.md describes every step kind and key.");
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package io.obmigrate.upgrade;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The kinds of upgrade plan step, with the keys each one requires and allows. */
enum StepKind {

	SERVER_RUN("server-run", "start a Carbon server pack, decide by its log, stop it, assert it is gone",
			List.of("home", "start", "success"),
			List.of("log", "failure", "timeout", "idle-timeout", "stop", "stop-grace", "env", "requires")),
	SQL_SCRIPT("sql-script", "run a SQL file, statement by statement, against one of obmigrate's data sources",
			List.of("datasource", "file"), List.of()),
	COMMAND("command", "run an external command and check its exit code, output and output files", List.of("run"),
			List.of("dir", "env", "timeout", "expect-exit", "outputs", "success", "failure")),
	MANUAL("manual", "an operator step: print the instructions, stop with exit 3 until confirmed",
			List.of("instructions"), List.of()),
	JOB("job", "run one of obmigrate's own jobs (check, consent, dcr, reporting, verify)", List.of("job"),
			List.of("create-schema", "parameters", "max-quarantined", "jobs")),
	FILE("file", "copy, back up, remove a file or set a TOML key, keeping the previous content",
			List.of("action", "path"), List.of("from", "table", "key", "value"));

	/** Keys every step may have, whatever its kind. */
	static final List<String> COMMON = List.of("id", "kind", "phase", "title", "enabled", "guard", "checksums");

	private final String label;

	private final String description;

	private final List<String> required;

	private final List<String> optional;

	StepKind(String label, String description, List<String> required, List<String> optional) {
		this.label = label;
		this.description = description;
		this.required = required;
		this.optional = optional;
	}

	String label() {
		return this.label;
	}

	String description() {
		return this.description;
	}

	List<String> required() {
		return this.required;
	}

	Set<String> allowed() {
		Set<String> keys = new LinkedHashSet<>(COMMON);
		keys.addAll(this.required);
		keys.addAll(this.optional);
		return keys;
	}

	static StepKind of(String label) {
		for (StepKind kind : values()) {
			if (kind.label.equals(label)) {
				return kind;
			}
		}
		return null;
	}

	static List<String> labels() {
		return java.util.Arrays.stream(values()).map(StepKind::label).toList();
	}

}

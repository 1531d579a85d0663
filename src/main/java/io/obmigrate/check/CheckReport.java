package io.obmigrate.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.obmigrate.core.Finding;
import io.obmigrate.core.Finding.Severity;

/** The findings of one {@code check}, rendered as the terminal table, as JSON, or as a SQL file for review. */
public record CheckReport(List<Finding> findings) {

	static final int ITEMS_SHOWN = 20;

	private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	public long count(Severity severity) {
		return this.findings.stream().filter(f -> f.severity() == severity).count();
	}

	public boolean hasBlockers() {
		return count(Severity.BLOCKER) > 0;
	}

	public List<Finding> safeFixes() {
		return this.findings.stream().filter(f -> f.safeFix() != null).toList();
	}

	public String render() {
		StringBuilder out = new StringBuilder();
		out.append(String.format("%nobmigrate check: %d blocker(s), %d warning(s), %d info%n%n", count(Severity.BLOCKER),
				count(Severity.WARN), count(Severity.INFO)));
		for (Severity severity : Severity.values()) {
			for (Finding finding : this.findings) {
				if (finding.severity() != severity) {
					continue;
				}
				out.append(String.format(" %-8s %-9s [%s] %s%n", severity, finding.area(), finding.code().slug(),
						indent(finding.found())));
				List<String> items = finding.items();
				for (String item : items.subList(0, Math.min(ITEMS_SHOWN, items.size()))) {
					out.append(String.format(" %-8s %-9s   - %s%n", "", "", item));
				}
				if (items.size() > ITEMS_SHOWN) {
					out.append(String.format(" %-8s %-9s   ... and %d more (all of them in `check --json`)%n", "", "",
							items.size() - ITEMS_SHOWN));
				}
				if (finding.why() != null) {
					out.append(String.format(" %-8s %-9s why: %s%n", "", "", indent(finding.why())));
				}
				if (finding.fix() != null) {
					out.append(String.format(" %-8s %-9s fix: %s%n", "", "", indent(finding.fix())));
				}
			}
		}
		out.append('\n');
		if (hasBlockers()) {
			out.append(" Blockers must be fixed before the migration (exit 4); each also refuses `run` of its job.");
			if (!safeFixes().isEmpty()) {
				out.append(" `obmigrate check --fix` applies the safe ones (").append(safeFixes().size()).append(").");
			}
			out.append(" `obmigrate check --emit-sql FILE` writes every suggested statement for review.\n");
		}
		else {
			out.append(" No blockers.\n");
		}
		out.append(" Every [code] is explained in docs/rules.md.\n");
		return out.toString();
	}

	private static String indent(String text) {
		return text.replace("\n", "\n" + " ".repeat(20));
	}

	public String json() {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("blockers", count(Severity.BLOCKER));
		root.put("warnings", count(Severity.WARN));
		root.put("info", count(Severity.INFO));
		List<Map<String, Object>> list = new ArrayList<>();
		for (Finding finding : this.findings) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("severity", finding.severity().name());
			item.put("area", finding.area());
			item.put("code", finding.code().slug());
			item.put("job", finding.job());
			item.put("found", finding.found());
			item.put("why", finding.why());
			item.put("fix", finding.fix());
			item.put("items", finding.items());
			item.put("statements", finding.statements());
			item.put("autoFixable", finding.safeFix() != null);
			list.add(item);
		}
		root.put("findings", list);
		try {
			return JSON.writeValueAsString(root) + "\n";
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Every suggested statement, grouped by finding, for a DBA to review and run; nothing is run by this. */
	public String sql() {
		StringBuilder out = new StringBuilder("-- Statements suggested by `obmigrate check`. Review each before running it;"
				+ "\n-- obmigrate never renames service providers itself.\n");
		for (Finding finding : this.findings) {
			if (finding.statements().isEmpty()) {
				continue;
			}
			out.append("\n-- ").append(finding.severity()).append(' ').append(finding.code().slug()).append(": ")
				.append(commentText(finding.found().lines().findFirst().orElse(""))).append('\n');
			for (String statement : finding.statements()) {
				out.append(statement.strip()).append(statement.strip().endsWith(";") ? "\n" : ";\n");
			}
		}
		return out.toString();
	}

	/** Text for a {@code --} comment line: no line break or other control character can end the comment early. */
	static String commentText(String text) {
		return text.codePoints()
			.map(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

}

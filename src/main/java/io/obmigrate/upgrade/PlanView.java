package io.obmigrate.upgrade;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongPredicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A plan with the state of every step from the journal, in the manner of Flyway's {@code info}: what is done, skipped
 * by its guard, pending, waiting for an operator, failed, and what to do next.
 */
final class PlanView {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneId.systemDefault());

	record Row(int number, String id, String phase, String title, String kind, UpgradeJournal.State state, String when,
			String by, String rule, String detail, String what, Long execution, String started, String logSlice) {
	}

	private final UpgradePlan plan;

	private final List<Row> rows;

	private PlanView(UpgradePlan plan, List<Row> rows) {
		this.plan = plan;
		this.rows = rows;
	}

	static PlanView of(UpgradePlan plan, UpgradeJournal journal, LongPredicate running) {
		List<Row> rows = new ArrayList<>();
		Map<String, List<UpgradeJournal.Entry>> journalled = journal.entriesByStep(plan.name());
		for (UpgradePlan.Step step : plan.steps()) {
			List<UpgradeJournal.Entry> entries = journalled.getOrDefault(step.id(), List.of());
			UpgradeJournal.StepState state = UpgradeJournal.state(entries, running);
			UpgradeJournal.Entry last = state.last();
			UpgradeJournal.Entry started = UpgradeJournal.lastStart(entries);
			rows.add(new Row(step.number(), step.id(), step.phase(), step.title(), step.kind().label(), state.state(),
					last == null ? null : TIME.format(last.recordedAt()), last == null ? null : last.recordedBy(),
					last == null ? null : last.rule(), last == null ? null : last.detail(),
					step.what(plan.secrets()), last == null ? null : last.executionId(),
					started == null ? null : TIME.format(started.recordedAt()), last == null ? null : last.logSlice()));
		}
		return new PlanView(plan, rows);
	}

	List<Row> rows() {
		return this.rows;
	}

	Map<UpgradeJournal.State, Integer> counts() {
		Map<UpgradeJournal.State, Integer> counts = new LinkedHashMap<>();
		for (Row row : this.rows) {
			counts.merge(row.state(), 1, Integer::sum);
		}
		return counts;
	}

	String text() {
		StringBuilder text = new StringBuilder();
		text.append("Upgrade plan ").append(this.plan.name()).append('\n');
		text.append("  file  ").append(this.plan.file()).append('\n');
		text.append("  vars  ").append(this.plan.varsFile() == null ? "(none)" : this.plan.varsFile()).append('\n');
		text.append("  ").append(this.rows.size()).append(this.rows.size() == 1 ? " step: " : " steps: ");
		List<String> parts = new ArrayList<>();
		counts().forEach((state, count) -> parts.add(count + " " + state.label()));
		text.append(String.join(", ", parts)).append('\n');
		String phase = null;
		String format = "  %3s  %-34s %-10s %-24s %-19s  %s%n";
		boolean header = false;
		for (Row row : this.rows) {
			if (!header || !Objects.equals(phase, row.phase())) {
				phase = row.phase();
				text.append('\n').append(phase == null ? "Steps" : phase).append('\n');
				text.append(String.format(format, "#", "Step", "Kind", "State", "When", "What"));
				header = true;
			}
			String what = row.title() != null ? row.title() : row.what();
			text.append(String.format(format, row.number(), row.id(), row.kind(), row.state().label(),
					row.when() == null ? "" : row.when(), shorten(what, 90)));
		}
		String next = next();
		if (next != null) {
			text.append('\n').append(next).append('\n');
		}
		return text.toString();
	}

	/** What the operator does next, when a step needs them. */
	String next() {
		for (Row row : this.rows) {
			switch (row.state()) {
				case WAITING:
					return "Next: step " + row.id() + " waits for an operator:\n"
							+ (row.detail() == null ? "" : row.detail().strip().indent(4))
							+ "When done: obmigrate confirm " + row.id() + " --by NAME, then obmigrate restart upgrade.";
				case FAILED:
					return "Step " + row.id() + " failed" + (row.rule() != null ? " [" + row.rule() + "]" : "") + ": "
							+ row.detail() + (row.logSlice() != null ? "\n" + row.logSlice().strip().indent(4) : "\n")
							+ "Fix the cause (docs/rules.md explains the code), then obmigrate restart upgrade.";
				case INTERRUPTED:
					return "Step " + row.id() + " was interrupted (its obmigrate process ended). obmigrate restart"
							+ " upgrade stops what it left running and runs it again after its guard.";
				case STOPPED:
					return "Step " + row.id() + " was stopped. obmigrate restart upgrade continues there.";
				case RUNNING:
					return "Step " + row.id() + " is running (execution " + row.execution() + ").";
				default:
					break;
			}
		}
		return null;
	}

	String json() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("plan", this.plan.name());
		document.put("file", this.plan.file().toString());
		document.put("vars", this.plan.varsFile() == null ? null : this.plan.varsFile().toString());
		Map<String, Integer> counts = new LinkedHashMap<>();
		counts().forEach((state, count) -> counts.put(state.name().toLowerCase(java.util.Locale.ROOT), count));
		document.put("counts", counts);
		List<Map<String, Object>> steps = new ArrayList<>();
		for (Row row : this.rows) {
			Map<String, Object> step = new LinkedHashMap<>();
			step.put("number", row.number());
			step.put("id", row.id());
			step.put("phase", row.phase());
			step.put("title", row.title());
			step.put("kind", row.kind());
			step.put("state", row.state().name().toLowerCase(java.util.Locale.ROOT));
			step.put("started", row.started());
			step.put("when", row.when());
			step.put("by", row.by());
			step.put("execution", row.execution());
			step.put("rule", row.rule());
			step.put("detail", row.detail());
			step.put("what", row.what());
			step.put("logSlice", row.logSlice());
			steps.add(step);
		}
		document.put("steps", steps);
		document.put("next", next());
		try {
			return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(document);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String shorten(String text, int length) {
		if (text == null) {
			return "";
		}
		String flat = text.replaceAll("\\s+", " ").strip();
		return flat.length() > length ? flat.substring(0, length - 3) + "..." : flat;
	}

}

package io.obmigrate.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.NestedExceptionUtils;

/**
 * One pass over the checks of the jobs: for {@code check}, every check; before a job starts, only its gates. A
 * capability declares each group of checks once, as a gate (may report blockers; runs in both) or a survey (counts,
 * predictions, warnings; {@code check} only, and never a blocker), so {@code check} and {@code run} cannot disagree
 * about what blocks a job.
 */
public final class CheckRun {

	/** Why the checks run. */
	public enum Purpose {

		/** {@code obmigrate check}: gates and surveys, nothing thrown. */
		CHECK,
		/** A job's pre-flight: gates only; a gate that cannot run fails the start. */
		RUN

	}

	private final Purpose purpose;

	private final Instant updatedAfter;

	private final boolean createSchema;

	private final List<Finding> findings = new ArrayList<>();

	private String job;

	private boolean inSurvey;

	private CheckRun(Purpose purpose, Instant updatedAfter, boolean createSchema) {
		this.purpose = purpose;
		this.updatedAfter = updatedAfter;
		this.createSchema = createSchema;
	}

	/** For {@code check}; {@code updatedAfter} may be null. */
	public static CheckRun forCheck(Instant updatedAfter) {
		return new CheckRun(Purpose.CHECK, updatedAfter, false);
	}

	/** A job's pre-flight; {@code createSchema}: the job will create missing target tables itself. */
	public static CheckRun forRun(boolean createSchema) {
		return new CheckRun(Purpose.RUN, null, createSchema);
	}

	/** Whether this is {@code obmigrate check} (not a job's pre-flight): informational counts are worth their time. */
	public boolean isCheck() {
		return this.purpose == Purpose.CHECK;
	}

	/** Consents updated after this instant are a blocker ({@code check --updated-after}); null: not asked. */
	public Instant updatedAfter() {
		return this.updatedAfter;
	}

	/** Missing target tables will be created by the job ({@code run --create-schema}): not a blocker. */
	public boolean createSchema() {
		return this.createSchema;
	}

	public void add(Finding finding) {
		if (this.inSurvey && finding.isBlocker()) {
			throw new BlockerInSurvey(finding);
		}
		this.findings.add(finding.ofJob(this.job));
	}

	/** Runs the checks of one job, its findings marked as the job's. */
	public void contribute(MigrationJob migrationJob) {
		String previous = this.job;
		this.job = migrationJob.name();
		try {
			migrationJob.check(this);
		}
		finally {
			this.job = previous;
		}
	}

	/**
	 * Checks that may block the job: run by {@code check} and before the job starts. When they cannot run,
	 * {@code check} reports a blocker (nothing proves the job can start) and a job's start fails with the cause.
	 */
	public void gate(String area, String section, Runnable checks) {
		try {
			checks.run();
		}
		catch (RuntimeException ex) {
			if (this.purpose == Purpose.RUN) {
				throw ex;
			}
			add(Finding.blocker(area, CoreRule.SECTION_SKIPPED, "The " + section + " checks could not run: "
					+ causeOf(ex), "Nothing proves the job can start until they do.",
					"Fix the cause (often a missing table or privilege) and run `obmigrate check` again."));
		}
	}

	/** Counts, predictions and warnings that only {@code check} reports; never a blocker. */
	public void survey(String area, String section, Runnable checks) {
		if (this.purpose == Purpose.RUN) {
			return;
		}
		this.inSurvey = true;
		try {
			checks.run();
		}
		catch (BlockerInSurvey ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			add(Finding.warn(area, CoreRule.SECTION_SKIPPED, "The " + section + " checks could not run: "
					+ causeOf(ex), "The remaining checks ran.",
					"Fix the cause (often a missing table or privilege) and run `obmigrate check` again."));
		}
		finally {
			this.inSurvey = false;
		}
	}

	private static String causeOf(RuntimeException ex) {
		if (ex instanceof ConfigurationProblem || ex instanceof PreflightBlocker) {
			return ex.getMessage();
		}
		Throwable root = NestedExceptionUtils.getMostSpecificCause(ex);
		return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
	}

	public List<Finding> findings() {
		return List.copyOf(this.findings);
	}

	public List<Finding> blockers() {
		return this.findings.stream().filter(Finding::isBlocker).toList();
	}

	/** A programming error: a survey tried to report a blocker that the job's own pre-flight would never see. */
	static final class BlockerInSurvey extends IllegalStateException {

		BlockerInSurvey(Finding finding) {
			super("A survey reported blocker " + finding.code().slug()
					+ "; blockers belong in gates, which run before the job starts too.");
		}

	}

}

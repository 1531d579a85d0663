package io.obmigrate.core;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Collects the quarantined rows and notices of the chunk in progress and stores them when the chunk has been written
 * (still inside the chunk, before its commit), then enforces the quarantine limit. Where the chunk's transaction is
 * another database's, the rows are stored with the step's checkpoint in one repository transaction ({@link ChunkCommit}).
 * Step-scoped: one per step execution.
 */
public class ChunkReport implements ChunkListener<Object, Object> {

	private final RowReportRepository repository;

	private final ChunkCommit commit;

	private final MigrationTally tally;

	private final Long maxQuarantined;

	private final List<RowReport> rows = new ArrayList<>();

	/** Whether stored rows may have to be replaced (rows of this step were stored before); known at the first save. */
	private Boolean replace;

	public ChunkReport(RowReportRepository repository, ChunkCommit commit, MigrationTally tally, Long maxQuarantined) {
		this.repository = repository;
		this.commit = commit;
		this.tally = tally;
		this.maxQuarantined = maxQuarantined;
	}

	public synchronized void add(RowReport row) {
		this.rows.add(row);
		if (row.kind() == RowReport.Kind.QUARANTINED) {
			this.tally.add(MigrationTally.QUARANTINED, 1);
		}
		else {
			this.tally.notice(row.rule());
		}
	}

	@Override
	public void afterChunk(Chunk<Object> chunk) {
		StepExecution step = StepSynchronizationManager.getContext().getStepExecution();
		List<RowReport> toSave;
		synchronized (this) {
			toSave = new ArrayList<>(this.rows);
			this.rows.clear();
		}
		long instance = step.getJobExecution().getJobInstance().getInstanceId();
		if (!toSave.isEmpty() && this.replace == null) {
			// a step with no rows stored before its first chunk stores each key once in this execution: no replays
			this.replace = this.repository.hasRows(instance, step.getStepName());
		}
		boolean replaceStored = !Boolean.FALSE.equals(this.replace);
		if (!this.commit.defer(step, instance, toSave, replaceStored)) {
			this.repository.save(instance, step.getJobExecution().getId(), step.getStepName(), toSave, replaceStored);
		}
		long quarantined = this.tally.get(MigrationTally.QUARANTINED);
		if (this.maxQuarantined != null && quarantined > this.maxQuarantined) {
			// the chunk rolls back, but `status` shows the rows that went over the limit
			this.commit.storeNow();
			throw new QuarantineLimitExceeded("[" + CoreRule.QUARANTINE_LIMIT.slug() + "] Step " + step.getStepName()
					+ " has quarantined " + quarantined
					+ " rows, more than --max-quarantined " + this.maxQuarantined
					+ ". See `obmigrate status` and the quarantine list, fix the source rows or the configuration,"
					+ " then `obmigrate restart`.");
		}
	}

	@Override
	public void beforeChunk(Chunk<Object> chunk) {
		this.commit.forget();
	}

	@Override
	public synchronized void onChunkError(Exception exception, Chunk<Object> chunk) {
		this.rows.clear();
		this.commit.forget();
	}

	/** The quarantine limit of the run was exceeded; the step fails with this message. */
	public static class QuarantineLimitExceeded extends RuntimeException {

		public QuarantineLimitExceeded(String message) {
			super(message);
		}

	}

}

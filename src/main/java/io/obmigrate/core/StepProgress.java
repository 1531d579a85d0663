package io.obmigrate.core;

import java.io.PrintStream;
import java.time.Duration;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Progress while a step runs: on a terminal a live line (rows done / total, rows/s, ETA) rewritten in place;
 * otherwise a plain line every {@code interval}, so schedulers' logs show the run advancing. Step-scoped.
 */
public class StepProgress implements StepExecutionListener, ChunkListener<Object, Object> {

	private final MigrationTally tally;

	private final PrintStream out;

	private final boolean terminal;

	private final long intervalNanos;

	private long startedNanos;

	private long doneAtStart;

	private long lastPrintNanos;

	public StepProgress(MigrationTally tally, PrintStream out, boolean terminal, Duration interval) {
		this.tally = tally;
		this.out = out;
		this.terminal = terminal;
		this.intervalNanos = interval.toNanos();
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.startedNanos = System.nanoTime();
		this.lastPrintNanos = this.startedNanos;
		this.doneAtStart = -1;
	}

	@Override
	public void afterChunk(Chunk<Object> chunk) {
		StepExecution step = StepSynchronizationManager.getContext().getStepExecution();
		long now = System.nanoTime();
		if (this.doneAtStart < 0) {
			this.doneAtStart = step.getExecutionContext().containsKey(MigrationTally.READ_AT_OPEN_KEY)
					? step.getExecutionContext().getLong(MigrationTally.READ_AT_OPEN_KEY)
					: this.tally.get(MigrationTally.READ) - step.getReadCount();
		}
		if (this.terminal ? now - this.lastPrintNanos < 200_000_000L : now - this.lastPrintNanos < this.intervalNanos) {
			return;
		}
		this.lastPrintNanos = now;
		this.out.print(line(step, now) + (this.terminal ? "\r" : System.lineSeparator()));
		this.out.flush();
	}

	@Override
	public org.springframework.batch.core.ExitStatus afterStep(StepExecution stepExecution) {
		if (this.terminal) {
			this.out.print(" ".repeat(100) + "\r");
			this.out.flush();
		}
		return null;
	}

	private String line(StepExecution step, long now) {
		long done = this.tally.get(MigrationTally.READ);
		long total = step.getExecutionContext().getLong("obmigrate.total", done);
		double seconds = Math.max(0.001, (now - this.startedNanos) / 1e9);
		double rate = (done - Math.max(0, this.doneAtStart)) / seconds;
		String eta = rate <= 0 ? "?" : formatDuration((long) ((total - done) / rate));
		int percent = total == 0 ? 100 : (int) (100 * done / total);
		return String.format("  %-28s %,12d / %,d (%3d%%)  %,9.0f rows/s  ETA %s", step.getStepName(), done, total,
				percent, rate, eta);
	}

	public static String formatDuration(long seconds) {
		return seconds >= 3600 ? String.format("%dh%02dm", seconds / 3600, (seconds % 3600) / 60)
				: String.format("%dm%02ds", seconds / 60, seconds % 60);
	}

}

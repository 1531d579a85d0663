package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The checkpoint of a reader whose chunks commit in another database than the job repository: the step context is
 * saved before the chunk commits, so a restart must resume from the end of the chunk before the last one saved.
 */
class TwoPointCheckpointTest {

	private static final String KEY = "position";

	private static final TwoPointCheckpoint.Codec<String> CODEC = new TwoPointCheckpoint.Codec<>() {
		@Override
		public void write(ExecutionContext context, String position) {
			context.putString(KEY, position);
		}

		@Override
		public String read(ExecutionContext context) {
			return context.containsKey(KEY) ? context.getString(KEY) : null;
		}

		@Override
		public void clear(ExecutionContext context) {
			context.remove(KEY);
		}
	};

	private ExecutionContext context;

	private MigrationTally tally;

	private TwoPointCheckpoint<String> checkpoint;

	@BeforeEach
	void freshStep() {
		this.context = new ExecutionContext();
		this.tally = new MigrationTally();
		this.checkpoint = new TwoPointCheckpoint<>(CODEC, this.tally);
	}

	/** Reads a chunk of {@code rows} ending at {@code end}, then saves the context as Spring Batch does. */
	private void chunk(String end, long rows) {
		this.tally.add(MigrationTally.READ, rows);
		this.tally.add(MigrationTally.WRITTEN, rows);
		this.checkpoint.update(this.context, end);
	}

	/** The step restarted from the saved context: a new reader and tally, as in a new process. */
	private String restart() {
		this.tally = new MigrationTally();
		this.checkpoint = new TwoPointCheckpoint<>(CODEC, this.tally);
		return this.checkpoint.restore(this.context, "start");
	}

	@Test
	void aFirstStartBeginsAtTheStart() {
		assertThat(this.checkpoint.restore(this.context, "start")).isEqualTo("start");
		assertThat(this.tally.snapshot()).isEmpty();
	}

	@Test
	void aRestartAfterOneChunkRepeatsThatChunk() {
		this.checkpoint.restore(this.context, "start");
		chunk("c100", 100);
		// the chunk's own commit may not have happened: nothing is safe yet
		assertThat(restart()).isEqualTo("start");
		assertThat(this.tally.get(MigrationTally.READ)).isZero();
	}

	@Test
	void aRestartResumesAfterTheChunkBeforeTheLastSaved() {
		this.checkpoint.restore(this.context, "start");
		chunk("c100", 100);
		chunk("c200", 100);
		chunk("c300", 100);
		assertThat(restart()).isEqualTo("c200");
		assertThat(this.tally.get(MigrationTally.READ)).isEqualTo(200);
		assertThat(this.tally.get(MigrationTally.WRITTEN)).isEqualTo(200);
	}

	@Test
	void aSecondRestartKeepsTheSafePointOfTheFirst() {
		this.checkpoint.restore(this.context, "start");
		chunk("c100", 100);
		chunk("c200", 100);
		assertThat(restart()).isEqualTo("c100");
		chunk("c200", 100);
		chunk("c300", 100);
		assertThat(restart()).isEqualTo("c200");
		assertThat(this.tally.get(MigrationTally.READ)).isEqualTo(200);
	}

	@Test
	void theContextHoldsTheCurrentTallyForTheSummaryAndTheSafeOneForARestart() {
		this.checkpoint.restore(this.context, "start");
		chunk("c100", 100);
		chunk("c200", 50);
		assertThat(this.context.get(MigrationTally.CONTEXT_KEY)).isEqualTo(Map.of("read", 150L, "written", 150L));
		assertThat(this.context.get(MigrationTally.SAFE_CONTEXT_KEY)).isEqualTo(Map.of("read", 100L, "written", 100L));
	}

}

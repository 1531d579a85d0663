package io.obmigrate.core;

import java.util.HashMap;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The checkpoint of a reader whose chunk transaction is not the job repository's: Spring Batch 6 saves the step context
 * before the chunk's target transaction commits, so the context holds two points, the end of the previous chunk
 * (certainly committed: "safe") and the end of the current one, each with the tally at that point. A restart resumes
 * from the safe point and re-processes at most one chunk, whose rows the reader finds already written.
 *
 * @param <K> the reader's position (a key, or a composite key)
 */
public final class TwoPointCheckpoint<K> {

	/** How a position is kept in the step context. */
	public interface Codec<K> {

		void write(ExecutionContext context, K position);

		/** The stored position, or null when none is stored (the start). */
		K read(ExecutionContext context);

		void clear(ExecutionContext context);

	}

	private final Codec<K> codec;

	private final MigrationTally tally;

	private K pending;

	private Map<String, Long> pendingTally = Map.of();

	private boolean pendingSet;

	public TwoPointCheckpoint(Codec<K> codec, MigrationTally tally) {
		this.codec = codec;
		this.tally = tally;
	}

	/**
	 * On open: when the context holds a checkpoint (a restart), resets the tally to the safe point and returns that
	 * position; otherwise returns {@code start}.
	 */
	@SuppressWarnings("unchecked")
	public K restore(ExecutionContext context, K start) {
		if (!context.containsKey(MigrationTally.CONTEXT_KEY)) {
			return start;
		}
		K safe = this.codec.read(context);
		K position = safe != null ? safe : start;
		Map<String, Long> safeTally = context.containsKey(MigrationTally.SAFE_CONTEXT_KEY)
				? (Map<String, Long>) context.get(MigrationTally.SAFE_CONTEXT_KEY) : Map.of();
		this.tally.reset(safeTally);
		this.pending = position;
		this.pendingTally = Map.copyOf(safeTally);
		this.pendingSet = true;
		return position;
	}

	/** On update (once per chunk, before its commit): the previous chunk's end becomes safe; {@code current} pends. */
	public void update(ExecutionContext context, K current) {
		if (this.pendingSet) {
			if (this.pending == null) {
				this.codec.clear(context);
			}
			else {
				this.codec.write(context, this.pending);
			}
			context.put(MigrationTally.SAFE_CONTEXT_KEY, new HashMap<>(this.pendingTally));
		}
		this.pending = current;
		this.pendingTally = this.tally.snapshot();
		this.pendingSet = true;
		context.put(MigrationTally.CONTEXT_KEY, new HashMap<>(this.pendingTally));
	}

}

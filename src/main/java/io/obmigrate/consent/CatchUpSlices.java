package io.obmigrate.consent;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Catch-up: the changed consent IDs the partitioner found, split by partition, handed to each partition's reader in
 * the same process so the source is searched for changes once per consent type, not once per partition. A reader
 * takes its slice (and the slice is forgotten); a restarted execution finds none and its readers search their own
 * ranges.
 */
public class CatchUpSlices {

	private record Key(long jobExecutionId, String partition) {
	}

	private final Map<Key, List<String>> slices = new ConcurrentHashMap<>();

	/**
	 * Leaves one partition's changed IDs (in ID order) for its reader, by the partition's step name
	 * ({@code consent.accounts:p0}); forgets those of any other execution.
	 */
	void offer(long jobExecutionId, String partition, List<String> ids) {
		this.slices.keySet().removeIf(key -> key.jobExecutionId() != jobExecutionId);
		this.slices.put(new Key(jobExecutionId, partition), List.copyOf(ids));
	}

	/** The changed IDs left for this partition, or null when none were left (a restart, another process). */
	List<String> take(long jobExecutionId, String partition) {
		return this.slices.remove(new Key(jobExecutionId, partition));
	}

}

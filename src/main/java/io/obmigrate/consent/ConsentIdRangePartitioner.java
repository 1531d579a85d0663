package io.obmigrate.consent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.batch.core.partition.PartitionNameProvider;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.Dialect;

/**
 * Splits the consents of one type, or of several types together, into contiguous {@code ID} ranges of about equal
 * size: partition k holds the IDs in {@code (from, to]} of every type. The boundaries are computed once, at the first
 * start, and stored in each partition's step context; a restart re-uses those contexts (Spring Batch asks only for the
 * names), so a partition always covers the same consents.
 *
 * <p>Several types are split at boundaries taken from the type with the most consents: OB 2.0 consent IDs are random
 * UUIDs, the same for every type, so each range holds about its share of every type. (Only one table's ID order can
 * give the boundaries: the database's order of IDs from two tables is not known without asking it to sort both.)
 */
public class ConsentIdRangePartitioner implements Partitioner, PartitionNameProvider {

	public static final String FROM = "partition.from";

	public static final String TO = "partition.to";

	/**
	 * How many consents the range held when it was made (a full run's ranges; of several types, about how many, from
	 * the largest type's share): its reader's progress total on its first start, so the ranges are not counted again.
	 * Absent for a catch-up's ranges and for a range whose bounds moved.
	 */
	public static final String ROWS = "partition.rows";

	private final List<ConsentType> types;

	private final JdbcTemplate source;

	private final Supplier<Dialect> dialect;

	/** Catch-up: finds a type's consents changed since an instant (epoch seconds), in ID order; null: none. */
	private java.util.function.BiFunction<ConsentType, Long, List<String>> changedSince;

	private CatchUpSlices slices;

	private io.obmigrate.core.ObmigrateDataSources dataSources;

	/** Told how many consents a full run's first start counted (of every type); null: nobody. */
	private java.util.function.LongConsumer counted;

	/** Where a restart finds the partitions its first start made; null: the grid size is taken as it is. */
	private org.springframework.batch.core.repository.JobRepository repository;

	/** {@code dialect} is asked only when boundaries are computed, so building the job never connects. */
	public ConsentIdRangePartitioner(ConsentType type, JdbcTemplate source, Supplier<Dialect> dialect) {
		this(List.of(type), source, dialect);
	}

	/** The ranges of several types together (each range holds the IDs in its bounds of every type). */
	public ConsentIdRangePartitioner(List<ConsentType> types, JdbcTemplate source, Supplier<Dialect> dialect) {
		if (types.isEmpty()) {
			throw new IllegalArgumentException("No consent type to split");
		}
		this.types = List.copyOf(types);
		this.source = source;
		this.dialect = dialect;
	}

	/** The step these ranges are the partitions of: the type's, or the step of all types. */
	String stepName() {
		return this.types.size() == 1 ? this.types.get(0).stepName() : ConsentJobConfiguration.TYPES_STEP;
	}

	/**
	 * Where a catch-up leaves a partition's changed consents of one type for its reader: the partition's step name
	 * ({@code consent.all-types:p0}), with the type's name after a slash when the ranges hold several types.
	 */
	static String slice(String partition, ConsentType type, boolean severalTypes) {
		return severalTypes ? partition + "/" + type.targetType() : partition;
	}

	/**
	 * In a catch-up run, the ranges split the changed consents (found once, here) into equal parts instead of all
	 * consents, and each part is left in {@code slices} for its partition's reader.
	 */
	ConsentIdRangePartitioner catchingUp(java.util.function.BiFunction<ConsentType, Long, List<String>> changedSince,
			CatchUpSlices slices) {
		this.changedSince = changedSince;
		this.slices = slices;
		return this;
	}

	/** Catch-up of one type: {@code changedSince} finds its changed consents. */
	ConsentIdRangePartitioner catchingUp(java.util.function.LongFunction<List<String>> changedSince,
			CatchUpSlices slices) {
		return catchingUp((type, since) -> changedSince.apply(since), slices);
	}

	/** {@code counted} is told how many consents a full run's first start counted, of every type together. */
	ConsentIdRangePartitioner reportingCount(java.util.function.LongConsumer counted) {
		this.counted = counted;
		return this;
	}

	/** Names the source database in the failures of the partitioner's statements. */
	ConsentIdRangePartitioner named(io.obmigrate.core.ObmigrateDataSources dataSources) {
		this.dataSources = dataSources;
		return this;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		try {
			return ranges(gridSize);
		}
		catch (RuntimeException ex) {
			throw this.dataSources == null ? ex
					: io.obmigrate.core.DataSourceFault.of(this.dataSources,
							io.obmigrate.core.ObmigrateDataSources.Name.OB, ex);
		}
	}

	private Map<String, ExecutionContext> ranges(int gridSize) {
		org.springframework.batch.core.scope.context.StepContext step = org.springframework.batch.core.scope.context.StepSynchronizationManager
			.getContext();
		String since = step == null ? null
				: step.getStepExecution().getJobParameters().getString(io.obmigrate.core.HighWaterMark.CHANGED_SINCE);
		if (since != null && this.changedSince != null) {
			return catchUpRanges(gridSize, step.getStepExecution().getJobExecutionId(), Long.parseLong(since));
		}
		Split split = takePrepared(gridSize);
		if (split == null) {
			split = boundaries(gridSize);
		}
		Map<String, ExecutionContext> contexts = ranges(gridSize, split.boundaries());
		int ranges = split.boundaries().size() + 1;
		for (int k = 0; k < gridSize; k++) {
			ExecutionContext context = contexts.get(name(k));
			if (k < ranges - 1) {
				context.putLong(ROWS, split.size());
			}
			else if (k == ranges - 1 && split.complete()) {
				context.putLong(ROWS, Math.max(0, split.rows() - split.size() * (ranges - 1)));
			}
			else if (k >= ranges) {
				context.putLong(ROWS, 0);
			}
		}
		return contexts;
	}

	/** A split begun ahead of the job ({@link #prepare}), for the first full split of its grid size. */
	private record Prepared(int gridSize, java.util.concurrent.CompletableFuture<Split> split) {
	}

	private final java.util.concurrent.atomic.AtomicReference<Prepared> prepared =
			new java.util.concurrent.atomic.AtomicReference<>();

	/**
	 * Begins a full run's split now, on a thread of its own, while the run creates its tables and builds and launches
	 * its job: counting the consents and reading the largest type's ID index waits mostly for the database. The first
	 * full split of {@code gridSize} ranges then takes it. Where the run does not reach its split (its launch failed),
	 * it is dropped; where it failed, the split is made again then, and fails there as before. The bounds
	 * are taken a moment before the job starts: consents written in between fall into a range as always (ranges are
	 * bounds, not lists); only the range's progress total leaves them out.
	 */
	void prepare(int gridSize) {
		this.prepared.set(new Prepared(gridSize, onThreadOfItsOwn("consent-split", () -> boundaries(gridSize))));
	}

	/** {@code work} done on a daemon thread of this name, its result or failure in the future returned. */
	private static <T> java.util.concurrent.CompletableFuture<T> onThreadOfItsOwn(String name, Supplier<T> work) {
		java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				result.complete(work.get());
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		return result;
	}

	/** The split {@link #prepare} began for this grid size, once it is done; null: none, or it failed. */
	private Split takePrepared(int gridSize) {
		Prepared taken = this.prepared.getAndSet(null);
		if (taken == null || taken.gridSize() != gridSize) {
			return null;
		}
		try {
			return taken.split().join();
		}
		catch (RuntimeException ex) {
			return null; // made again by the caller, whose failure names the source
		}
	}

	/**
	 * Where the ranges after the first begin, the consents counted, the consents per range (all but the last; of
	 * several types, about how many) and whether every boundary was found (else the last range holds more than the
	 * rest of the count).
	 */
	private record Split(List<String> boundaries, long rows, long size, boolean complete) {
	}

	/**
	 * The ID at which each range after the first begins, about equally many consents apart. Each boundary is read
	 * from the previous one ({@code WHERE ID > ? ORDER BY ID}, one row at an offset of a range's size), so finding
	 * them all reads the ID index once, whatever the number of ranges. Several types: each is counted, and the
	 * boundaries are those of the type with the most consents (see the class comment).
	 */
	private Split boundaries(int gridSize) {
		long rows = 0;
		long largest = -1;
		String table = null;
		long[] counts = counts();
		for (int t = 0; t < this.types.size(); t++) {
			rows += counts[t];
			if (counts[t] > largest) {
				largest = counts[t];
				table = this.types.get(t).initiationTable();
			}
		}
		if (this.counted != null) {
			this.counted.accept(rows);
		}
		int partitions = (int) Math.max(1, Math.min(gridSize, largest));
		List<String> boundaries = new ArrayList<>();
		long size = (largest + partitions - 1) / partitions;
		// the consents of every type per range, all but the last: exact for one type, else the largest type's share
		long perRange = largest == 0 ? 0 : Math.round((double) size * rows / largest);
		Dialect sql = this.dialect.get();
		// ranges of `size` consents: fewer than `partitions` when they do not divide evenly (5 in 4 ranges: 2, 2, 1)
		for (int k = 1; k < partitions && k * size < largest; k++) {
			List<String> id = boundaries.isEmpty()
					? this.source.queryForList(sql.rowAt("SELECT ID FROM " + table + " ORDER BY ID", size - 1),
							String.class)
					: this.source.queryForList(
							sql.rowAt("SELECT ID FROM " + table + " WHERE ID > ? ORDER BY ID", size - 1), String.class,
							boundaries.get(boundaries.size() - 1));
			if (id.isEmpty()) {
				// rows deleted since the count: fewer, larger ranges
				return new Split(boundaries, rows, perRange, false);
			}
			boundaries.add(id.get(0));
		}
		return new Split(boundaries, rows, perRange, true);
	}

	/**
	 * The consents of each type, counted at once on connections of their own: a count reads its whole table (the
	 * initiation tables have no index but their key, which holds the rows), so on a database whose cache does not hold
	 * them the counts wait for the disk, and one after the other they took 0.67 s of a 100k MariaDB run's start where
	 * the largest alone took 0.49 s. A failure is the first type's that failed, as the count itself threw it.
	 */
	private long[] counts() {
		List<java.util.concurrent.CompletableFuture<Long>> counting = new ArrayList<>();
		for (ConsentType type : this.types.subList(1, this.types.size())) {
			counting.add(onThreadOfItsOwn("consent-count-" + type.name().toLowerCase(java.util.Locale.ROOT),
					() -> count(type)));
		}
		long[] counts = new long[this.types.size()];
		RuntimeException failed = null;
		try {
			counts[0] = count(this.types.get(0));
		}
		catch (RuntimeException ex) {
			failed = ex;
		}
		for (int t = 1; t < this.types.size(); t++) {
			try {
				counts[t] = counting.get(t - 1).join();
			}
			catch (java.util.concurrent.CompletionException ex) {
				if (failed == null) {
					failed = ex.getCause() instanceof RuntimeException cause ? cause : ex;
				}
			}
		}
		if (failed != null) {
			throw failed;
		}
		return counts;
	}

	private long count(ConsentType type) {
		Long count = this.source.queryForObject("SELECT COUNT(*) FROM " + type.initiationTable(), Long.class);
		return count == null ? 0 : count;
	}

	/** One changed consent: its ID and its type's place in {@link #types}. */
	private record Changed(String id, int type) {
	}

	private Map<String, ExecutionContext> catchUpRanges(int gridSize, long jobExecutionId, long since) {
		List<Changed> changed = new ArrayList<>();
		for (int t = 0; t < this.types.size(); t++) {
			for (String id : this.changedSince.apply(this.types.get(t), since)) {
				changed.add(new Changed(id, t));
			}
		}
		// each type's IDs come sorted; an ID two types share keeps the types' order
		changed.sort(java.util.Comparator.comparing(Changed::id).thenComparingInt(Changed::type));
		int partitions = Math.max(1, Math.min(gridSize, changed.size()));
		int size = (changed.size() + partitions - 1) / partitions;
		List<String> boundaries = new ArrayList<>();
		List<List<Changed>> parts = new ArrayList<>();
		int start = 0;
		while (start < changed.size()) {
			int end = Math.min(changed.size(), start + size);
			while (end < changed.size() && changed.get(end).id().equals(changed.get(end - 1).id())) {
				end++; // an ID stays in one range, whatever its types
			}
			parts.add(changed.subList(start, end));
			if (end < changed.size()) {
				boundaries.add(changed.get(end - 1).id()); // ranges are (from, to]: this part ends with its last ID
			}
			start = end;
		}
		Map<String, ExecutionContext> contexts = ranges(gridSize, boundaries);
		boolean several = this.types.size() > 1;
		for (int k = 0; k < gridSize; k++) {
			// the worker step of partition pK is named <this step>:pK
			List<Changed> part = k < parts.size() ? parts.get(k) : List.of();
			for (int t = 0; t < this.types.size(); t++) {
				List<String> ids = new ArrayList<>();
				for (Changed one : part) {
					if (one.type() == t) {
						ids.add(one.id());
					}
				}
				this.slices.offer(jobExecutionId, slice(stepName() + ":" + name(k), this.types.get(t), several), ids);
			}
		}
		return contexts;
	}

	private Map<String, ExecutionContext> ranges(int gridSize, List<String> boundaries) {
		Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
		for (int k = 0; k < gridSize; k++) {
			contexts.put(name(k), new ExecutionContext());
		}
		for (int k = 0; k < gridSize; k++) {
			ExecutionContext context = contexts.get(name(k));
			if (k > boundaries.size()) {
				// Fewer consents than partitions: this one is empty (from = to = the last boundary).
				context.putString(FROM, boundaries.isEmpty() ? "" : boundaries.get(boundaries.size() - 1));
				context.putString(TO, boundaries.isEmpty() ? "" : boundaries.get(boundaries.size() - 1));
				continue;
			}
			if (k > 0) {
				context.putString(FROM, boundaries.get(k - 1));
			}
			if (k < boundaries.size()) {
				context.putString(TO, boundaries.get(k));
			}
		}
		return contexts;
	}

	/**
	 * The partitions of this step. On a restart Spring Batch resumes the partitions of these names: those the first
	 * start made, however many that was (an earlier obmigrate version, or another {@code obmigrate.consent.partitions},
	 * made another number of ranges; asking for more would add ranges without bounds, fewer would leave ranges
	 * unfinished).
	 */
	@Override
	public Collection<String> getPartitionNames(int gridSize) {
		int made = partitionsMadeBefore();
		List<String> names = new ArrayList<>();
		for (int k = 0; k < (made > 0 ? made : gridSize); k++) {
			names.add(name(k));
		}
		return names;
	}

	/** Restart: resumes the partitions an earlier execution of the same job instance made. */
	ConsentIdRangePartitioner resumingWith(org.springframework.batch.core.repository.JobRepository repository) {
		this.repository = repository;
		return this;
	}

	/** How many partitions earlier executions of this job instance made for this step (0: none, a first start). */
	private int partitionsMadeBefore() {
		org.springframework.batch.core.scope.context.StepContext step = org.springframework.batch.core.scope.context.StepSynchronizationManager
			.getContext();
		if (this.repository == null || step == null) {
			return 0;
		}
		org.springframework.batch.core.step.StepExecution manager = step.getStepExecution();
		org.springframework.batch.core.job.JobInstance instance = manager.getJobExecution().getJobInstance();
		int made = 0;
		while (this.repository.getLastStepExecution(instance, manager.getStepName() + ":" + name(made)) != null) {
			made++;
		}
		return made;
	}

	private static String name(int k) {
		return "p" + k;
	}

}

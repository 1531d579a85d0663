package io.obmigrate.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.TwoPointCheckpoint;

/**
 * Reads the consents of every type in one ID range together, in consent-ID order: one {@link ConsentPageReader} per
 * type (each with its own pages and its own query per child table and page), merged by ID (an ID two types share:
 * the types in their declared order). A range's chunks so carry consents of all types, in the order of the OB 3.0
 * tables keyed by the consent ID ({@code OB_CONSENT}, {@code OB_CONSENT_ATTRIBUTE}): each range adds its rows at one
 * place of those tables, instead of three types adding theirs among each other's, which on MySQL/MariaDB splits their
 * pages half full and leaves the tables up to twice their size.
 *
 * <p>Checkpoint: each type's last consent ID read, kept as a {@link TwoPointCheckpoint}; a restart resumes each type
 * after its own, so at most one chunk is read again. The merge compares IDs as Java orders them; where the database
 * orders them otherwise (a collation that ignores case), only the order of the rows written changes: each type is
 * still read in the database's order, and resumed after its own checkpoint.
 */
public class ConsentRangeReader implements ItemStreamReader<ConsentSource> {

	/** Each type's checkpoint: this prefix and the type's OB 3.0 name ({@code consent.checkpoint.safe.id.accounts}). */
	static final String SAFE_ID = "consent.checkpoint.safe.id.";

	private final List<ConsentType> types;

	private final List<ConsentPageReader> readers;

	private final MigrationTally tally;

	private final TwoPointCheckpoint<List<String>> checkpoint;

	/** One reader per type, each over the same range; {@code tally} is the step's. */
	public ConsentRangeReader(List<ConsentType> types, List<ConsentPageReader> readers, MigrationTally tally) {
		if (types.size() != readers.size() || types.isEmpty()) {
			throw new IllegalArgumentException("One reader per consent type, not " + readers.size() + " for "
					+ types.size());
		}
		this.types = List.copyOf(types);
		this.readers = List.copyOf(readers);
		this.tally = tally;
		this.checkpoint = new TwoPointCheckpoint<>(new TwoPointCheckpoint.Codec<>() {
			@Override
			public void write(ExecutionContext context, List<String> positions) {
				for (int t = 0; t < ConsentRangeReader.this.types.size(); t++) {
					String key = key(t);
					if (positions.get(t) == null) {
						context.remove(key);
					}
					else {
						context.putString(key, positions.get(t));
					}
				}
			}

			@Override
			public List<String> read(ExecutionContext context) {
				List<String> positions = new ArrayList<>();
				boolean any = false;
				for (int t = 0; t < ConsentRangeReader.this.types.size(); t++) {
					String key = key(t);
					any |= context.containsKey(key);
					positions.add(context.containsKey(key) ? context.getString(key) : null);
				}
				return any ? positions : null;
			}

			@Override
			public void clear(ExecutionContext context) {
				for (int t = 0; t < ConsentRangeReader.this.types.size(); t++) {
					context.remove(key(t));
				}
			}
		}, tally);
	}

	private String key(int type) {
		return SAFE_ID + this.types.get(type).targetType();
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		List<String> start = new ArrayList<>();
		for (ConsentPageReader reader : this.readers) {
			start.add(reader.from());
		}
		List<String> positions = this.checkpoint.restore(context, start);
		boolean fresh = true;
		for (int t = 0; t < this.readers.size(); t++) {
			ConsentPageReader reader = this.readers.get(t);
			String position = positions.get(t) == null ? reader.from() : positions.get(t);
			fresh &= Objects.equals(position, reader.from());
			reader.openAfter(position);
		}
		long remaining;
		if (fresh && context.containsKey(ConsentIdRangePartitioner.ROWS)) {
			// a range's first start: the partitioner estimated its consents while making it
			remaining = context.getLong(ConsentIdRangePartitioner.ROWS);
		}
		else {
			remaining = 0;
			for (ConsentPageReader reader : this.readers) {
				remaining += reader.remaining();
			}
		}
		context.putLong(ConsentPageReader.TOTAL, this.tally.get(MigrationTally.READ) + remaining);
	}

	@Override
	public ConsentSource read() {
		ConsentPageReader next = null;
		String nextId = null;
		for (ConsentPageReader reader : this.readers) {
			String id = reader.nextId();
			if (id != null && (nextId == null || id.compareTo(nextId) < 0)) {
				next = reader;
				nextId = id;
			}
		}
		return next == null ? null : next.read();
	}

	@Override
	public void update(ExecutionContext context) throws ItemStreamException {
		List<String> positions = new ArrayList<>();
		for (ConsentPageReader reader : this.readers) {
			positions.add(reader.position());
		}
		this.checkpoint.update(context, positions);
	}

	@Override
	public void close() {
		for (ConsentPageReader reader : this.readers) {
			reader.close();
		}
	}

}

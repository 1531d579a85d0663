package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.SourceClock;
import io.obmigrate.core.SourceTimes;

/** A range's consents of every type, read merged in ID order, with a checkpoint per type. */
class ConsentRangeReaderTest {

	/** Each consent's type; id-06 is both an accounts and a funds-confirmation consent (OB 2.0 allows it). */
	private static final Map<String, List<ConsentType>> CONSENTS = new java.util.TreeMap<>(Map.ofEntries(
			Map.entry("id-01", List.of(ConsentType.PAYMENTS)), Map.entry("id-02", List.of(ConsentType.ACCOUNTS)),
			Map.entry("id-03", List.of(ConsentType.FUNDS_CONFIRMATIONS)),
			Map.entry("id-04", List.of(ConsentType.ACCOUNTS)), Map.entry("id-05", List.of(ConsentType.PAYMENTS)),
			Map.entry("id-06", List.of(ConsentType.ACCOUNTS, ConsentType.FUNDS_CONFIRMATIONS)),
			Map.entry("id-07", List.of(ConsentType.ACCOUNTS)), Map.entry("id-08", List.of(ConsentType.PAYMENTS)),
			Map.entry("id-09", List.of(ConsentType.ACCOUNTS)),
			Map.entry("id-10", List.of(ConsentType.FUNDS_CONFIRMATIONS)),
			Map.entry("id-11", List.of(ConsentType.PAYMENTS))));

	private DataSource database;

	@BeforeEach
	void sourceAndTarget() {
		this.database = new DriverManagerDataSource(
				"jdbc:h2:mem:rangereader" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		new ResourceDatabasePopulator(new FileSystemResource(Path.of("sql/h2/ob2-source.sql")),
				new FileSystemResource(Path.of("sql/h2/ob3-consent.sql")))
			.execute(this.database);
		JdbcTemplate jdbc = new JdbcTemplate(this.database);
		CONSENTS.forEach((id, types) -> {
			for (ConsentType type : types) {
				if (type == ConsentType.PAYMENTS) {
					jdbc.update("INSERT INTO UK_TRANSACTION_INITIATION (ID, REQUEST, STATUS, CLIENT_ID, IDEMPOTENT_KEY,"
							+ " SPEC_VERSION) VALUES (?, '{}', 'AwaitingAuthorisation', 'tpp', 'k', 'v3.1')", id);
				}
				else {
					jdbc.update("INSERT INTO " + type.initiationTable() + " (ID, REQUEST, STATUS, CLIENT_ID,"
							+ " SPEC_VERSION) VALUES (?, '{}', 'AwaitingAuthorisation', 'tpp', 'v3.1')", id);
				}
			}
		});
	}

	@Test
	void readsEveryTypeOfItsRangeInIdOrder() {
		ConsentRangeReader reader = reader(new MigrationTally(), null, null);
		reader.open(new ExecutionContext());

		List<String> read = readAll(reader);

		List<String> expected = new ArrayList<>();
		CONSENTS.forEach((id, types) -> types.forEach(type -> expected.add(type.targetType() + " " + id)));
		assertThat(read).as("ID order; one ID of two types in the types' order").isEqualTo(expected);
	}

	@Test
	void theRangeBoundsEveryType() {
		ConsentRangeReader reader = reader(new MigrationTally(), "id-03", "id-08");
		ExecutionContext context = new ExecutionContext();
		reader.open(context);

		assertThat(readAll(reader)).containsExactly("accounts id-04", "payments id-05", "accounts id-06",
				"fundsconfirmations id-06", "accounts id-07", "payments id-08");
		assertThat(context.getLong(ConsentPageReader.TOTAL)).as("counted: no estimate in the context").isEqualTo(6);
	}

	@Test
	void aRestartResumesEachTypeAfterTheLastCommittedChunk() {
		MigrationTally tally = new MigrationTally();
		ConsentRangeReader first = reader(tally, null, null);
		ExecutionContext context = new ExecutionContext();
		first.open(context);
		List<String> committed = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			committed.add(describe(first.read()));
		}
		first.update(context); // end of chunk 1: its context is saved, then its transaction commits
		for (int i = 0; i < 3; i++) {
			first.read();
		}
		first.update(context); // end of chunk 2, which the crash keeps from committing

		ConsentRangeReader restarted = reader(new MigrationTally(), null, null);
		restarted.open(context);
		List<String> after = readAll(restarted);

		List<String> all = new ArrayList<>(committed);
		all.addAll(after);
		assertThat(all).as("chunk 2 read again, nothing of chunk 1, nothing skipped")
			.isEqualTo(readAll(open(reader(new MigrationTally(), null, null))));
		assertThat(after).hasSize(CONSENTS.values().stream().mapToInt(List::size).sum() - 4);
		assertThat(context.getString(ConsentRangeReader.SAFE_ID + "accounts")).isEqualTo("id-04");
		assertThat(context.getString(ConsentRangeReader.SAFE_ID + "payments")).isEqualTo("id-01");
		assertThat(context.getString(ConsentRangeReader.SAFE_ID + "fundsconfirmations")).isEqualTo("id-03");
	}

	@Test
	void aRangesFirstStartTakesThePartitionersEstimate() {
		ExecutionContext context = new ExecutionContext();
		context.putLong(ConsentIdRangePartitioner.ROWS, 40);
		reader(new MigrationTally(), null, null).open(context);
		assertThat(context.getLong(ConsentPageReader.TOTAL)).isEqualTo(40);
	}

	private static ConsentRangeReader open(ConsentRangeReader reader) {
		reader.open(new ExecutionContext());
		return reader;
	}

	private ConsentRangeReader reader(MigrationTally tally, String from, String to) {
		SourceClock clock = new SourceClock(new SourceTimes(ZoneOffset.UTC));
		List<ConsentType> types = List.of(ConsentType.values());
		List<ConsentPageReader> readers = new ArrayList<>();
		for (ConsentType type : types) {
			// pages of two: each type's pages end in the middle of the others'
			readers.add(new ConsentPageReader(type, this.database, Dialect.named("H2"), this.database, clock, tally, 2,
					from, to));
		}
		return new ConsentRangeReader(types, readers, tally);
	}

	private static List<String> readAll(ConsentRangeReader reader) {
		List<String> read = new ArrayList<>();
		for (ConsentSource next = reader.read(); next != null; next = reader.read()) {
			read.add(describe(next));
		}
		return read;
	}

	private static String describe(ConsentSource source) {
		return source.initiation().type().targetType() + " " + source.initiation().id();
	}

}

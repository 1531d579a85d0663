package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.obmigrate.core.Dialect;

/**
 * A full run's partitioner records how many consents each range holds as it makes the ranges, so that their readers
 * need not count them again: each range's figure is the count of its bounds, and together they are the table's.
 */
class RangeRowsTest {

	@AfterEach
	void release() {
		StepSynchronizationManager.release();
	}

	@ParameterizedTest
	@CsvSource({ "37, 8", "5, 8", "0, 4", "16, 4", "1, 1" })
	void eachRangeKnowsItsConsents(int consents, int gridSize) {
		StepSynchronizationManager.register(MetaDataInstanceFactory.createStepExecution(new JobParameters()));
		String url = "jdbc:h2:mem:rangerows" + consents + "x" + gridSize + ";DB_CLOSE_DELAY=-1";
		JdbcTemplate source = new JdbcTemplate(new DriverManagerDataSource(url));
		source.execute("CREATE TABLE UK_ACCOUNT_INITIATION (ID VARCHAR(40) PRIMARY KEY)");
		for (int i = 0; i < consents; i++) {
			source.update("INSERT INTO UK_ACCOUNT_INITIATION (ID) VALUES (?)", java.util.UUID.randomUUID().toString());
		}

		Map<String, ExecutionContext> ranges = new ConsentIdRangePartitioner(ConsentType.ACCOUNTS, source,
				() -> Dialect.named("H2"))
			.partition(gridSize);

		long total = 0;
		for (ExecutionContext range : ranges.values()) {
			String from = range.containsKey(ConsentIdRangePartitioner.FROM)
					? range.getString(ConsentIdRangePartitioner.FROM) : null;
			String to = range.containsKey(ConsentIdRangePartitioner.TO) ? range.getString(ConsentIdRangePartitioner.TO)
					: null;
			Long counted = source.queryForObject("SELECT COUNT(*) FROM UK_ACCOUNT_INITIATION"
					+ " WHERE (? IS NULL OR ID > ?) AND (? IS NULL OR ID <= ?)", Long.class, from, from, to, to);
			assertThat(range.getLong(ConsentIdRangePartitioner.ROWS)).as("range %s", range).isEqualTo(counted);
			total += range.getLong(ConsentIdRangePartitioner.ROWS);
		}
		assertThat(total).isEqualTo(consents);
	}

	@ParameterizedTest
	@CsvSource({ "50, 15, 35, 8", "0, 5, 0, 4", "3, 1, 0, 8", "0, 0, 0, 4", "400, 120, 280, 24" })
	void rangesOfEveryTypeCoverEachConsentOnce(int accounts, int funds, int payments, int gridSize) {
		StepSynchronizationManager.register(MetaDataInstanceFactory.createStepExecution(new JobParameters()));
		String url = "jdbc:h2:mem:rangetypes" + accounts + "x" + funds + "x" + payments + "x" + gridSize
				+ ";DB_CLOSE_DELAY=-1";
		JdbcTemplate source = new JdbcTemplate(new DriverManagerDataSource(url));
		Map<ConsentType, Integer> counts = Map.of(ConsentType.ACCOUNTS, accounts, ConsentType.FUNDS_CONFIRMATIONS,
				funds, ConsentType.PAYMENTS, payments);
		counts.forEach((type, n) -> {
			source.execute("CREATE TABLE " + type.initiationTable() + " (ID VARCHAR(40) PRIMARY KEY)");
			for (int i = 0; i < n; i++) {
				source.update("INSERT INTO " + type.initiationTable() + " (ID) VALUES (?)",
						java.util.UUID.randomUUID().toString());
			}
		});

		Map<String, ExecutionContext> ranges = new ConsentIdRangePartitioner(java.util.List.of(ConsentType.values()),
				source, () -> Dialect.named("H2"))
			.partition(gridSize);

		assertThat(ranges).hasSize(gridSize);
		long estimated = 0;
		java.util.List<Long> rowsPerRange = new java.util.ArrayList<>();
		for (ExecutionContext range : ranges.values()) {
			String from = range.containsKey(ConsentIdRangePartitioner.FROM)
					? range.getString(ConsentIdRangePartitioner.FROM) : null;
			String to = range.containsKey(ConsentIdRangePartitioner.TO) ? range.getString(ConsentIdRangePartitioner.TO)
					: null;
			long counted = 0;
			for (ConsentType type : ConsentType.values()) {
				counted += source.queryForObject("SELECT COUNT(*) FROM " + type.initiationTable()
						+ " WHERE (? IS NULL OR ID > ?) AND (? IS NULL OR ID <= ?)", Long.class, from, from, to, to);
			}
			rowsPerRange.add(counted);
			estimated += range.getLong(ConsentIdRangePartitioner.ROWS);
		}
		// the ranges are (from, to] one after the other: each consent of each type in exactly one
		assertThat(rowsPerRange.stream().mapToLong(Long::longValue).sum()).isEqualTo(accounts + funds + payments);
		assertThat(estimated).as("the estimates add up to every type's consents").isEqualTo(accounts + funds + payments);
		if (accounts >= gridSize) {
			// the largest type's boundaries: its consents split evenly, the others by their share
			assertThat(rowsPerRange).allSatisfy(rows -> assertThat(rows).isPositive());
		}
	}

	/**
	 * A split begun ahead of the job (while the run creates its tables and launches its job) gives the ranges the
	 * split at the job's start would; one of another grid size is not taken; one that failed is made again, and
	 * fails there with the partitioner's own error. It also tells how many consents it counted.
	 */
	@org.junit.jupiter.api.Test
	void aSplitBegunAheadGivesTheSameRanges() {
		StepSynchronizationManager.register(MetaDataInstanceFactory.createStepExecution(new JobParameters()));
		JdbcTemplate source = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:rangeahead;DB_CLOSE_DELAY=-1"));
		for (ConsentType type : ConsentType.values()) {
			source.execute("CREATE TABLE " + type.initiationTable() + " (ID VARCHAR(40) PRIMARY KEY)");
			for (int i = 0; i < 30; i++) {
				source.update("INSERT INTO " + type.initiationTable() + " (ID) VALUES (?)",
						java.util.UUID.randomUUID().toString());
			}
		}
		java.util.List<Long> counted = new java.util.concurrent.CopyOnWriteArrayList<>();
		ConsentIdRangePartitioner ranges = new ConsentIdRangePartitioner(java.util.List.of(ConsentType.values()),
				source, () -> Dialect.named("H2"))
			.reportingCount(counted::add);
		Map<String, ExecutionContext> atStart = ranges.partition(6);
		assertThat(counted).containsExactly(90L);

		ranges.prepare(6);
		Map<String, ExecutionContext> ahead = ranges.partition(6);
		assertThat(ahead).isEqualTo(atStart);
		assertThat(counted).containsExactly(90L, 90L);

		ranges.prepare(4); // another grid size: made again at the start
		source.update("INSERT INTO UK_ACCOUNT_INITIATION (ID) VALUES ('ffffffff-written-later')");
		Map<String, ExecutionContext> again = ranges.partition(6);
		assertThat(again).hasSize(6);
		assertThat(again.values().stream().mapToLong(range -> range.getLong(ConsentIdRangePartitioner.ROWS)).sum())
			.as("counted at the start").isEqualTo(91);

		source.execute("DROP TABLE UK_COF_INITIATION");
		ranges.prepare(6);
		// counted on a thread of its own, the missing table fails the split with the database's own error
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> ranges.partition(6))
			.isInstanceOf(org.springframework.dao.DataAccessException.class)
			.hasMessageContaining("UK_COF_INITIATION");
	}

}

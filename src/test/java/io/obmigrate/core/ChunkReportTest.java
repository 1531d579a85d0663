package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The quarantined rows and notices of a chunk are stored once per key: a chunk replayed by a restart replaces what the
 * crashed execution stored; a step with nothing stored before stores without looking for rows to replace.
 */
class ChunkReportTest {

	private JdbcTemplate jdbc;

	private RowReportRepository repository;

	private long executions;

	@BeforeEach
	void tables() {
		DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:chunk-report-" + System.nanoTime()
				+ ";DB_CLOSE_DELAY=-1", "sa", "");
		this.jdbc = new JdbcTemplate(dataSource);
		for (String table : List.of(RowReportRepository.QUARANTINE_TABLE, RowReportRepository.NOTICE_TABLE)) {
			this.jdbc.execute("CREATE TABLE " + table + " (JOB_INSTANCE_ID BIGINT, JOB_EXECUTION_ID BIGINT,"
					+ " STEP_NAME VARCHAR(100), SOURCE_TABLE VARCHAR(100), SOURCE_KEY VARCHAR(255), RULE_ID VARCHAR(100),"
					+ " MESSAGE VARCHAR(8000), RECORDED_AT TIMESTAMP)");
		}
		this.repository = new RowReportRepository(this.jdbc);
	}

	@AfterEach
	void release() {
		StepSynchronizationManager.release();
	}

	@Test
	void aFreshStepStoresEachChunksRows() {
		ChunkReport report = stepOfInstance(7);
		chunk(report, "c-1", "c-2");
		chunk(report, "c-3");
		assertThat(stored()).containsExactlyInAnyOrder("c-1 notice", "c-2 quarantined", "c-3 notice");
	}

	@Test
	void aChunkReplayedAfterACrashReplacesWhatWasStored() {
		ChunkReport crashed = stepOfInstance(7);
		chunk(crashed, "c-1", "c-2");
		release();
		ChunkReport restarted = stepOfInstance(7);
		chunk(restarted, "c-1", "c-2");
		chunk(restarted, "c-3");
		assertThat(stored()).containsExactlyInAnyOrder("c-1 notice", "c-2 quarantined", "c-3 notice");
	}

	@Test
	void anotherJobInstancesRowsAreLeftAlone() {
		chunk(stepOfInstance(7), "c-1");
		release();
		chunk(stepOfInstance(8), "c-1");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM OBMIGRATE_NOTICE", Long.class)).isEqualTo(2);
	}

	@Test
	void aChunksRowsAreStoredAllOrNone() {
		// the notice's key is longer than its column: the chunk's quarantined row, stored first, goes back too
		List<RowReport> rows = List.of(
				RowReport.quarantined("UK_ACCOUNT_INITIATION", "c-2", CoreRule.QUARANTINE_LIMIT, "refused"),
				RowReport.notice("UK_ACCOUNT_INITIATION", "c".repeat(300), CoreRule.QUARANTINE_LIMIT, "noticed"));
		assertThatThrownBy(() -> this.repository.save(7, 70, "consent.accounts:p0", rows, false))
			.isInstanceOf(DataAccessException.class);
		assertThat(stored()).isEmpty();
	}

	private ChunkReport stepOfInstance(long instance) {
		StepSynchronizationManager
			.register(MetaDataInstanceFactory.createStepExecution(
					MetaDataInstanceFactory.createJobExecution("consent", instance, instance * 10 + this.executions++),
					"consent.accounts:p0", 1L));
		return new ChunkReport(this.repository, new MigrationTally(), null);
	}

	/** A chunk of consents: odd-numbered ones raise a notice, even-numbered ones are quarantined. */
	private static void chunk(ChunkReport report, String... keys) {
		for (String key : keys) {
			boolean odd = (key.charAt(key.length() - 1) - '0') % 2 == 1;
			report.add(odd ? RowReport.notice("UK_ACCOUNT_INITIATION", key, CoreRule.QUARANTINE_LIMIT, "noticed")
					: RowReport.quarantined("UK_ACCOUNT_INITIATION", key, CoreRule.QUARANTINE_LIMIT, "refused"));
		}
		report.afterChunk(new Chunk<>());
	}

	private List<String> stored() {
		return this.jdbc.queryForList("SELECT SOURCE_KEY || ' notice' FROM OBMIGRATE_NOTICE UNION ALL"
				+ " SELECT SOURCE_KEY || ' quarantined' FROM OBMIGRATE_QUARANTINE", String.class);
	}

}

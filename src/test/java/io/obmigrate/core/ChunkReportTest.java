package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The quarantined rows and notices of a chunk are stored once per key: a chunk replayed by a restart replaces what the
 * crashed execution stored; a step with nothing stored before stores without looking for rows to replace. A chunk
 * whose transaction is another database's stores its rows with Spring Batch's two step updates in one repository
 * commit, made with the last of them, and nothing when it fails, unless it went over the quarantine limit.
 */
class ChunkReportTest {

	/** Commits made on the repository's connections. */
	private final AtomicInteger repositoryCommits = new AtomicInteger();

	private DataSource repositoryDataSource;

	private JdbcTemplate jdbc;

	private RowReportRepository repository;

	private ChunkCommit commit;

	private StepExecution step;

	private long executions;

	@BeforeEach
	void tables() {
		DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:chunk-report-" + System.nanoTime()
				+ ";DB_CLOSE_DELAY=-1", "sa", "");
		this.repositoryDataSource = new DelegatingDataSource(dataSource) {

			@Override
			public Connection getConnection() throws java.sql.SQLException {
				Connection connection = super.getConnection();
				return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
						new Class<?>[] { Connection.class }, (proxy, method, args) -> {
							if (method.getName().equals("commit")) {
								ChunkReportTest.this.repositoryCommits.incrementAndGet();
							}
							try {
								return method.invoke(connection, args);
							}
							catch (java.lang.reflect.InvocationTargetException ex) {
								throw ex.getCause();
							}
						});
			}

		};
		this.jdbc = new JdbcTemplate(this.repositoryDataSource);
		this.jdbc.execute("CREATE TABLE CHECKPOINT (STEP_NAME VARCHAR(100), LAST_KEY VARCHAR(100))");
		for (String table : List.of(RowReportRepository.QUARANTINE_TABLE, RowReportRepository.NOTICE_TABLE)) {
			this.jdbc.execute("CREATE TABLE " + table + " (JOB_INSTANCE_ID BIGINT, JOB_EXECUTION_ID BIGINT,"
					+ " STEP_NAME VARCHAR(100), SOURCE_TABLE VARCHAR(100), SOURCE_KEY VARCHAR(255), RULE_ID VARCHAR(100),"
					+ " MESSAGE VARCHAR(8000), RECORDED_AT TIMESTAMP)");
		}
		this.repository = new RowReportRepository(this.jdbc);
		this.commit = new ChunkCommit(this.repository, this.repositoryDataSource);
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

	@Test
	void aChunkOnAnotherDatabaseStoresItsRowsCheckpointAndCountsInOneRepositoryCommit() {
		ChunkReport report = stepOfInstance(7);
		JobRepository jobRepository = this.commit.around(batchRepository(false));
		this.repositoryCommits.set(0);
		targetChunk().executeWithoutResult(status -> {
			chunk(report, "c-1", "c-2");
			assertThat(storedSeenElsewhere()).as("rows wait for the step's updates").isZero();
			jobRepository.updateExecutionContext(this.step);
			assertThat(storedSeenElsewhere()).as("the context waits for the counts").isZero();
			jobRepository.update(this.step);
			assertThat(storedSeenElsewhere()).as("committed before the chunk's own transaction").isEqualTo(4);
		});
		assertThat(stored()).containsExactlyInAnyOrder("c-1 notice", "c-2 quarantined");
		assertThat(this.jdbc.queryForList("SELECT LAST_KEY FROM CHECKPOINT ORDER BY LAST_KEY", String.class))
			.containsExactly("context", "counts");
		assertThat(this.repositoryCommits).hasValue(1);
	}

	@Test
	void aChunkWhoseStepUpdateFailsStoresNeitherRowsNorCheckpoint() {
		ChunkReport report = stepOfInstance(7);
		JobRepository jobRepository = this.commit.around(batchRepository(true));
		assertThatThrownBy(() -> targetChunk().executeWithoutResult(status -> {
			chunk(report, "c-1", "c-2");
			jobRepository.updateExecutionContext(this.step);
			jobRepository.update(this.step);
		})).hasMessageContaining("version");
		assertThat(stored()).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM CHECKPOINT", Long.class)).isZero();
	}

	@Test
	void aChunkThatFailsAfterItsRowsForgetsThem() {
		ChunkReport report = stepOfInstance(7);
		JobRepository jobRepository = this.commit.around(batchRepository(false));
		targetChunk().executeWithoutResult(status -> {
			chunk(report, "c-1", "c-2");
			report.onChunkError(new IllegalStateException("the target refused the chunk"), new Chunk<>());
			status.setRollbackOnly();
		});
		// the step's end saves its counts: nothing of the failed chunk goes with them
		jobRepository.update(this.step);
		assertThat(stored()).isEmpty();
		assertThat(this.jdbc.queryForList("SELECT LAST_KEY FROM CHECKPOINT", String.class)).containsExactly("counts");
	}

	@Test
	void aChunkOverTheQuarantineLimitKeepsItsRowsForStatusThoughItRollsBack() {
		stepOfInstance(7);
		ChunkReport report = new ChunkReport(this.repository, this.commit, new MigrationTally(), 0L);
		assertThatThrownBy(() -> targetChunk().executeWithoutResult(status -> chunk(report, "c-1", "c-2")))
			.isInstanceOf(ChunkReport.QuarantineLimitExceeded.class);
		assertThat(stored()).containsExactlyInAnyOrder("c-1 notice", "c-2 quarantined");
	}

	@Test
	void aChunkInTheRepositorysOwnTransactionStoresItsRowsInIt() {
		ChunkReport report = stepOfInstance(7);
		new TransactionTemplate(new DataSourceTransactionManager(this.repositoryDataSource))
			.executeWithoutResult(status -> {
				chunk(report, "c-1", "c-2");
				assertThat(stored()).containsExactlyInAnyOrder("c-1 notice", "c-2 quarantined");
				status.setRollbackOnly();
			});
		assertThat(stored()).isEmpty();
	}

	/** A chunk transaction on a target database that is not the repository's. */
	private static TransactionTemplate targetChunk() {
		return new TransactionTemplate(new DataSourceTransactionManager(new DriverManagerDataSource(
				"jdbc:h2:mem:chunk-target-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "")));
	}

	/**
	 * Spring Batch's repository as far as a chunk's end goes: each update in a repository transaction of its own
	 * making (joining one that is open); {@code conflict}: the count update fails as on a stale version.
	 */
	private JobRepository batchRepository(boolean conflict) {
		TransactionTemplate transaction = new TransactionTemplate(
				new DataSourceTransactionManager(this.repositoryDataSource));
		JobRepository repository = mock(JobRepository.class);
		doAnswer(invocation -> {
			transaction.executeWithoutResult(status -> this.jdbc.update("INSERT INTO CHECKPOINT VALUES (?, ?)",
					"consent.accounts:p0", "context"));
			return null;
		}).when(repository).updateExecutionContext(any(StepExecution.class));
		doAnswer(invocation -> {
			transaction.executeWithoutResult(status -> {
				this.jdbc.update("INSERT INTO CHECKPOINT VALUES (?, ?)", "consent.accounts:p0", "counts");
				if (conflict) {
					throw new IllegalStateException("the step's version changed");
				}
			});
			return null;
		}).when(repository).update(any(StepExecution.class));
		return repository;
	}

	private long storedSeenElsewhere() {
		try (Connection other = ((DelegatingDataSource) this.repositoryDataSource).getTargetDataSource()
			.getConnection(); var statement = other.createStatement();
				var rows = statement.executeQuery("SELECT (SELECT COUNT(*) FROM OBMIGRATE_NOTICE)"
						+ " + (SELECT COUNT(*) FROM OBMIGRATE_QUARANTINE) + (SELECT COUNT(*) FROM CHECKPOINT)")) {
			rows.next();
			return rows.getLong(1);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ChunkReport stepOfInstance(long instance) {
		this.step = MetaDataInstanceFactory.createStepExecution(
				MetaDataInstanceFactory.createJobExecution("consent", instance, instance * 10 + this.executions++),
				"consent.accounts:p0", 1L);
		StepSynchronizationManager.register(this.step);
		return new ChunkReport(this.repository, this.commit, new MigrationTally(), null);
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

package io.obmigrate.core;

import java.util.List;

import javax.sql.DataSource;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One job repository commit per chunk where the chunk's transaction is another database's (the consent and reporting
 * jobs write to their target in it). Spring Batch ends a chunk by saving the step's context, with the readers'
 * checkpoints, and then the step's counts, each in a repository transaction of its own; the chunk's quarantined rows
 * and notices were a third. Each commit writes its changed pages to the repository's file: the three commits took
 * about 4% of a 1 M-consent run's CPU. Here {@link ChunkReport} hands the chunk's rows over at the chunk's end, the
 * context update waits for the count update, and the three are written in one repository transaction when the counts
 * are saved: the last thing a chunk does before its own transaction commits, so the repository still commits first, as
 * the checkpoints expect ({@link TwoPointCheckpoint}), and rows, checkpoint and counts are now stored all or none.
 * <p>
 * Steps whose chunk transaction is the repository's own (dcr, verify) store their rows in it as before. State is per
 * thread: a chunk runs on one thread from its first read to its commit.
 */
public final class ChunkCommit implements MethodInterceptor {

	private final RowReportRepository rows;

	private final Transactions transactions;

	private final TransactionTemplate transaction;

	private final ThreadLocal<Pending> pending = new ThreadLocal<>();

	public ChunkCommit(RowReportRepository rows, DataSource repository) {
		this.rows = rows;
		this.transactions = new Transactions(repository);
		this.transaction = new TransactionTemplate(this.transactions);
	}

	/** The job repository, its step updates at the end of a chunk made as described above. */
	public JobRepository around(JobRepository repository) {
		ProxyFactory proxy = new ProxyFactory();
		proxy.setTarget(repository);
		proxy.addInterface(JobRepository.class);
		proxy.addAdvice(this);
		return (JobRepository) proxy.getProxy(JobRepository.class.getClassLoader());
	}

	/**
	 * At the end of a chunk: when its transaction is another database's, keeps the rows to store with the step's
	 * updates that follow and answers {@code true}; otherwise answers {@code false} (store them now, in the chunk's
	 * repository transaction).
	 */
	boolean defer(StepExecution step, long jobInstanceId, List<RowReport> chunkRows, boolean replace) {
		this.pending.remove();
		if (!TransactionSynchronizationManager.isActualTransactionActive() || this.transactions.active()) {
			return false;
		}
		this.pending.set(new Pending(step, jobInstanceId, chunkRows, replace));
		return true;
	}

	/** The chunk failed: what it handed over is dropped with it. */
	void forget() {
		this.pending.remove();
	}

	/** The chunk is about to fail yet its rows must stay visible (the quarantine limit): stores them now. */
	void storeNow() {
		Pending chunk = this.pending.get();
		this.pending.remove();
		if (chunk != null) {
			chunk.store(this.rows);
		}
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Pending chunk = this.pending.get();
		Object[] arguments = invocation.getArguments();
		if (chunk == null || arguments.length != 1 || arguments[0] != chunk.step) {
			return invocation.proceed();
		}
		switch (invocation.getMethod().getName()) {
			case "updateExecutionContext" -> {
				chunk.context = true;
				return null;
			}
			case "update" -> {
				this.pending.remove();
				JobRepository repository = (JobRepository) invocation.getThis();
				return this.transaction.execute(status -> {
					chunk.store(this.rows);
					if (chunk.context) {
						repository.updateExecutionContext(chunk.step);
					}
					try {
						return invocation.proceed();
					}
					catch (RuntimeException | Error ex) {
						throw ex;
					}
					catch (Throwable ex) {
						throw new IllegalStateException(ex);
					}
				});
			}
			default -> {
				return invocation.proceed();
			}
		}
	}

	/** A chunk's rows and whether its step's context waits to be saved. */
	private static final class Pending {

		private final StepExecution step;

		private final long jobInstanceId;

		private final List<RowReport> rows;

		private final boolean replace;

		private boolean context;

		private Pending(StepExecution step, long jobInstanceId, List<RowReport> rows, boolean replace) {
			this.step = step;
			this.jobInstanceId = jobInstanceId;
			this.rows = rows;
			this.replace = replace;
		}

		private void store(RowReportRepository repository) {
			repository.save(this.jobInstanceId, this.step.getJobExecution().getId(), this.step.getStepName(), this.rows,
					this.replace);
		}

	}

	/** The repository's transactions, asked whether the thread is in one (the chunk's, for dcr and verify). */
	private static final class Transactions extends DataSourceTransactionManager {

		private Transactions(DataSource dataSource) {
			super(dataSource);
		}

		boolean active() {
			return isExistingTransaction(doGetTransaction());
		}

	}

}

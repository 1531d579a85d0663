package io.obmigrate.core;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The jobs the job operator restarts and stops, found by name among the capabilities ({@link MigrationJob}) when it
 * asks for one. Spring Batch's own registry is filled with every job of the context when it is made, and every
 * command that runs a job makes it: each run built the steps, readers and writers of every other job too. Only the
 * capability asked for is built ({@link MigrationJob#find}), unless the names are asked for.
 */
final class MigrationJobRegistry implements JobRegistry {

	private final ListableBeanFactory beans;

	/** Jobs registered by hand (none of obmigrate's own; kept as the registry contract asks). */
	private final Map<String, Job> registered = new ConcurrentHashMap<>();

	MigrationJobRegistry(ListableBeanFactory beans) {
		this.beans = beans;
	}

	/** The job of that name, built if it was not yet; null when there is none. */
	@Override
	public Job getJob(String name) {
		Job job = this.registered.get(name);
		if (job != null) {
			return job;
		}
		MigrationJob capability = MigrationJob.find(this.beans, name);
		return capability == null ? null : capability.job();
	}

	@Override
	public Set<String> getJobNames() {
		Set<String> names = new TreeSet<>(this.registered.keySet());
		this.beans.getBeanProvider(MigrationJob.class)
			.orderedStream()
			.forEach(capability -> names.add(capability.name()));
		return names;
	}

	@Override
	public void register(Job job) throws DuplicateJobException {
		Job known = getJob(job.getName());
		if (known != null && known != job) {
			throw new DuplicateJobException("A job named '" + job.getName() + "' is already registered.");
		}
		this.registered.putIfAbsent(job.getName(), job);
	}

	@Override
	public void unregister(String name) {
		this.registered.remove(name);
	}

}

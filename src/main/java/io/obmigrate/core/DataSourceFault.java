package io.obmigrate.core;

import org.springframework.core.NestedExceptionUtils;

/**
 * A chunk failed because of one of obmigrate's databases (a lost connection, a deadlock, a full disk), not because of
 * a row: names the data source and its URL (credentials masked), so the summary says which database to look at.
 * {@code run} and {@code restart} resume a run that failed on a transient fault by themselves, a few times, before
 * they give up ({@code obmigrate.retry.*}).
 */
public class DataSourceFault extends RuntimeException {

	private final boolean transientFault;

	private DataSourceFault(String message, RuntimeException cause, boolean transientFault) {
		super(message, cause);
		this.transientFault = transientFault;
	}

	/** {@code failure} of a statement on data source {@code name}, named; a row fault is returned unchanged. */
	public static RuntimeException of(ObmigrateDataSources dataSources, ObmigrateDataSources.Name name,
			RuntimeException failure) {
		if (failure instanceof DataSourceFault || RowFaults.isRowFault(failure)) {
			return failure;
		}
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
		boolean transientFault = RowFaults.isTransient(failure);
		return new DataSourceFault("The " + name.property() + " database (" + dataSources.settings(name) + ") failed: "
				+ reason + (transientFault ? " (a transient fault: connection, deadlock or lock wait)" : ""), failure,
				transientFault);
	}

	public boolean isTransient() {
		return this.transientFault;
	}

	/** The data-source fault in {@code failure}'s causes, or null. */
	public static DataSourceFault in(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof DataSourceFault fault) {
				return fault;
			}
		}
		return null;
	}

}

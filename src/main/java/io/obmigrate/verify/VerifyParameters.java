package io.obmigrate.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParameters;

/** The job parameters of a verify run, as {@code run verify} records them and restart reads them back. */
final class VerifyParameters {

	/** The jobs verified, comma-separated. */
	static final String JOBS = "verify.jobs";

	/** The job instance of the verify run whose failures are re-checked (only those keys). */
	static final String FAILED_ONLY = "verify.failed-only";

	/** The jobs not verified and why: {@code job=reason;job=reason}. */
	static final String NOT_RUN = "verify.not-run";

	private VerifyParameters() {
	}

	static List<String> jobs(JobParameters parameters) {
		String jobs = parameters.getString(JOBS);
		return jobs == null || jobs.isBlank() ? List.of() : Arrays.asList(jobs.split(","));
	}

	static Long failedOnly(JobParameters parameters) {
		String instance = parameters.getString(FAILED_ONLY);
		return instance == null ? null : Long.valueOf(instance);
	}

	static List<String[]> notRun(JobParameters parameters) {
		String text = parameters.getString(NOT_RUN);
		List<String[]> reasons = new ArrayList<>();
		if (text != null && !text.isBlank()) {
			for (String entry : text.split(";")) {
				int equals = entry.indexOf('=');
				reasons.add(new String[] { entry.substring(0, equals), entry.substring(equals + 1) });
			}
		}
		return reasons;
	}

}

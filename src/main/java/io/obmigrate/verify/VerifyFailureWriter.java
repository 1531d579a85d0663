package io.obmigrate.verify;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import io.obmigrate.core.Verification;
import io.obmigrate.core.VerifyFailureRepository;

/** Records each page's failures in the chunk's job repository transaction, replacing a replayed page's. */
class VerifyFailureWriter implements ItemWriter<Verification.Page> {

	private final VerifyFailureRepository failures;

	private final long jobInstanceId;

	private final long jobExecutionId;

	private final String stepName;

	VerifyFailureWriter(VerifyFailureRepository failures, long jobInstanceId, long jobExecutionId, String stepName) {
		this.failures = failures;
		this.jobInstanceId = jobInstanceId;
		this.jobExecutionId = jobExecutionId;
		this.stepName = stepName;
	}

	@Override
	public void write(Chunk<? extends Verification.Page> chunk) {
		for (Verification.Page page : chunk) {
			this.failures.replace(this.jobInstanceId, this.jobExecutionId, this.stepName, page.keys(), page.failures());
		}
	}

}

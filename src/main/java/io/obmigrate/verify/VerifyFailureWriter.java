package io.obmigrate.verify;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import io.obmigrate.core.Verification;
import io.obmigrate.core.VerifyFailureRepository;

/**
 * Records each page's failures in the chunk's job repository transaction, with the page's checkpoint: a page is
 * recorded once. The first page after the step opens replaces what the step may hold for its keys, in case a page is
 * ever read again.
 */
class VerifyFailureWriter implements ItemWriter<Verification.Page> {

	private final VerifyFailureRepository failures;

	private final long jobInstanceId;

	private final long jobExecutionId;

	private final String stepName;

	private boolean first = true;

	VerifyFailureWriter(VerifyFailureRepository failures, long jobInstanceId, long jobExecutionId, String stepName) {
		this.failures = failures;
		this.jobInstanceId = jobInstanceId;
		this.jobExecutionId = jobExecutionId;
		this.stepName = stepName;
	}

	@Override
	public void write(Chunk<? extends Verification.Page> chunk) {
		for (Verification.Page page : chunk) {
			if (this.first) {
				this.failures.replace(this.jobInstanceId, this.jobExecutionId, this.stepName, page.keys(),
						page.failures());
				this.first = false;
			}
			else {
				this.failures.add(this.jobInstanceId, this.jobExecutionId, this.stepName, page.failures());
			}
		}
	}

}

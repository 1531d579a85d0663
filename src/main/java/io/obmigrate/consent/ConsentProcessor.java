package io.obmigrate.consent;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.obmigrate.core.ChunkReport;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.RowReport;

/**
 * Applies {@link ConsentMapping} to each consent and accounts for it: migrated consents go on to the writer,
 * quarantined ones to the chunk report, filtered ones are counted. Every read consent ends in exactly one count.
 */
public class ConsentProcessor implements ItemProcessor<ConsentSource, MigratedConsent> {

	private final ConsentMapping mapping;

	private final MigrationTally tally;

	private final ChunkReport report;

	public ConsentProcessor(ConsentMapping mapping, MigrationTally tally, ChunkReport report) {
		this.mapping = mapping;
		this.tally = tally;
		this.report = report;
	}

	@Override
	public MigratedConsent process(ConsentSource source) {
		this.tally.add(MigrationTally.READ, 1);
		ConsentOutcome outcome = this.mapping.map(source);
		if (outcome instanceof MigratedConsent migrated) {
			for (RowReport notice : migrated.notices()) {
				this.report.add(notice);
			}
			return migrated;
		}
		if (outcome instanceof ConsentOutcome.Quarantined quarantined) {
			this.report.add(quarantined.report());
			return null;
		}
		this.tally.add(MigrationTally.FILTERED, 1);
		return null;
	}

}

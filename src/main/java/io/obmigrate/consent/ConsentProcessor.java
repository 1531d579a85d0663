package io.obmigrate.consent;

import java.util.function.Consumer;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.obmigrate.core.ChunkReport;
import io.obmigrate.core.CoreRule;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.RowReport;

/**
 * Applies {@link ConsentMapping} to each consent and accounts for it: migrated consents go on to the writer,
 * quarantined ones (and any consent whose mapping fails) to the chunk report, filtered ones are counted. Every read consent ends in exactly one count.
 */
public class ConsentProcessor implements ItemProcessor<ConsentSource, MigratedConsent> {

	private final ConsentMapping mapping;

	private final MigrationTally tally;

	private final ChunkReport report;

	/** Told of each migrated consent as soon as it is made (the writer stages its rows). */
	private final Consumer<MigratedConsent> made;

	public ConsentProcessor(ConsentMapping mapping, MigrationTally tally, ChunkReport report) {
		this(mapping, tally, report, migrated -> {
		});
	}

	public ConsentProcessor(ConsentMapping mapping, MigrationTally tally, ChunkReport report,
			Consumer<MigratedConsent> made) {
		this.mapping = mapping;
		this.tally = tally;
		this.report = report;
		this.made = made;
	}

	@Override
	public MigratedConsent process(ConsentSource source) {
		this.tally.add(MigrationTally.READ, 1);
		ConsentOutcome outcome;
		try {
			outcome = this.mapping.map(source);
		}
		catch (RuntimeException | StackOverflowError ex) {
			// a fault of this one consent: it is quarantined and the run goes on
			this.report.add(RowReport.quarantined(source.initiation().type().initiationTable(),
					source.initiation().id(), CoreRule.ROW_MAPPING_FAILED, "Mapping this consent failed: "
							+ ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
							+ ". Correct the source row, then restart."));
			return null;
		}
		if (outcome instanceof MigratedConsent migrated) {
			// its notices are reported by the writer once the consent is written
			this.made.accept(migrated);
			return migrated;
		}
		if (outcome instanceof ConsentOutcome.Quarantined quarantined) {
			this.report.add(quarantined.report());
			return null;
		}
		// already in OB_CONSENT, written by obmigrate (an earlier run, or before a restart)
		this.tally.add(MigrationTally.PRESENT, 1);
		return null;
	}

}

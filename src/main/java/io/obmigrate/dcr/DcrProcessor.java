package io.obmigrate.dcr;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.obmigrate.core.ChunkReport;
import io.obmigrate.core.CoreRule;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.RowReport;

/**
 * Applies {@link ServiceProviderMigration} to each registration and accounts for it: planned changes go on to the
 * writer, quarantined registrations to the chunk report; registrations filtered by status or with nothing left to
 * change are counted as filtered, each under its rule.
 */
public class DcrProcessor implements ItemProcessor<DcrSource, ServiceProviderChange> {

	private final ServiceProviderMigration migration;

	private final MigrationTally tally;

	private final ChunkReport report;

	public DcrProcessor(ServiceProviderMigration migration, MigrationTally tally, ChunkReport report) {
		this.migration = migration;
		this.tally = tally;
		this.report = report;
	}

	@Override
	public ServiceProviderChange process(DcrSource source) {
		this.tally.add(MigrationTally.READ, 1);
		DcrOutcome outcome;
		try {
			outcome = this.migration.map(source);
		}
		catch (RuntimeException | StackOverflowError ex) {
			// a fault of this one registration: it is quarantined and the run goes on
			this.report.add(RowReport.quarantined(ServiceProviderMigration.TABLE, source.registration().id(),
					CoreRule.ROW_MAPPING_FAILED, "Mapping this registration failed: " + ex.getClass().getSimpleName()
							+ (ex.getMessage() == null ? "" : ": " + ex.getMessage())
							+ ". Correct the source row, then restart."));
			return null;
		}
		for (RowReport notice : outcome.notices()) {
			this.report.add(notice);
		}
		if (outcome instanceof DcrOutcome.Planned planned) {
			return planned.change();
		}
		if (outcome instanceof DcrOutcome.Quarantined quarantined) {
			this.report.add(quarantined.report());
			return null;
		}
		this.tally.add(MigrationTally.FILTERED, 1);
		if (outcome instanceof DcrOutcome.Filtered filtered) {
			this.report.add(RowReport.notice(ServiceProviderMigration.TABLE, source.registration().id(),
					filtered.rule(), filtered.reason()));
		}
		else {
			this.tally.notice(DcrRule.NOTHING_TO_CHANGE);
		}
		return null;
	}

}

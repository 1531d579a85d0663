package io.obmigrate.dcr;

import java.util.List;

import io.obmigrate.core.RowReport;

/** What the DCR mapping decides for one registration; every registration read ends in exactly one of these. */
public sealed interface DcrOutcome {

	List<RowReport> notices();

	/** The service provider needs the given change. */
	record Planned(ServiceProviderChange change, List<RowReport> notices) implements DcrOutcome {
	}

	/** The service provider already has everything (a re-run, or nothing to do): counted as filtered. */
	record Unchanged(List<RowReport> notices) implements DcrOutcome {
	}

	/** Not migrated by configuration (its status): counted as filtered, with the reason. */
	record Filtered(DcrRule rule, String reason) implements DcrOutcome {

		@Override
		public List<RowReport> notices() {
			return List.of();
		}

	}

	/** Cannot be applied; the run continues. */
	record Quarantined(DcrRule rule, RowReport report) implements DcrOutcome {

		@Override
		public List<RowReport> notices() {
			return List.of();
		}

	}

}

package io.obmigrate.reporting;

/** One source row as the reporting reader hands it on: the mapping input, and whether the target already has it. */
public record ReportingItem(ReportingRowMapping.Source source, boolean alreadyWritten) {
}

package io.obmigrate.core;

/**
 * A capability's synthetic OB 2.0 data for {@code obmigrate generate} and the demo: the source tables created if
 * absent and filled with realistic rows, a share of them with the defects the job must quarantine or report. For
 * rehearsals and benchmarks, never production.
 */
public interface SampleData {

	/** The job the data is for ({@code consent}, {@code dcr}, {@code reporting}). */
	String job();

	/**
	 * Writes {@code count} sample items (consents, registrations, API requests).
	 *
	 * @param defectRate the share of items with a planted defect, 0 to 1
	 * @return what was written, for the terminal
	 */
	String generate(int count, long seed, double defectRate);

	/** How a capability writes its sample items: returns what was written. */
	@FunctionalInterface
	interface Generator {

		String generate(int count, long seed, double defectRate);

	}

	/** The sample data of {@code job}, written by {@code generator}. */
	static SampleData of(String job, Generator generator) {
		return new SampleData() {
			@Override
			public String job() {
				return job;
			}

			@Override
			public String generate(int count, long seed, double defectRate) {
				return generator.generate(count, seed, defectRate);
			}
		};
	}

}

package io.obmigrate.dcr;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The switches and live limits the DCR mapping works with.
 *
 * @param statuses upper-cased statuses to migrate; empty: all
 * @param valueLimit the live size of {@code SP_METADATA.VALUE}
 * @param valueLimitInBytes whether that size counts bytes (Oracle {@code VARCHAR2}, SQL Server {@code VARCHAR}) rather
 * than characters
 * @param nameLimit the live size of {@code SP_METADATA.NAME} and {@code SP_APP.APP_NAME}
 * @param adaptiveScript the replacement script, or null when replacement is off (SPs without a DCR row are never
 * touched)
 */
public record DcrRules(Set<String> statuses, boolean renameServiceProviders, boolean fixGrantTypes, int valueLimit,
		boolean valueLimitInBytes, int nameLimit, String adaptiveScript) {

	/** The rules of the settings, against the live Identity Server limits. */
	public static DcrRules of(DcrProperties dcr, IdentitySchema.Limits limits, String adaptiveScript) {
		return new DcrRules(statusSet(dcr.getStatuses()), dcr.isRenameServiceProviders(), dcr.isFixGrantTypes(),
				limits.valueSize(), limits.valueInBytes(), limits.nameSize(), adaptiveScript);
	}

	/** The same rules without a value limit: every value is mapped, so its size can be measured. */
	public DcrRules unlimitedValues() {
		return new DcrRules(this.statuses, this.renameServiceProviders, this.fixGrantTypes, Integer.MAX_VALUE,
				this.valueLimitInBytes, this.nameLimit, this.adaptiveScript);
	}

	public static Set<String> statusSet(List<String> statuses) {
		return statuses.stream()
			.map(s -> s.strip().toUpperCase(Locale.ROOT))
			.filter(s -> !s.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
	}

	public boolean migrates(String status) {
		return migrates(this.statuses, status);
	}

	/** Whether a registration of {@code status} is migrated under {@code statuses} (upper-cased; empty: all). */
	public static boolean migrates(Set<String> statuses, String status) {
		return statuses.isEmpty() || (status != null && statuses.contains(status.strip().toUpperCase(Locale.ROOT)));
	}

	/** The size of a value as the live column counts it. */
	public int size(String value) {
		return this.valueLimitInBytes ? value.getBytes(StandardCharsets.UTF_8).length
				: value.codePointCount(0, value.length());
	}

}

package io.obmigrate.dcr;

import java.util.ArrayList;
import java.util.List;

/**
 * What the DCR job changes on one service provider for one registration (WSO2's SP migration, with obmigrate's safer rules where WSO2 loses data).
 * Computed from the registration and the service provider's current state only, so applying it twice is impossible:
 * a second computation on the changed state is empty.
 *
 * @param renames suffixed properties that lose their exact {@code _production} / {@code _sandbox} suffix
 * @param additions request attributes that are not yet properties
 * @param spName the SP's new name, or null
 * @param oauthAppName the OAuth app's new name, or null
 * @param grantTypes the OAuth app's new grant types, or null
 * @param script the adaptive script's new content, or null
 */
public record ServiceProviderChange(String registrationId, ServiceProvider serviceProvider,
		List<PropertyRename> renames, List<PropertyAddition> additions, Replacement spName,
		Replacement oauthAppName, Replacement grantTypes, Replacement script) {

	public record PropertyRename(ServiceProvider.Property property, String newName, String newDisplayName) {
	}

	public record PropertyAddition(String name, String value) {
	}

	public record Replacement(String before, String after) {
	}

	public boolean isEmpty() {
		return this.renames.isEmpty() && this.additions.isEmpty() && this.spName == null && this.oauthAppName == null
				&& this.grantTypes == null && this.script == null;
	}

	/** The change as a diff a DBA reads: one line per property or column. Long values are abbreviated. */
	public List<String> diff() {
		List<String> lines = new ArrayList<>();
		for (PropertyRename rename : this.renames) {
			lines.add("~ property " + rename.property().name() + " -> " + rename.newName());
		}
		for (PropertyAddition addition : this.additions) {
			lines.add("+ property " + addition.name() + " = " + abbreviate(addition.value()));
		}
		if (this.spName != null) {
			lines.add("~ SP_APP.APP_NAME " + this.spName.before() + " -> " + this.spName.after());
		}
		if (this.oauthAppName != null) {
			lines.add("~ IDN_OAUTH_CONSUMER_APPS.APP_NAME " + this.oauthAppName.before() + " -> "
					+ this.oauthAppName.after());
		}
		if (this.grantTypes != null) {
			lines.add("~ IDN_OAUTH_CONSUMER_APPS.GRANT_TYPES '" + this.grantTypes.before() + "' -> '"
					+ this.grantTypes.after() + "'");
		}
		if (this.script != null) {
			lines.add("~ SP_AUTH_SCRIPT.CONTENT replaced (" + length(this.script.before()) + " -> "
					+ length(this.script.after()) + " characters)");
		}
		return lines;
	}

	private static int length(String text) {
		return text == null ? 0 : text.length();
	}

	static String abbreviate(String value) {
		return value.length() <= 80 ? value : value.substring(0, 60) + "... (" + value.length() + " characters)";
	}

}

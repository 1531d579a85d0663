package io.obmigrate.dcr;

import java.util.List;

/**
 * A service provider of the Identity Server as the DCR job reads it: its {@code SP_APP} row, its
 * {@code SP_METADATA} properties, its OAuth consumer app and, when script replacement is on, its adaptive script.
 *
 * @param oauthApp the {@code IDN_OAUTH_CONSUMER_APPS} row of the client ID, or null when there is none
 * @param script the {@code SP_AUTH_SCRIPT} row, or null when there is none (or replacement is off)
 */
public record ServiceProvider(long id, int tenantId, String name, List<Property> properties, OAuthApp oauthApp,
		AuthScript script) {

	/** One {@code SP_METADATA} row. */
	public record Property(long id, String name, String value, String displayName) {
	}

	/** The {@code IDN_OAUTH_CONSUMER_APPS} row of the registration's client ID. */
	public record OAuthApp(long id, String consumerKey, String appName, String grantTypes) {
	}

	/** The {@code SP_AUTH_SCRIPT} row (adaptive authentication). */
	public record AuthScript(long id, String content, boolean enabled) {
	}

}

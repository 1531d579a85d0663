package io.obmigrate.core;

import java.util.regex.Pattern;

/** Removes secrets from anything obmigrate prints, logs or stores in the job repository. */
public final class SecretMasking {

	private static final Pattern URL_SECRET = Pattern
		.compile("(?i)((?:password|pwd|secret|token|key)\\s*=\\s*)[^;&:,)]*");

	private static final Pattern URL_USERINFO = Pattern.compile("(//[^/:@]+:)[^@/]*@");

	private static final Pattern ORACLE_THIN_CREDENTIALS = Pattern.compile("(?i)(jdbc:oracle:thin:[^/@]*/)[^@]*@");

	private SecretMasking() {
	}

	public static String maskUrl(String url) {
		if (url == null) {
			return "(not configured)";
		}
		String masked = URL_SECRET.matcher(url).replaceAll("$1****");
		masked = URL_USERINFO.matcher(masked).replaceAll("$1****@");
		return ORACLE_THIN_CREDENTIALS.matcher(masked).replaceAll("$1****@");
	}

	public static boolean isSecretName(String name) {
		String lower = name.toLowerCase(java.util.Locale.ROOT);
		return lower.contains("password") || lower.contains("secret") || lower.contains("token")
				|| lower.contains("credential");
	}

	/** A job parameter or property value as it may be shown: secrets become {@code ****}. */
	public static String maskValue(String name, Object value) {
		if (value == null) {
			return null;
		}
		return isSecretName(name) ? "****" : maskUrl(String.valueOf(value));
	}

}

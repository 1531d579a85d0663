package io.obmigrate.core;

/** The version obmigrate prints in {@code --version} and in every report. */
public final class ObmigrateVersion {

	public static final String VERSION = "0.1.0";

	private ObmigrateVersion() {
	}

}

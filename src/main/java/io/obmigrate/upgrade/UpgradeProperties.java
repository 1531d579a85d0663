package io.obmigrate.upgrade;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.obmigrate.core.ConfigurationProblem;

/**
 * Settings of the upgrade plan runner ({@code obmigrate.upgrade.*}): where step output is kept and the defaults of the
 * time limits a step does not set itself.
 */
@ConfigurationProperties("obmigrate.upgrade")
public class UpgradeProperties {

	/** Folder for the output of every server and command a step runs; default: upgrade/ under obmigrate.home. */
	private String workDir;

	/** Default timeout of a server-run step (every success phrase must appear within it). */
	private Duration serverTimeout = Duration.ofHours(2);

	/** Default idle timeout of a server-run step: the step fails after this long without a new log or output line. */
	private Duration idleTimeout = Duration.ofMinutes(30);

	/** How long a stopped server or command may take to end before SIGKILL. */
	private Duration stopGrace = Duration.ofMinutes(2);

	/** Default timeout of a command step. */
	private Duration commandTimeout = Duration.ofHours(1);

	public String getWorkDir() {
		return this.workDir;
	}

	public void setWorkDir(String workDir) {
		this.workDir = workDir;
	}

	public Duration getServerTimeout() {
		return this.serverTimeout;
	}

	public void setServerTimeout(Duration serverTimeout) {
		this.serverTimeout = positive("server-timeout", serverTimeout);
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = positive("idle-timeout", idleTimeout);
	}

	public Duration getStopGrace() {
		return this.stopGrace;
	}

	public void setStopGrace(Duration stopGrace) {
		this.stopGrace = positive("stop-grace", stopGrace);
	}

	public Duration getCommandTimeout() {
		return this.commandTimeout;
	}

	public void setCommandTimeout(Duration commandTimeout) {
		this.commandTimeout = positive("command-timeout", commandTimeout);
	}

	private static Duration positive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new ConfigurationProblem("obmigrate.upgrade." + name + " must be a positive duration (got " + value
					+ "), e.g. 30m or 2h.");
		}
		return value;
	}

}

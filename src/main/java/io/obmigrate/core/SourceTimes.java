package io.obmigrate.core;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Turns OB 2.0 wall-clock times into epoch seconds: {@code DATETIME}-like columns are read as local
 * date-times and placed in the configured source zone (never the JVM default); a DST overlap takes the earlier
 * offset and a gap shifts forward. Columns the database stores UTC-normalised (MySQL {@code TIMESTAMP}) are read
 * with the session in UTC and placed in UTC.
 */
public final class SourceTimes {

	private final ZoneId sourceZone;

	/** The zone's one offset when it never changes (UTC, the default, or a fixed offset); else {@code null}. */
	private final ZoneOffset fixedOffset;

	public SourceTimes(ZoneId sourceZone) {
		this.sourceZone = sourceZone;
		this.fixedOffset = sourceZone.getRules().isFixedOffset() ? sourceZone.getRules().getOffset(Instant.EPOCH)
				: null;
	}

	public ZoneId zone() {
		return this.sourceZone;
	}

	/** Epoch seconds of a wall-clock value in the source zone; 0 when the value is absent. */
	public long wallClock(LocalDateTime value) {
		if (value == null) {
			return 0L;
		}
		// a zone with one offset places every value alike: no zoned date-time to make per value
		return this.fixedOffset != null ? value.toEpochSecond(this.fixedOffset)
				: value.atZone(this.sourceZone).toEpochSecond();
	}

	/** Epoch seconds of a value read from a UTC-normalised column with the session in UTC. */
	public static long utc(LocalDateTime value) {
		return value == null ? 0L : value.toEpochSecond(ZoneOffset.UTC);
	}

}

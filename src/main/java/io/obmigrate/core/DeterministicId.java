package io.obmigrate.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based (version 5, SHA-1) UUIDs in obmigrate's own namespace: the same name always gives the same ID, so a
 * restart or a re-run writes the same rows.
 */
public final class DeterministicId {

	/** obmigrate's namespace: itself the v5 UUID of "obmigrate" in the RFC 4122 URL namespace. */
	private static final UUID NAMESPACE = UUID.fromString("5f0c7a52-4c2e-5b1e-9a36-3b8f0d6c2e11");

	private static final byte[] NAMESPACE_BYTES = ByteBuffer.allocate(16)
		.putLong(NAMESPACE.getMostSignificantBits())
		.putLong(NAMESPACE.getLeastSignificantBits())
		.array();

	private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required by the Java platform", ex);
		}
	});

	private DeterministicId() {
	}

	/** The separator of the name's parts (unit separator, U+001F). */
	private static final char SEPARATOR = '\u001f';

	/** The ID of the name made of {@code parts} joined by a separator no part can contain unescaped. */
	public static String of(String... parts) {
		MessageDigest digest = SHA1.get(); // digest() leaves it reset for the next name
		digest.update(NAMESPACE_BYTES);
		byte[] hash = digest.digest(name(parts).getBytes(StandardCharsets.UTF_8));
		hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
		hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
		ByteBuffer buffer = ByteBuffer.wrap(hash, 0, 16);
		return new UUID(buffer.getLong(), buffer.getLong()).toString();
	}

	/**
	 * The name-based version 3 (MD5) UUID of the same name in the same namespace. For IDs that a database must be able
	 * to compute too: MD5 is built into MySQL, PostgreSQL, H2, SQL Server and Oracle, SHA-1 is not into PostgreSQL.
	 */
	public static String md5Based(String... parts) {
		byte[] name = name(parts).getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[NAMESPACE_BYTES.length + name.length];
		System.arraycopy(NAMESPACE_BYTES, 0, all, 0, NAMESPACE_BYTES.length);
		System.arraycopy(name, 0, all, NAMESPACE_BYTES.length, name.length);
		return UUID.nameUUIDFromBytes(all).toString();
	}

	/** The namespace as 32 lower-case hex digits, for SQL that computes {@link #md5Based}. */
	public static String namespaceHex() {
		return NAMESPACE.toString().replace("-", "");
	}

	private static String name(String... parts) {
		StringBuilder name = new StringBuilder(64);
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				name.append(SEPARATOR);
			}
			name.append(parts[i] == null ? "\u0000" : parts[i]);
		}
		return name.toString();
	}

}

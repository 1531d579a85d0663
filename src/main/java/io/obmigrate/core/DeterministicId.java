package io.obmigrate.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.UUID;

/**
 * Name-based (version 5, SHA-1) UUIDs in obmigrate's own namespace, and the same placed next to their first part
 * ({@link #near}, version 8): the same name always gives the same ID, so a restart or a re-run writes the same rows.
 */
public final class DeterministicId {

	/** obmigrate's namespace: itself the v5 UUID of "obmigrate" in the RFC 4122 URL namespace. */
	private static final UUID NAMESPACE = UUID.fromString("5f0c7a52-4c2e-5b1e-9a36-3b8f0d6c2e11");

	private static final byte[] NAMESPACE_BYTES = ByteBuffer.allocate(16)
		.putLong(NAMESPACE.getMostSignificantBits())
		.putLong(NAMESPACE.getLeastSignificantBits())
		.array();

	private static final ThreadLocal<Name> NAME = ThreadLocal.withInitial(Name::new);

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
		return uuid(hash(parts), 5);
	}

	/**
	 * The ID of the same name as {@link #of}, but placed next to its first part: its first 8 hex digits are those of
	 * {@code parts[0]} (the digits themselves when it starts with 8 hex digits, as a UUID does; else its first 4 bytes
	 * in hex), the rest is the name's SHA-1 as in {@link #of}, marked as a version 8 (custom) UUID.
	 * <p>
	 * Why: a table whose primary key is a random UUID takes each new row on a random page of its key's index, so once
	 * that index outgrows the database's cache every insert reads and later writes a page of its own (a MariaDB with its
	 * default 128 MB buffer pool does that from about 100,000 consents on). A run writes consents in consent-ID order,
	 * one ascending range per partition, so IDs that begin with their consent's ID go where the index was last written:
	 * a few pages per partition stay in the cache instead of the whole index. 90 bits of the hash are left, so two
	 * names still practically never share an ID.
	 */
	public static String near(String... parts) {
		return uuid(nearHash(parts), 8);
	}

	/**
	 * As {@link #near}, in one of 16 regions of the ID space: the first hex digit is {@code region}, the next 8 are
	 * {@link #near}'s, then the name's SHA-1 (86 bits of it).
	 * <p>
	 * Why: rows of several kinds whose IDs begin with their owner's ID are written one kind after the other (a run
	 * writes one consent type's ranges while another's wait or run beside them), so each kind writes its rows into the
	 * gaps between the rows of the kinds written before: a B-tree page that is full splits in two half-empty ones, and a
	 * table ends up twice the size it needs, written at twice the cost. In a region of its own, each kind's rows go
	 * after each other, as rows written in key order do.
	 */
	public static String near(int region, String... parts) {
		if (region < 0 || region > 15) {
			throw new IllegalArgumentException("A region is one hex digit, 0 to 15, not " + region);
		}
		byte[] hash = nearHash(parts);
		// the 8 digits move one digit to the right, behind the region's; the fifth byte keeps its lower digit of hash
		int carry = region;
		for (int i = 0; i < 4; i++) {
			int b = hash[i] & 0xff;
			hash[i] = (byte) (carry << 4 | b >>> 4);
			carry = b & 0x0f;
		}
		hash[4] = (byte) (carry << 4 | hash[4] & 0x0f);
		return uuid(hash, 8);
	}

	/** The name's SHA-1 with its first 4 bytes replaced by the first part's place (see {@link #near}). */
	private static byte[] nearHash(String... parts) {
		byte[] hash = hash(parts);
		Name name = NAME.get(); // holds the name hash() was given: its first part comes first
		byte[] bytes = name.bytes;
		if (startsWithHex(bytes, name.length)) {
			for (int i = 0; i < 4; i++) {
				hash[i] = (byte) (Character.digit(bytes[2 * i], 16) << 4 | Character.digit(bytes[2 * i + 1], 16));
			}
		}
		else {
			for (int i = 0; i < 4; i++) {
				hash[i] = i < name.length ? bytes[i] : 0;
			}
		}
		return hash;
	}

	/** The first 16 bytes of {@code hash} as a UUID of this version (RFC 4122 variant). */
	private static String uuid(byte[] hash, int version) {
		hash[6] = (byte) ((hash[6] & 0x0f) | version << 4);
		hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
		return new UUID(bigEndianLong(hash, 0), bigEndianLong(hash, 8)).toString();
	}

	private static boolean startsWithHex(byte[] bytes, int length) {
		if (length < 8) {
			return false;
		}
		for (int i = 0; i < 8; i++) {
			if (Character.digit(bytes[i], 16) < 0) {
				return false;
			}
		}
		return true;
	}

	/** SHA-1 of the namespace and the name made of {@code parts}; the name stays in the thread's buffer. */
	private static byte[] hash(String... parts) {
		MessageDigest digest = SHA1.get(); // digest() leaves it reset for the next name
		digest.update(NAMESPACE_BYTES);
		Name name = NAME.get();
		name.length = 0;
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				name.put((byte) SEPARATOR);
			}
			name.put(parts[i] == null ? "\u0000" : parts[i]);
		}
		digest.update(name.bytes, 0, name.length);
		byte[] hash = name.hash;
		try {
			digest.digest(hash, 0, hash.length);
		}
		catch (DigestException ex) {
			throw new IllegalStateException("SHA-1 gives 20 bytes", ex);
		}
		return hash;
	}

	private static long bigEndianLong(byte[] bytes, int from) {
		long value = 0;
		for (int i = from; i < from + 8; i++) {
			value = (value << 8) | (bytes[i] & 0xff);
		}
		return value;
	}

	/** A thread's name buffer: the parts as UTF-8, without a string or an array per name. */
	private static final class Name {

		private byte[] bytes = new byte[256];

		private int length;

		private final byte[] hash = new byte[20];

		void put(byte b) {
			ensure(1);
			this.bytes[this.length++] = b;
		}

		/** The part as {@code String.getBytes(UTF_8)} encodes it: ASCII copied, the rest from its first other char encoded. */
		void put(String part) {
			int n = part.length();
			ensure(n);
			byte[] out = this.bytes;
			int at = this.length;
			for (int i = 0; i < n; i++) {
				char c = part.charAt(i);
				if (c >= 0x80) {
					byte[] rest = part.substring(i).getBytes(StandardCharsets.UTF_8);
					this.length = at;
					ensure(rest.length);
					System.arraycopy(rest, 0, this.bytes, this.length, rest.length);
					this.length += rest.length;
					return;
				}
				out[at++] = (byte) c;
			}
			this.length = at;
		}

		private void ensure(int more) {
			if (this.length + more > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
			}
		}

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

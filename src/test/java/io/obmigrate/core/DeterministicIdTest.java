package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The consent IDs obmigrate writes are version 5 UUIDs of names; a restart, a re-run and a later obmigrate version
 * must give the same ID for the same name, so the digest is checked against the platform's SHA-1 and against IDs
 * written by earlier versions.
 */
class DeterministicIdTest {

	@Test
	void givesTheIdsEarlierVersionsWrote() {
		// IDs that earlier versions wrote (computed then, kept literally): a faster digest must give the same
		assertThat(DeterministicId.of("0b4bc111-268c-418f-a524-8d1708648dbd", "auth", "bound", "psu1@carbon.super"))
			.isEqualTo("721ea974-285e-5da0-a09d-b6dece1f5110");
		assertThat(DeterministicId.of("c-1", "audit", "created")).isEqualTo("3d872506-0682-53e4-ae17-7648294e24cb");
		assertThat(DeterministicId.of("c-é", null, "ünïcode 😀", "")).isEqualTo("df30f14d-5a67-576f-8bbe-bc2c22229c79");
	}

	@Test
	void isTheVersion5UuidOfNamespaceAndNameForNamesOfEveryLengthAndScript() throws Exception {
		Random random = new Random(7);
		String[] alphabets = { "abcXYZ019-@._", "éüßñ", "中文字符", "😀🙂", "\u0000\u001f\t", "\ud800x\udc00" };
		for (int length = 0; length < 200; length++) {
			for (String alphabet : alphabets) {
				StringBuilder part = new StringBuilder();
				for (int i = 0; i < length; i++) {
					part.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
							: (char) ('a' + random.nextInt(26)));
				}
				String name = part.toString();
				assertThat(DeterministicId.of("consent", name)).as("length %d, %s", length, alphabet)
					.isEqualTo(expected("consent\u001f" + name));
			}
		}
		assertThat(DeterministicId.of("x", null)).isEqualTo(expected("x\u001f\u0000"));
	}

	@Test
	void aThreadGivesTheSameIdAfterALongName() {
		String before = DeterministicId.of("c-1", "audit", "created");
		DeterministicId.of("x".repeat(10_000), "é".repeat(3_000));
		assertThat(DeterministicId.of("c-1", "audit", "created")).isEqualTo(before);
	}

	/** RFC 4122 section 4.3, computed with the platform's SHA-1. */
	private static String expected(String name) throws Exception {
		MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
		sha1.update(HexFormat.of().parseHex(DeterministicId.namespaceHex()));
		byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
		hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
		hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
		String hex = HexFormat.of().formatHex(hash, 0, 16);
		return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
				+ hex.substring(16, 20) + "-" + hex.substring(20);
	}

}

package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * obmigrate's IDs are UUIDs of names (version 5; version 8 for the IDs placed next to their consent, which keep the same
 * hash after their first 8 digits); a restart, a re-run and a later obmigrate version must give the same ID for the
 * same name, so the digest is checked against the platform's SHA-1 and against IDs written by earlier versions.
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

	@Test
	void anIdNearItsConsentBeginsWithTheConsentsDigitsAndKeepsTheRestOfTheHash() throws Exception {
		String consent = "0b4bc111-268c-418f-a524-8d1708648dbd";
		String near = DeterministicId.near(consent, "auth", "bound", "psu1@carbon.super");
		String of = DeterministicId.of(consent, "auth", "bound", "psu1@carbon.super");
		assertThat(near).startsWith("0b4bc111-");
		java.util.UUID uuid = java.util.UUID.fromString(near);
		assertThat(uuid.version()).isEqualTo(8);
		assertThat(uuid.variant()).isEqualTo(2);
		// after the 8 digits, the same hash as the version 5 ID, but for the version digit
		assertThat(near.substring(8, 14)).isEqualTo(of.substring(8, 14));
		assertThat(near.substring(15)).isEqualTo(of.substring(15));
		assertThat(DeterministicId.near(consent, "auth", "bound", "psu1@carbon.super")).isEqualTo(near);
		assertThat(DeterministicId.near(consent, "auth", "bound", "psu2@carbon.super")).isNotEqualTo(near)
			.startsWith("0b4bc111-");
		// the upper-case digits of a UUID give the same place
		assertThat(DeterministicId.near("0B4BC111-268C-418F-A524-8D1708648DBD", "audit", "A0")).startsWith("0b4bc111-");
		// an ID that is not a UUID: its first four bytes
		assertThat(DeterministicId.near("c-1", "audit", "A0")).startsWith(HexFormat.of().formatHex(
				"c-1\u001fa".getBytes(StandardCharsets.UTF_8), 0, 4) + "-");
		assertThat(DeterministicId.near("CONS-00042", "audit", "A0")).startsWith("434f4e53-");
	}

	@Test
	void idsNearConsentsInConsentOrderAreInTheSameOrder() {
		java.util.List<String> consents = sortedConsentIds(11);
		String previous = "";
		java.util.Set<String> seen = new java.util.HashSet<>();
		for (String consent : consents) {
			for (String role : new String[] { "created", "bound" }) {
				String id = DeterministicId.near(consent, "auth", role);
				assertThat(id.substring(0, 8)).isEqualTo(consent.substring(0, 8));
				assertThat(id.substring(0, 8)).isGreaterThanOrEqualTo(previous);
				previous = id.substring(0, 8);
				assertThat(seen.add(id)).as("unique").isTrue();
			}
		}
	}

	@Test
	void anIdInARegionBeginsWithTheRegionThenTheDigitsNearGivesAndKeepsTheRestOfTheHash() {
		String consent = "0b4bc111-268c-418f-a524-8d1708648dbd";
		String near = DeterministicId.near(consent, "audit", "A0");
		for (int region = 0; region < 16; region++) {
			String id = DeterministicId.near(region, consent, "audit", "A0");
			java.util.UUID uuid = java.util.UUID.fromString(id);
			assertThat(uuid.version()).isEqualTo(8);
			assertThat(uuid.variant()).isEqualTo(2);
			assertThat(id).startsWith(Integer.toHexString(region) + "0b4bc11-1");
			// the region's digit and near's 8 digits, then near's from its tenth on (its ninth is left out)
			String hex = id.replace("-", "");
			String nearHex = near.replace("-", "");
			assertThat(hex.substring(0, 9)).isEqualTo(Integer.toHexString(region) + nearHex.substring(0, 8));
			assertThat(hex.substring(9)).isEqualTo(nearHex.substring(9));
			assertThat(DeterministicId.near(region, consent, "audit", "A0")).isEqualTo(id);
		}
		// a name that is not a UUID: the region, then near's first 8 digits (its first four bytes)
		assertThat(DeterministicId.near(3, "CONS-00042", "audit", "A0")).startsWith("3434f4e5-3");
		assertThat(DeterministicId.near(2, "c-1", "audit", "A0")).isNotEqualTo(DeterministicId.near(3, "c-1", "audit", "A0"));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> DeterministicId.near(16, consent, "audit", "A0"))
			.withMessageContaining("0 to 15");
	}

	@Test
	void idsInARegionOfConsentsInConsentOrderAreInTheSameOrderAndApartFromOtherRegions() {
		java.util.List<String> consents = sortedConsentIds(12);
		for (int region = 1; region <= 3; region++) {
			String previous = "";
			for (String consent : consents) {
				String id = DeterministicId.near(region, consent, "auth", "bound");
				String place = id.replace("-", "").substring(0, 9);
				assertThat(place).isEqualTo(region + consent.substring(0, 8)).isGreaterThanOrEqualTo(previous);
				previous = place;
				// every ID of region r sorts after every ID of the regions before it
				assertThat(id.compareTo(String.valueOf(region))).isPositive();
				assertThat(id.compareTo(String.valueOf(region + 1))).isNegative();
			}
		}
	}

	/** 2,000 random UUIDs, sorted, as a run reads consent IDs. */
	private static java.util.List<String> sortedConsentIds(long seed) {
		Random random = new Random(seed);
		java.util.List<String> consents = new java.util.ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			consents.add(new java.util.UUID(random.nextLong(), random.nextLong()).toString());
		}
		java.util.Collections.sort(consents);
		return consents;
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

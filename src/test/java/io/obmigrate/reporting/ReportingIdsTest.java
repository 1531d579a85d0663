package io.obmigrate.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Atlas F.5 #2: deterministic new IDs of raw-data rows. */
class ReportingIdsTest {

	@Test
	void sameRowGivesSameIdOnEveryRun() {
		assertThat(ReportingIds.of("ACCOUNTS_RAW_DATA", "msg-1", 1_700_000_000L))
			.isEqualTo(ReportingIds.of("ACCOUNTS_RAW_DATA", "msg-1", 1_700_000_000L))
			.matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
	}

	@Test
	void tableIdAndTimestampEachChangeTheId() {
		String id = ReportingIds.of("ACCOUNTS_RAW_DATA", "msg-1", 1L);
		assertThat(ReportingIds.of("PAYMENTS_RAW_DATA", "msg-1", 1L)).isNotEqualTo(id);
		assertThat(ReportingIds.of("ACCOUNTS_RAW_DATA", "msg-2", 1L)).isNotEqualTo(id);
		assertThat(ReportingIds.of("ACCOUNTS_RAW_DATA", "msg-1", 2L)).isNotEqualTo(id);
	}

	@Test
	void isTheVersion3UuidOfNamespaceAndNameAsRfc4122DefinesIt() throws Exception {
		// independent computation: MD5 of the namespace bytes then the UTF-8 name, version and variant bits set
		byte[] namespace = java.util.HexFormat.of().parseHex(io.obmigrate.core.DeterministicId.namespaceHex());
		byte[] name = "reporting\u001fACCOUNTS_RAW_DATA\u001fmsg-é\u001f1700000000"
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
		md5.update(namespace);
		byte[] hash = md5.digest(name);
		hash[6] = (byte) ((hash[6] & 0x0f) | 0x30);
		hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
		String hex = java.util.HexFormat.of().formatHex(hash);
		String expected = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
				+ hex.substring(16, 20) + "-" + hex.substring(20);
		assertThat(ReportingIds.of("ACCOUNTS_RAW_DATA", "msg-é", 1_700_000_000L)).isEqualTo(expected);
	}

}

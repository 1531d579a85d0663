package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The receipt is written straight from the parsed body and the common expiry spellings are read without the general
 * date parser, both for speed. Both must give exactly what the plain way gives: a renamed copy of the body, written by
 * Jackson; {@code OffsetDateTime.parse}, then {@code LocalDateTime.parse}. Checked here on thousands of random bodies
 * and date-times, with colliding keys, duplicate keys, embedded JSON, numbers of every kind and non-ASCII text.
 */
class ConsentBodyEquivalenceTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String[] KEYS = { "data", "Data", "accountData", "AccountData", "permissions", "Permissions",
			"supplementaryData", "SupplementaryData", "scASupportData", "SCASupportData", "risk", "amount", "a", "A",
			"", "é", "ünïcode", "x_y", "1st", "expirationDateTime", "ExpirationDateTime" };

	private static final String[] STRINGS = { "READACCOUNTSBASIC", "READPAN", "ReadBalances", "10.00", "", " ", "é😀",
			"line\\nbreak", "quote\\\"d", "back\\\\slash", "\\u00e9\\u0000", "{\\\"debtorAccount\\\":{\\\"schemeName\\\":1}}",
			" {\\\"a\\\":[{\\\"b\\\":2}]} ", "{\\\"data\\\":1,\\\"Data\\\":2}", "{not json}", "{\\\"a\\\":1} {\\\"b\\\":2}",
			"[1]", "2025-01-01T00:00:00Z", "{", "}", "{}", "\\t{x}\\n", "\\u2028{}" };

	private static final String[] NUMBERS = { "0", "-0", "1", "-17", "2147483648", "-9223372036854775808",
			"123456789012345678901234567890", "1.5", "10.00", "-0.0", "1e2", "1E-7", "3.141592653589793238", "1e400" };

	@Test
	void receiptIsWhatTheRenamedCopyGives() throws Exception {
		Random random = new Random(16);
		List<ConsentBody.RewriteRule> rules = List.of(ConsentBody.RewriteRule.safer(List.of("SupplementaryData")),
				ConsentBody.RewriteRule.safer(List.of("risk", "A")), ConsentBody.RewriteRule.r2());
		int objects = 0;
		for (int i = 0; i < 4_000; i++) {
			String body = random.nextInt(10) == 0 ? value(random, 0) : object(random, 0);
			ConsentBody parsed = ConsentBody.parse(body);
			objects += parsed.isObject() ? 1 : 0;
			for (ConsentBody.RewriteRule rule : rules) {
				assertThat(parsed.receipt(rule)).as("%s with %s", body, rule).isEqualTo(reference(body, rule));
			}
		}
		assertThat(objects).isGreaterThan(3_000);
	}

	@Test
	void aBodyReadInOnePassGivesWhatTheTreeGives() throws Exception {
		Random random = new Random(17);
		List<ConsentBody.RewriteRule> rules = List.of(ConsentBody.RewriteRule.safer(List.of("SupplementaryData")),
				ConsentBody.RewriteRule.safer(List.of("risk", "A", "Data")), ConsentBody.RewriteRule.r2());
		int reads = 0;
		int onePass = 0;
		for (int i = 0; i < 6_000; i++) {
			String body = i % 3 != 0 ? consentLike(random) : random.nextInt(10) == 0 ? value(random, 0)
					: object(random, 0);
			ConsentBody tree = ConsentBody.parse(body);
			for (int r = 0; r < rules.size(); r++) {
				ConsentBody.RewriteRule rule = rules.get(r);
				ConsentBody read = ConsentBody.read(body, rule);
				reads++;
				onePass += read.readInOnePass() ? 1 : 0;
				assertThat(read.receipt(rule)).as("%s with %s", body, rule).isEqualTo(reference(body, rule));
				assertThat(read.expiry()).as("%s", body).isEqualTo(tree.expiry());
				assertThat(List.of(read.isJson(), read.isObject(), read.isArrayOfContent())).as("%s", body)
					.isEqualTo(List.of(tree.isJson(), tree.isObject(), tree.isArrayOfContent()));
				// asked for another rule than the one it was read with: the tree's receipt
				ConsentBody.RewriteRule other = rules.get((r + 1) % rules.size());
				assertThat(read.receipt(other)).as("%s with %s", body, other).isEqualTo(reference(body, other));
			}
		}
		// the one-pass read is what most consent bodies get; the rest went to the tree
		assertThat(onePass).isGreaterThan(reads / 4).isLessThan(reads);
	}

	@Test
	void expiryIsWhatTheGeneralParsersGive() {
		Random random = new Random(16);
		String[] samples = { "2022-08-08T05:44:42Z", "2022-08-08T05:44:42+01:00", "2022-08-08T05:44:42-05:30",
				"2022-08-08T05:44:42.123456789Z", "2022-08-08T05:44:42.1234567891Z", "2022-08-08T05:44:42.Z",
				"2022-08-08T05:44:42", "2022-08-08T05:44", "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z",
				"2022-04-31T00:00:00Z", "2022-13-01T00:00:00Z", "2022-08-08T24:00:00Z", "2022-08-08T23:59:60Z",
				"2022-08-08T05:44:42+18:00", "2022-08-08T05:44:42+18:01", "2022-08-08T05:44:42-00:00",
				"2022-08-08T05:44:42+05:60", "2022-08-08T05:44:42+0100", "2022-08-08t05:44:42z", "0000-01-01T00:00:00Z",
				"9999-12-31T23:59:59-18:00", "+10000-01-01T00:00:00Z", "2022-08-08 05:44:42Z", "２０２２-08-08T05:44:42Z",
				"2022-08-08T05:44:42+01:00:30", "2022-08-08T05:44:42+01", "2022-8-08T05:44:42Z", "not a date", "" };
		for (String sample : samples) {
			assertThat(ConsentBody.parseExpiry(sample)).as(sample).isEqualTo(referenceExpiry(sample));
		}
		String digits = "0123456789";
		String other = "TZ:+-. x";
		for (int i = 0; i < 20_000; i++) {
			StringBuilder text = new StringBuilder(samples[random.nextInt(9)]);
			for (int change = random.nextInt(3); change >= 0; change--) {
				int at = random.nextInt(text.length());
				String pool = random.nextBoolean() ? digits : other;
				switch (random.nextInt(3)) {
					case 0 -> text.setCharAt(at, pool.charAt(random.nextInt(pool.length())));
					case 1 -> text.insert(at, pool.charAt(random.nextInt(pool.length())));
					default -> text.deleteCharAt(at);
				}
			}
			String sample = text.toString();
			assertThat(ConsentBody.parseExpiry(sample)).as(sample).isEqualTo(referenceExpiry(sample));
		}
	}

	// ---- the plain way, as obmigrate did it before

	private static String reference(String body, ConsentBody.RewriteRule rule) throws Exception {
		JsonNode tree;
		try {
			tree = JSON.readTree(body);
		}
		catch (Exception ex) {
			return body;
		}
		if (tree == null || tree.isMissingNode()) {
			return body;
		}
		return JSON.writeValueAsString(rename(permissionsMapped(tree), rule));
	}

	private static JsonNode permissionsMapped(JsonNode root) {
		ObjectNode copy = root.isObject() ? root.deepCopy() : null;
		if (copy == null) {
			return root;
		}
		String dataKey = name(copy, "accountData") != null ? name(copy, "accountData") : name(copy, "data");
		JsonNode data = dataKey == null ? null : copy.get(dataKey);
		String permissionsKey = data != null && data.isObject() ? name(data, "permissions") : null;
		if (permissionsKey != null && data.get(permissionsKey).isArray()) {
			ArrayNode permissions = (ArrayNode) data.get(permissionsKey);
			for (int i = 0; i < permissions.size(); i++) {
				String mapped = permissions.get(i).isTextual() ? ConsentBody.PERMISSIONS.get(permissions.get(i).asText())
						: null;
				if (mapped != null) {
					permissions.set(i, mapped);
				}
			}
		}
		return copy;
	}

	private static String name(JsonNode object, String name) {
		if (object.has(name)) {
			return name;
		}
		for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
			String key = names.next();
			if (key.equalsIgnoreCase(name)) {
				return key;
			}
		}
		return null;
	}

	private static JsonNode rename(JsonNode node, ConsentBody.RewriteRule rule) {
		if (node.isObject()) {
			ObjectNode renamed = JsonNodeFactory.instance.objectNode();
			for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				String key = ConsentBody.renamedKey(field.getKey());
				JsonNode value = embedded(field.getValue());
				renamed.set(key, rule.keepKeysUnder().contains(key.toLowerCase(Locale.ROOT)) ? value : rename(value, rule));
			}
			return renamed;
		}
		if (node.isArray() && rule.recurseIntoArrays()) {
			ArrayNode renamed = JsonNodeFactory.instance.arrayNode();
			node.forEach(element -> renamed.add(rename(embedded(element), rule)));
			return renamed;
		}
		return node;
	}

	private static JsonNode embedded(JsonNode value) {
		String text = value.isTextual() ? value.asText().strip() : "";
		if (text.startsWith("{") && text.endsWith("}")) {
			try {
				JsonNode parsed = JSON.readTree(text);
				return parsed.isObject() ? parsed : value;
			}
			catch (Exception ex) {
				return value;
			}
		}
		return value;
	}

	private static ConsentBody.Expiry referenceExpiry(String raw) {
		String text = raw.strip();
		try {
			return new ConsentBody.Expiry(OffsetDateTime.parse(text).toEpochSecond(), ConsentBody.Expiry.Kind.EXACT, raw);
		}
		catch (DateTimeParseException ex) {
			try {
				return new ConsentBody.Expiry(LocalDateTime.parse(text).toEpochSecond(ZoneOffset.UTC),
						ConsentBody.Expiry.Kind.ASSUMED_UTC, raw);
			}
			catch (DateTimeParseException again) {
				return new ConsentBody.Expiry(0, ConsentBody.Expiry.Kind.UNPARSEABLE, raw);
			}
		}
	}

	// ---- random bodies, written as text so that keys can repeat

	private static String object(Random random, int depth) {
		StringBuilder text = new StringBuilder("{");
		int fields = depth > 4 ? 0 : random.nextInt(6);
		for (int i = 0; i < fields; i++) {
			text.append(i > 0 ? "," : "").append(random.nextInt(5) == 0 ? " " : "");
			text.append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\":").append(value(random, depth + 1));
		}
		return text.append('}').toString();
	}

	private static final String[] DATA_KEYS = { "accountData", "AccountData", "data", "Data", "DATA" };

	private static final String[] EXPIRIES = { "\"2025-01-01T00:00:00Z\"", "\"2025-01-01T00:00:00\"",
			"\" 2025-06-30T23:59:59.5+01:00 \"", "\"  \"", "\"\"", "null", "\"soon\"", "5", "{}", "[]", "true",
			"\"2025-02-30T00:00:00Z\"" };

	/** A body shaped like a consent: the data object with permissions and an expiry, its key names varied. */
	private static String consentLike(Random random) {
		List<String> data = new java.util.ArrayList<>();
		StringBuilder permissions = new StringBuilder("[");
		List<String> names = List.copyOf(ConsentBody.PERMISSIONS.keySet());
		for (int i = random.nextInt(5); i >= 0; i--) {
			permissions.append(permissions.length() > 1 ? "," : "").append(switch (random.nextInt(6)) {
				case 0 -> "\"ReadBalances\"";
				case 1 -> "\"READSOMETHINGELSE\"";
				case 2 -> value(random, 3);
				default -> '"' + names.get(random.nextInt(names.size())) + '"';
			});
		}
		data.add('"' + List.of("permissions", "Permissions", "PERMISSIONS").get(random.nextInt(3)) + "\":"
				+ (random.nextInt(8) == 0 ? value(random, 3) : permissions.append(']').toString()));
		if (random.nextInt(6) != 0) {
			data.add('"' + (random.nextBoolean() ? "ExpirationDateTime" : "expirationDateTime") + "\":"
					+ EXPIRIES[random.nextInt(EXPIRIES.length)]);
		}
		data.add("\"transactionFromDateTime\":\"2024-01-01T00:00:00Z\"");
		if (random.nextBoolean()) {
			data.add("\"extra\":" + value(random, 2));
		}
		java.util.Collections.shuffle(data, random);
		List<String> root = new java.util.ArrayList<>();
		root.add('"' + DATA_KEYS[random.nextInt(DATA_KEYS.length)] + "\":{" + String.join(",", data) + "}");
		root.add("\"risk\":" + (random.nextBoolean() ? "{}" : object(random, 2)));
		if (random.nextInt(4) == 0) {
			root.add('"' + KEYS[random.nextInt(KEYS.length)] + "\":" + value(random, 2));
		}
		java.util.Collections.shuffle(root, random);
		return "{" + String.join(",", root) + "}";
	}

	private static String value(Random random, int depth) {
		switch (random.nextInt(depth > 4 ? 3 : 6)) {
			case 0:
				return '"' + STRINGS[random.nextInt(STRINGS.length)] + '"';
			case 1:
				return NUMBERS[random.nextInt(NUMBERS.length)];
			case 2:
				return random.nextBoolean() ? (random.nextBoolean() ? "true" : "false") : "null";
			case 3: {
				StringBuilder array = new StringBuilder("[");
				for (int i = random.nextInt(4); i > 0; i--) {
					array.append(array.length() > 1 ? "," : "").append(value(random, depth + 1));
				}
				return array.append(']').toString();
			}
			default:
				return object(random, depth);
		}
	}

}

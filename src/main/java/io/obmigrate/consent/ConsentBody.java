package io.obmigrate.consent;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The stored OB 2.0 consent body ({@code REQUEST}) and the two things the mapping takes from it: the OB 3.0 receipt
 * and the expiry. Pure: no Spring, no JDBC.
 */
public final class ConsentBody {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** OB 2.0 permission enum names and their OB names. */
	static final Map<String, String> PERMISSIONS = Map.ofEntries(Map.entry("READACCOUNTSBASIC", "ReadAccountsBasic"),
			Map.entry("READACCOUNTSDETAIL", "ReadAccountsDetail"), Map.entry("READBALANCES", "ReadBalances"),
			Map.entry("READBENEFICIARIESBASIC", "ReadBeneficiariesBasic"),
			Map.entry("READBENEFICIARIESDETAIL", "ReadBeneficiariesDetail"),
			Map.entry("READDIRECTDEBITS", "ReadDirectDebits"), Map.entry("READPRODUCTS", "ReadProducts"),
			Map.entry("READSTANDINGORDERSBASIC", "ReadStandingOrdersBasic"),
			Map.entry("READSTANDINGORDERSDETAIL", "ReadStandingOrdersDetail"),
			Map.entry("READTRANSACTIONSBASIC", "ReadTransactionsBasic"),
			Map.entry("READTRANSACTIONSCREDITS", "ReadTransactionsCredits"),
			Map.entry("READTRANSACTIONSDEBITS", "ReadTransactionsDebits"),
			Map.entry("READTRANSACTIONSDETAIL", "ReadTransactionsDetail"),
			Map.entry("READSTATEMENTSBASIC", "ReadStatementsBasic"),
			Map.entry("READSTATEMENTSDETAIL", "ReadStatementsDetail"), Map.entry("READOFFERS", "ReadOffers"),
			Map.entry("READPARTY", "ReadParty"), Map.entry("READPARTYPSU", "ReadPartyPSU"),
			Map.entry("READSCHEDULEDPAYMENTSBASIC", "ReadScheduledPaymentsBasic"),
			Map.entry("READSCHEDULEDPAYMENTSDETAIL", "ReadScheduledPaymentsDetail"), Map.entry("READPAN", "ReadPAN"));

	private final String text;

	private final JsonNode tree;

	private ConsentBody(String text, JsonNode tree) {
		this.text = text;
		this.tree = tree;
	}

	public static ConsentBody parse(String text) {
		if (text == null) {
			return new ConsentBody(null, null);
		}
		try {
			return new ConsentBody(text, JSON.readTree(text));
		}
		catch (JsonProcessingException ex) {
			return new ConsentBody(text, null);
		}
	}

	public boolean isJson() {
		return this.tree != null && !this.tree.isMissingNode();
	}

	/** Valid JSON holding an object: a consent body, as opposed to {@code null}, an array or a scalar. */
	public boolean isObject() {
		return isJson() && this.tree.isObject();
	}

	/** A non-empty JSON array: content, but not a consent object. */
	public boolean isArrayOfContent() {
		return isJson() && this.tree.isArray() && !this.tree.isEmpty();
	}

	/** The rewritten receipt cannot be written as JSON: nested deeper than JSON writers accept. */
	public static final class ReceiptTooDeep extends RuntimeException {

		ReceiptTooDeep(Exception cause) {
			super(cause.getMessage(), cause);
		}

	}

	/** How the receipt is rewritten: as WSO2's released migration does, or the safer rule. */
	public record RewriteRule(boolean recurseIntoArrays, Set<String> keepKeysUnder) {

		public static RewriteRule r2() {
			return new RewriteRule(false, Set.of());
		}

		public static RewriteRule safer(java.util.Collection<String> keepKeysUnder) {
			return new RewriteRule(true,
					keepKeysUnder.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
		}

	}

	/**
	 * The OB 3.0 receipt: the body in OB API shape; a body that is not JSON is returned unchanged.
	 *
	 * @throws ReceiptTooDeep when the rewritten body is nested too deeply to be written as JSON
	 */
	public String receipt(RewriteRule rule) {
		if (!isJson()) {
			return this.text;
		}
		JsonNode renamed = rename(withPermissionsMapped(this.tree), rule);
		try {
			return JSON.writeValueAsString(renamed);
		}
		catch (JsonProcessingException ex) {
			// a string field holding deeply nested JSON, expanded by the rewrite, goes past the writers' limit
			throw new ReceiptTooDeep(ex);
		}
	}

	/**
	 * Step 2: OB 2.0 enum permission names under the account data object become OB names; unknown ones stay. The body
	 * is not changed: the objects on the way to the permissions are copied (shallow), the rest is shared.
	 */
	private static JsonNode withPermissionsMapped(JsonNode root) {
		if (!root.isObject()) {
			return root;
		}
		String dataKey = fieldName(root, "accountData");
		if (dataKey == null) {
			dataKey = fieldName(root, "data");
		}
		JsonNode data = dataKey == null ? null : root.get(dataKey);
		if (data == null || !data.isObject()) {
			return root;
		}
		String permissionsKey = fieldName(data, "permissions");
		JsonNode permissions = permissionsKey == null ? null : data.get(permissionsKey);
		if (permissions == null || !permissions.isArray()) {
			return root;
		}
		ArrayNode mapped = JsonNodeFactory.instance.arrayNode(permissions.size());
		for (JsonNode permission : permissions) {
			String name = permission.isTextual() ? PERMISSIONS.get(permission.asText()) : null;
			mapped.add(name == null ? permission : TextNode.valueOf(name));
		}
		ObjectNode dataCopy = JsonNodeFactory.instance.objectNode();
		dataCopy.setAll((ObjectNode) data);
		dataCopy.set(permissionsKey, mapped);
		ObjectNode rootCopy = JsonNodeFactory.instance.objectNode();
		rootCopy.setAll((ObjectNode) root);
		rootCopy.set(dataKey, dataCopy);
		return rootCopy;
	}

	/** Step 3: keys renamed recursively; strings holding a JSON object become that object. */
	private static JsonNode rename(JsonNode node, RewriteRule rule) {
		if (node.isObject()) {
			ObjectNode renamed = JsonNodeFactory.instance.objectNode();
			Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
			while (fields.hasNext()) {
				Map.Entry<String, JsonNode> field = fields.next();
				String key = renamedKey(field.getKey());
				JsonNode value = embeddedObject(field.getValue());
				if (rule.keepKeysUnder().contains(key.toLowerCase(Locale.ROOT))) {
					// free-form TPP data keeps its keys.
					renamed.set(key, value);
				}
				else {
					renamed.set(key, rename(value, rule));
				}
			}
			return renamed;
		}
		if (node.isArray() && rule.recurseIntoArrays()) {
			ArrayNode renamed = JsonNodeFactory.instance.arrayNode(node.size());
			for (JsonNode element : node) {
				renamed.add(rename(embeddedObject(element), rule));
			}
			return renamed;
		}
		return node;
	}

	static String renamedKey(String key) {
		if (key.equals("accountData")) {
			return "Data";
		}
		if (key.equals("scASupportData")) {
			return "SCASupportData";
		}
		if (key.isEmpty() || Character.isUpperCase(key.charAt(0))) {
			return key;
		}
		return Character.toUpperCase(key.charAt(0)) + key.substring(1);
	}

	private static JsonNode embeddedObject(JsonNode value) {
		if (value.isTextual()) {
			String text = value.asText().strip();
			if (text.startsWith("{") && text.endsWith("}")) {
				try {
					JsonNode parsed = JSON.readTree(text);
					if (parsed.isObject()) {
						return parsed;
					}
				}
				catch (JsonProcessingException ex) {
					return value;
				}
			}
		}
		return value;
	}

	/** The expiry found in the body, with how it was read. */
	public record Expiry(long epochSeconds, Kind kind, String raw) {

		public enum Kind {

			/** No expiry in the body: validity 0. */
			ABSENT,
			/** An ISO date-time with an offset, honoured exactly. */
			EXACT,
			/** No offset: UTC assumed, counted. */
			ASSUMED_UTC,
			/** Not a date-time: validity 0, counted. */
			UNPARSEABLE

		}

	}

	/**
	 * The {@code ExpirationDateTime} under {@code accountData}, {@code Data} or {@code data} (looked up
	 * case-insensitively, in that order).
	 */
	public Expiry expiry() {
		if (!isJson() || !this.tree.isObject()) {
			return new Expiry(0, Expiry.Kind.ABSENT, null);
		}
		JsonNode data = field(this.tree, "accountData");
		JsonNode value = data == null ? null : field(data, "ExpirationDateTime");
		if (value == null) {
			data = field(this.tree, "data");
			value = data == null ? null : field(data, "ExpirationDateTime");
		}
		if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
			return new Expiry(0, Expiry.Kind.ABSENT, null);
		}
		return parseExpiry(value.asText());
	}

	static Expiry parseExpiry(String raw) {
		String text = raw.strip();
		try {
			return new Expiry(OffsetDateTime.parse(text).toEpochSecond(), Expiry.Kind.EXACT, raw);
		}
		catch (DateTimeParseException withOffset) {
			try {
				return new Expiry(LocalDateTime.parse(text).toEpochSecond(ZoneOffset.UTC), Expiry.Kind.ASSUMED_UTC, raw);
			}
			catch (DateTimeParseException withoutOffset) {
				return new Expiry(0, Expiry.Kind.UNPARSEABLE, raw);
			}
		}
	}

	/** A field of an object, its name compared case-insensitively. */
	private static JsonNode field(JsonNode object, String name) {
		String key = fieldName(object, name);
		return key == null ? null : object.get(key);
	}

	/** The name of an object's field {@code name}: itself if present, else the first compared case-insensitively. */
	private static String fieldName(JsonNode object, String name) {
		if (!object.isObject()) {
			return null;
		}
		if (object.has(name)) {
			return name;
		}
		Iterator<String> names = object.fieldNames();
		while (names.hasNext()) {
			String key = names.next();
			if (key.equalsIgnoreCase(name)) {
				return key;
			}
		}
		return null;
	}

}

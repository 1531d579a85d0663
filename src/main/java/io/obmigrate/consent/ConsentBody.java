package io.obmigrate.consent;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
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

	/** The body read in one pass, when it was a plain consent object; then there is no tree. */
	private final Streamed streamed;

	private ConsentBody(String text, JsonNode tree, Streamed streamed) {
		this.text = text;
		this.tree = tree;
		this.streamed = streamed;
	}

	public static ConsentBody parse(String text) {
		if (text == null) {
			return new ConsentBody(null, null, null);
		}
		try {
			return new ConsentBody(text, JSON.readTree(text), null);
		}
		catch (JsonProcessingException ex) {
			return new ConsentBody(text, null, null);
		}
	}

	/**
	 * The body, with its receipt for {@code rule} written as the body is read: no tree is built for a plain consent
	 * object. Anything else (see {@link Streamed}) is parsed into a tree, as {@link #parse} does; both give the same
	 * receipt and expiry.
	 */
	public static ConsentBody read(String text, RewriteRule rule) {
		Streamed streamed = text == null ? null : Streamed.of(text, rule);
		return streamed != null ? new ConsentBody(text, null, streamed) : parse(text);
	}

	/** Read in one pass, without a tree (for tests). */
	boolean readInOnePass() {
		return this.streamed != null;
	}

	public boolean isJson() {
		return this.streamed != null || this.tree != null && !this.tree.isMissingNode();
	}

	/** Valid JSON holding an object: a consent body, as opposed to {@code null}, an array or a scalar. */
	public boolean isObject() {
		return this.streamed != null || isJson() && this.tree.isObject();
	}

	/** A non-empty JSON array: content, but not a consent object. */
	public boolean isArrayOfContent() {
		return this.streamed == null && isJson() && this.tree.isArray() && !this.tree.isEmpty();
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
		if (this.streamed != null) {
			if (this.streamed.rule.equals(rule)) {
				return this.streamed.receipt;
			}
			return parse(this.text).receipt(rule);
		}
		if (!isJson()) {
			return this.text;
		}
		try {
			return JSON.writeValueAsString(new Renamed(withPermissionsMapped(this.tree), rule));
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

	/**
	 * Step 3, written as it is done: keys renamed recursively, strings holding a JSON object become that object. No
	 * renamed copy of the body is built; where two keys of one object get the same name (say {@code data} and
	 * {@code Data}), the first one's place and the last one's value are kept, as a JSON object built key by key keeps them.
	 */
	private static final class Renamed extends JsonSerializable.Base {

		private final JsonNode root;

		private final RewriteRule rule;

		Renamed(JsonNode root, RewriteRule rule) {
			this.root = root;
			this.rule = rule;
		}

		@Override
		public void serialize(JsonGenerator out, SerializerProvider provider) throws IOException {
			write(this.root, out, provider);
		}

		@Override
		public void serializeWithType(JsonGenerator out, SerializerProvider provider, TypeSerializer types)
				throws IOException {
			serialize(out, provider);
		}

		private void write(JsonNode node, JsonGenerator out, SerializerProvider provider) throws IOException {
			if (node.isObject()) {
				writeObject((ObjectNode) node, out, provider);
			}
			else if (node.isArray() && this.rule.recurseIntoArrays()) {
				out.writeStartArray(node, node.size());
				for (JsonNode element : node) {
					write(embeddedObject(element), out, provider);
				}
				out.writeEndArray();
			}
			else {
				node.serialize(out, provider);
			}
		}

		private void writeObject(ObjectNode node, JsonGenerator out, SerializerProvider provider) throws IOException {
			Key[] keys = new Key[node.size()];
			int count = 0;
			boolean collision = false;
			Iterator<String> names = node.fieldNames();
			while (names.hasNext()) {
				Key key = Key.of(names.next());
				for (int i = 0; i < count && !collision; i++) {
					collision = keys[i].renamed.equals(key.renamed);
				}
				keys[count++] = key;
			}
			out.writeStartObject(node);
			if (collision) {
				Map<Key, JsonNode> fields = new LinkedHashMap<>();
				Iterator<Map.Entry<String, JsonNode>> all = node.fields();
				for (int i = 0; all.hasNext(); i++) {
					fields.put(keys[i], all.next().getValue());
				}
				for (Map.Entry<Key, JsonNode> field : fields.entrySet()) {
					writeField(field.getKey(), field.getValue(), out, provider);
				}
			}
			else {
				Iterator<JsonNode> values = node.elements();
				for (int i = 0; values.hasNext(); i++) {
					writeField(keys[i], values.next(), out, provider);
				}
			}
			out.writeEndObject();
		}

		private void writeField(Key key, JsonNode value, JsonGenerator out, SerializerProvider provider)
				throws IOException {
			out.writeFieldName(key.renamed);
			JsonNode expanded = embeddedObject(value);
			if (this.rule.keepKeysUnder().contains(key.lowerCase)) {
				// free-form TPP data keeps its keys.
				expanded.serialize(out, provider);
			}
			else {
				write(expanded, out, provider);
			}
		}

	}

	/**
	 * A key as written and in lower case (for the keep-keys rule), remembered: bodies repeat the same few dozen keys, so
	 * each is renamed once, not once per consent. At most {@value #KEYS_REMEMBERED} are kept; others are renamed anew.
	 */
	private record Key(String renamed, String lowerCase) {

		private static final int KEYS_REMEMBERED = 10_000;

		private static final Map<String, Key> KNOWN = new ConcurrentHashMap<>();

		static Key of(String key) {
			Key known = KNOWN.get(key);
			if (known == null) {
				String renamed = renamedKey(key);
				known = new Key(renamed, renamed.toLowerCase(Locale.ROOT));
				if (KNOWN.size() < KEYS_REMEMBERED) {
					KNOWN.put(key, known);
				}
			}
			return known;
		}

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

	/**
	 * A consent object read token by token while its receipt is written: keys renamed, the OB 2.0 permission names under
	 * the account data object mapped, the expiry kept, without building a tree of the body (which, with the receipt
	 * written from it, was a sixth of the consent job's range threads' CPU). It gives up, and the body is parsed into a
	 * tree instead, whenever the plain pass could write something else than the tree would: a body that is not an
	 * object, two keys of
	 * one object that are or become the same name, more than one key that could be the account data object (or, in it,
	 * the permissions or the expiry), a string value that may hold a JSON object, an expiry that is not a string or
	 * null, a kept object that holds the data, invalid JSON, or anything the writer refuses.
	 */
	private static final class Streamed {

		private final RewriteRule rule;

		private final String receipt;

		/** The expiry's text, or {@code null} when the body has none (or has it as JSON null). */
		private final String expiry;

		private Streamed(RewriteRule rule, String receipt, String expiry) {
			this.rule = rule;
			this.receipt = receipt;
			this.expiry = expiry;
		}

		/** What is special about a field: none, the account data object, or in it the permissions or the expiry. */
		private enum Role {

			NONE, DATA, PERMISSIONS, EXPIRY

		}

		/** The plain pass cannot write this body as the tree would. */
		private static final class NeedsTree extends Exception {

			private static final NeedsTree INSTANCE = new NeedsTree();

			private NeedsTree() {
				super(null, null, false, false);
			}

		}

		static Streamed of(String text, RewriteRule rule) {
			try (JsonParser in = JSON.createParser(text)) {
				if (in.nextToken() != JsonToken.START_OBJECT) {
					return null;
				}
				SegmentedStringWriter receipt = new SegmentedStringWriter(JSON.getFactory()._getBufferRecycler());
				Pass pass = new Pass(in, rule);
				try (JsonGenerator out = JSON.createGenerator(receipt)) {
					out.writeStartObject();
					pass.object(out, true, false);
				}
				return new Streamed(rule, receipt.getAndClear(), pass.expiry);
			}
			catch (NeedsTree | IOException | RuntimeException ex) {
				// the tree reads (or refuses) it
				return null;
			}
		}

		/** One body's pass; the parser stands on the token just read. */
		private static final class Pass {

			private final JsonParser in;

			private final RewriteRule rule;

			private String expiry;

			Pass(JsonParser in, RewriteRule rule) {
				this.in = in;
				this.rule = rule;
			}

			/** The fields of an object whose start was read and written, renamed; its end written. */
			void object(JsonGenerator out, boolean root, boolean data) throws IOException, NeedsTree {
				Key[] keys = new Key[8];
				int count = 0;
				boolean dataSeen = false;
				boolean permissionsSeen = false;
				boolean expirySeen = false;
				while (this.in.nextToken() == JsonToken.FIELD_NAME) {
					String name = this.in.currentName();
					Key key = Key.of(name);
					for (int i = 0; i < count; i++) {
						if (keys[i].renamed.equals(key.renamed)) {
							throw NeedsTree.INSTANCE;
						}
					}
					if (count == keys.length) {
						keys = Arrays.copyOf(keys, count * 2);
					}
					keys[count++] = key;
					Role role = Role.NONE;
					if (root && (name.equalsIgnoreCase("accountData") || name.equalsIgnoreCase("data"))) {
						if (dataSeen) {
							throw NeedsTree.INSTANCE;
						}
						dataSeen = true;
						role = Role.DATA;
					}
					else if (data && name.equalsIgnoreCase("permissions")) {
						if (permissionsSeen) {
							throw NeedsTree.INSTANCE;
						}
						permissionsSeen = true;
						role = Role.PERMISSIONS;
					}
					else if (data && name.equalsIgnoreCase("ExpirationDateTime")) {
						if (expirySeen) {
							throw NeedsTree.INSTANCE;
						}
						expirySeen = true;
						role = Role.EXPIRY;
					}
					out.writeFieldName(key.renamed);
					boolean keep = this.rule.keepKeysUnder().contains(key.lowerCase);
					JsonToken token = this.in.nextToken();
					if (keep && role != Role.NONE) {
						throw NeedsTree.INSTANCE;
					}
					if (token == JsonToken.VALUE_STRING && role == Role.EXPIRY) {
						String value = this.in.getText();
						if (mayHoldObject(value)) {
							throw NeedsTree.INSTANCE;
						}
						this.expiry = value;
						out.writeString(value);
					}
					else if (token == JsonToken.VALUE_STRING) {
						copyString(out);
					}
					else if (role == Role.EXPIRY && token != JsonToken.VALUE_NULL) {
						throw NeedsTree.INSTANCE;
					}
					else if (keep) {
						verbatim(out, token, false);
					}
					else if (token == JsonToken.START_OBJECT) {
						out.writeStartObject();
						object(out, false, role == Role.DATA);
					}
					else if (token == JsonToken.START_ARRAY) {
						array(out, role == Role.PERMISSIONS);
					}
					else {
						scalar(out, token);
					}
				}
				out.writeEndObject();
			}

			/** An array whose start was read: renamed inside when the rule recurses into arrays, else as it is. */
			private void array(JsonGenerator out, boolean permissions) throws IOException, NeedsTree {
				if (!this.rule.recurseIntoArrays()) {
					verbatim(out, JsonToken.START_ARRAY, permissions);
					return;
				}
				out.writeStartArray();
				JsonToken token;
				while ((token = this.in.nextToken()) != JsonToken.END_ARRAY) {
					if (token == JsonToken.VALUE_STRING && permissions) {
						String value = this.in.getText();
						String mapped = PERMISSIONS.get(value);
						if (mapped == null && mayHoldObject(value)) {
							throw NeedsTree.INSTANCE;
						}
						out.writeString(mapped != null ? mapped : value);
					}
					else if (token == JsonToken.VALUE_STRING) {
						copyString(out);
					}
					else if (token == JsonToken.START_OBJECT) {
						out.writeStartObject();
						object(out, false, false);
					}
					else if (token == JsonToken.START_ARRAY) {
						array(out, false);
					}
					else {
						scalar(out, token);
					}
				}
				out.writeEndArray();
			}

			/**
			 * A value written as it is (a kept key's, an array's when the rule does not recurse into arrays);
			 * {@code permissions}: the array of permission names, mapped.
			 */
			private void verbatim(JsonGenerator out, JsonToken token, boolean permissions)
					throws IOException, NeedsTree {
				if (token == JsonToken.START_OBJECT) {
					out.writeStartObject();
					String[] names = new String[8];
					int count = 0;
					while (this.in.nextToken() == JsonToken.FIELD_NAME) {
						String name = this.in.currentName();
						for (int i = 0; i < count; i++) {
							if (names[i].equals(name)) {
								// a repeated key: the tree keeps one of them
								throw NeedsTree.INSTANCE;
							}
						}
						if (count == names.length) {
							names = Arrays.copyOf(names, count * 2);
						}
						names[count++] = name;
						out.writeFieldName(name);
						verbatim(out, this.in.nextToken(), false);
					}
					out.writeEndObject();
				}
				else if (token == JsonToken.START_ARRAY) {
					out.writeStartArray();
					JsonToken element;
					while ((element = this.in.nextToken()) != JsonToken.END_ARRAY) {
						if (permissions && element == JsonToken.VALUE_STRING) {
							String value = this.in.getText();
							String mapped = PERMISSIONS.get(value);
							out.writeString(mapped != null ? mapped : value);
						}
						else {
							verbatim(out, element, false);
						}
					}
					out.writeEndArray();
				}
				else if (token == JsonToken.VALUE_STRING) {
					out.writeString(this.in.getText());
				}
				else {
					scalar(out, token);
				}
			}

			/** A number, boolean or null, written as the tree's node of it writes itself. */
			private void scalar(JsonGenerator out, JsonToken token) throws IOException, NeedsTree {
				switch (token) {
					case VALUE_NUMBER_INT -> {
						switch (this.in.getNumberType()) {
							case INT -> out.writeNumber(this.in.getIntValue());
							case LONG -> out.writeNumber(this.in.getLongValue());
							default -> out.writeNumber(this.in.getBigIntegerValue());
						}
					}
					case VALUE_NUMBER_FLOAT -> out.writeNumber(this.in.getDoubleValue());
					case VALUE_TRUE -> out.writeBoolean(true);
					case VALUE_FALSE -> out.writeBoolean(false);
					case VALUE_NULL -> out.writeNull();
					default -> throw NeedsTree.INSTANCE;
				}
			}

			/** A string the rewrite would try as embedded JSON (it starts and ends with braces). */
			private static boolean mayHoldObject(String value) {
				String text = value.strip();
				return text.startsWith("{") && text.endsWith("}");
			}

			/**
			 * The string value the parser stands on, written from the parser's own characters: most of a receipt's
			 * values are neither the expiry nor a permission, and a string made of each (then copied into the writer)
			 * was a tenth of the range threads' allocation at 1 M consents.
			 */
			private void copyString(JsonGenerator out) throws IOException, NeedsTree {
				char[] chars = this.in.getTextCharacters();
				int from = this.in.getTextOffset();
				int to = from + this.in.getTextLength();
				// as mayHoldObject: blanks at either end do not count (no blank lies outside Java's basic plane)
				int start = from;
				int end = to;
				while (start < end && Character.isWhitespace(chars[start])) {
					start++;
				}
				while (end > start && Character.isWhitespace(chars[end - 1])) {
					end--;
				}
				if (end - start >= 2 && chars[start] == '{' && chars[end - 1] == '}') {
					throw NeedsTree.INSTANCE;
				}
				out.writeString(chars, from, to - from);
			}

		}

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
		if (this.streamed != null) {
			String raw = this.streamed.expiry;
			return raw == null || raw.isBlank() ? new Expiry(0, Expiry.Kind.ABSENT, null) : parseExpiry(raw);
		}
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
		Expiry plain = plainIsoDateTime(text, raw);
		if (plain != null) {
			return plain;
		}
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

	/**
	 * The common spellings read without the general parser: {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction, then
	 * {@code Z}, {@code ±HH:MM} or nothing. Gives what {@code OffsetDateTime.parse} (or, without an offset,
	 * {@code LocalDateTime.parse} in UTC) gives for them; {@code null} for anything else, which the general parsers read.
	 */
	private static Expiry plainIsoDateTime(String text, String raw) {
		int n = text.length();
		if (n < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
				|| text.charAt(16) != ':') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()
				|| hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
			return null;
		}
		int at = 19;
		if (at < n && text.charAt(at) == '.') {
			int fraction = at + 1;
			while (at + 1 < n && text.charAt(at + 1) >= '0' && text.charAt(at + 1) <= '9') {
				at++;
			}
			at++;
			if (at == fraction || at - fraction > 9) {
				return null;
			}
		}
		long local = LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second;
		if (at == n) {
			return new Expiry(local, Expiry.Kind.ASSUMED_UTC, raw);
		}
		if (at + 1 == n && text.charAt(at) == 'Z') {
			return new Expiry(local, Expiry.Kind.EXACT, raw);
		}
		char sign = text.charAt(at);
		if (at + 6 != n || (sign != '+' && sign != '-') || text.charAt(at + 3) != ':') {
			return null;
		}
		int offsetHours = digits(text, at + 1, 2);
		int offsetMinutes = digits(text, at + 4, 2);
		if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59 || offsetHours > 18
				|| offsetHours == 18 && offsetMinutes > 0) {
			return null;
		}
		int offset = (offsetHours * 3_600 + offsetMinutes * 60) * (sign == '-' ? -1 : 1);
		return new Expiry(local - offset, Expiry.Kind.EXACT, raw);
	}

	/** The number written by {@code count} ASCII digits at {@code from}, or -1. */
	private static int digits(String text, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
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

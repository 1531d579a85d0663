package io.obmigrate.dcr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * How a DCR request attribute is stored as a service-provider property value, the way OB 3.0 registers a client
 * natively, not the way WSO2's migrator did:
 * <ul>
 * <li>a list: elements joined with {@code #}; a one-element list gets a trailing {@code #} so OB 3.0 still reads it as a
 * list; elements that are objects or lists are compact JSON; an empty list (or one of nulls only) is not stored;</li>
 * <li>an object: compact JSON (WSO2 wrote Java map text);</li>
 * <li>a number: integers as integer text (WSO2 wrote {@code 1.571808167E9}), others in plain decimal;</li>
 * <li>null: not stored; anything else: its text.</li>
 * </ul>
 */
public final class PropertyEncoding {

	public static final String LIST_SEPARATOR = "#";

	static final ObjectMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private PropertyEncoding() {
	}

	/** Parses a stored DCR request; throws {@link IllegalArgumentException} with the reason when it is not a JSON object. */
	public static JsonNode parseRequest(String request) {
		if (request == null || request.isBlank()) {
			throw new IllegalArgumentException("the request is empty");
		}
		JsonNode node;
		try {
			node = JSON.readTree(request);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("the request is not valid JSON (" + ex.getOriginalMessage() + ")");
		}
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException("the request is JSON but not an object");
		}
		return node;
	}

	/** The property value of an attribute, or empty when the attribute is not stored (null, empty list). */
	public static Optional<String> encode(JsonNode value) {
		if (value == null || value.isNull() || value.isMissingNode()) {
			return Optional.empty();
		}
		if (value.isArray()) {
			List<String> elements = new ArrayList<>();
			for (JsonNode element : value) {
				if (!element.isNull()) {
					elements.add(element.isContainerNode() ? compactJson(element) : scalar(element));
				}
			}
			if (elements.isEmpty()) {
				return Optional.empty();
			}
			String joined = String.join(LIST_SEPARATOR, elements);
			return Optional.of(elements.size() == 1 ? joined + LIST_SEPARATOR : joined);
		}
		if (value.isObject()) {
			return Optional.of(compactJson(value));
		}
		return Optional.of(scalar(value));
	}

	/** Whether a scalar's text would be mis-read by OB 3.0 as a list ({@code #}) or an object ({@code {}). */
	public static boolean misreadAsListOrObject(JsonNode value) {
		if (value == null || value.isContainerNode() || value.isNull()) {
			return false;
		}
		String text = scalar(value);
		return text.contains(LIST_SEPARATOR) || text.contains("{");
	}

	private static String scalar(JsonNode value) {
		if (value.isNumber()) {
			BigDecimal decimal = value.decimalValue().stripTrailingZeros();
			return decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
		}
		return value.asText();
	}

	private static String compactJson(JsonNode value) {
		try {
			return JSON.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

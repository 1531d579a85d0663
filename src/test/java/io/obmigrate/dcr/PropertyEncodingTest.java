package io.obmigrate.dcr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Atlas E.3 step 5 and E.4 #1: values stored the way OB 3.0 registers a client natively. */
class PropertyEncodingTest {

	private static Optional<String> encode(String json) {
		JsonNode node = PropertyEncoding.parseRequest("{\"a\":" + json + "}").get("a");
		return PropertyEncoding.encode(node);
	}

	@Test
	void oneElementListGetsTrailingSeparator() {
		assertThat(encode("[\"https://tpp/cb\"]")).contains("https://tpp/cb#");
	}

	@Test
	void severalElementsAreJoinedWithoutTrailingSeparator() {
		assertThat(encode("[\"a\",\"b\",\"c\"]")).contains("a#b#c");
	}

	@Test
	void duplicatedLastElementKeepsItsSeparator() {
		// WSO2 recognised the last element by value, so a#b#a lost a separator (E.3 step 5)
		assertThat(encode("[\"a\",\"b\",\"a\"]")).contains("a#b#a");
	}

	@Test
	void emptyListIsNotStored() {
		// WSO2 crashed on it (E.3 step 5); OB 3.0 skips it
		assertThat(encode("[]")).isEmpty();
		assertThat(encode("[null]")).isEmpty();
	}

	@Test
	void nullIsNotStored() {
		assertThat(encode("null")).isEmpty();
	}

	@Test
	void nestedObjectIsCompactJsonNotJavaMapText() {
		assertThat(encode("{ \"keys\": [ {\"kid\": \"k1\", \"kty\": \"RSA\"} ] }"))
			.contains("{\"keys\":[{\"kid\":\"k1\",\"kty\":\"RSA\"}]}");
	}

	@Test
	void listOfObjectsIsJsonElementsJoined() {
		assertThat(encode("[{\"a\":1},{\"b\":2}]")).contains("{\"a\":1}#{\"b\":2}");
		assertThat(encode("[{\"a\":1}]")).contains("{\"a\":1}#");
	}

	@Test
	void integerIsIntegerTextNotDouble() {
		// WSO2 wrote 1.571808167E9
		assertThat(encode("1571808167")).contains("1571808167");
		assertThat(encode("1.571808167E9")).contains("1571808167");
	}

	@Test
	void decimalIsPlainText() {
		assertThat(encode("0.25")).contains("0.25");
	}

	@Test
	void booleanIsItsText() {
		assertThat(encode("true")).contains("true");
	}

	@Test
	void stringIsItsText() {
		assertThat(encode("\"private_key_jwt\"")).contains("private_key_jwt");
	}

	@Test
	void scalarWithHashOrBraceIsFlagged() {
		JsonNode request = PropertyEncoding.parseRequest("{\"a\":\"x#y\",\"b\":\"{z\",\"c\":\"plain\"}");
		assertThat(PropertyEncoding.misreadAsListOrObject(request.get("a"))).isTrue();
		assertThat(PropertyEncoding.misreadAsListOrObject(request.get("b"))).isTrue();
		assertThat(PropertyEncoding.misreadAsListOrObject(request.get("c"))).isFalse();
	}

	@Test
	void requestMustBeAJsonObject() {
		assertThatThrownBy(() -> PropertyEncoding.parseRequest("not json")).hasMessageContaining("not valid JSON");
		assertThatThrownBy(() -> PropertyEncoding.parseRequest("[1]")).hasMessageContaining("not an object");
		assertThatThrownBy(() -> PropertyEncoding.parseRequest(" ")).hasMessageContaining("empty");
	}

}

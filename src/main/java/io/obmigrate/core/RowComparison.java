package io.obmigrate.core;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Compares the rows a job's rules say a table holds with the rows it holds, column by column, in verify's terms: a
 * missing row, an unexpected row, or a column whose value differs. Values are compared by meaning, not by driver type:
 * numbers by value (1 = 1.0), booleans as 1/0, text columns the database stores as JSON by their JSON content.
 */
public final class RowComparison {

	private static final ObjectMapper JSON = new ObjectMapper();

	private RowComparison() {
	}

	/** One row of a table: its key and its values by upper-case column name. */
	public record Row(String key, String subject, Map<String, Object> values) {
	}

	/**
	 * The differences between the expected and the found rows of one table, for the same set of subjects.
	 *
	 * @param jsonColumns columns compared by JSON content when both values are JSON
	 */
	public static List<VerifyFailure> compare(String job, String table, Map<String, Row> expected,
			Map<String, Row> found, Set<String> jsonColumns) {
		List<VerifyFailure> failures = new ArrayList<>();
		for (Row want : expected.values()) {
			Row have = found.get(want.key());
			if (have == null) {
				failures.add(VerifyFailure.mismatch(job, table, want.key(), want.subject(), VerifyFailure.ROW,
						VerifyFailure.PRESENT, "missing"));
				continue;
			}
			for (Map.Entry<String, Object> column : want.values().entrySet()) {
				Object found1 = have.values().get(column.getKey());
				if (!same(column.getValue(), found1, jsonColumns.contains(column.getKey()))) {
					failures.add(VerifyFailure.mismatch(job, table, want.key(), want.subject(), column.getKey(),
							normal(column.getValue()), normal(found1)));
				}
			}
		}
		for (Row have : found.values()) {
			if (!expected.containsKey(have.key())) {
				failures.add(VerifyFailure.mismatch(job, table, have.key(), have.subject(), VerifyFailure.ROW,
						VerifyFailure.ABSENT, "unexpected row"));
			}
		}
		return failures;
	}

	/** Whether two values mean the same. */
	public static boolean same(Object expected, Object found, boolean json) {
		Object a = normal(expected);
		Object b = normal(found);
		if (a == null || b == null) {
			return a == b;
		}
		if (a instanceof byte[] x && b instanceof byte[] y) {
			return Arrays.equals(x, y);
		}
		if (a instanceof byte[] x) {
			return new String(x, java.nio.charset.StandardCharsets.UTF_8).equals(b.toString());
		}
		if (b instanceof byte[] y) {
			return new String(y, java.nio.charset.StandardCharsets.UTF_8).equals(a.toString());
		}
		if (a.equals(b)) {
			return true;
		}
		if (json) {
			try {
				JsonNode x = JSON.readTree(a.toString());
				JsonNode y = JSON.readTree(b.toString());
				return x != null && x.equals(y);
			}
			catch (IOException ex) {
				return false;
			}
		}
		return false;
	}

	/**
	 * A value in comparable form: numbers as plain decimal text, booleans as 1 or 0, character and binary large objects
	 * read, other values as text; bytes stay bytes.
	 */
	public static Object normal(Object value) {
		if (value == null || value instanceof String) {
			return value;
		}
		if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
			return value.toString();
		}
		if (value instanceof byte[]) {
			return value;
		}
		if (value instanceof Boolean flag) {
			return flag ? "1" : "0";
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
		}
		if (value instanceof Number number) {
			return normal(new BigDecimal(number.toString()));
		}
		if (value instanceof Clob clob) {
			try (Reader reader = clob.getCharacterStream()) {
				StringBuilder text = new StringBuilder();
				char[] buffer = new char[8192];
				for (int n; (n = reader.read(buffer)) > 0;) {
					text.append(buffer, 0, n);
				}
				return text.toString();
			}
			catch (SQLException | IOException ex) {
				throw new IllegalStateException("Cannot read a text value: " + ex.getMessage(), ex);
			}
		}
		if (value instanceof Blob blob) {
			try {
				return blob.getBytes(1, (int) blob.length());
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot read a binary value: " + ex.getMessage(), ex);
			}
		}
		if (value instanceof java.sql.Timestamp timestamp) {
			return timestamp.toLocalDateTime().toString();
		}
		if (value instanceof java.sql.Date date) {
			return date.toLocalDate().toString();
		}
		return value.toString();
	}

	/** The current row of a result set, upper-case column names to comparable values. */
	public static Map<String, Object> values(ResultSet rs) throws SQLException {
		ResultSetMetaData meta = rs.getMetaData();
		Map<String, Object> values = new LinkedHashMap<>();
		for (int i = 1; i <= meta.getColumnCount(); i++) {
			values.put(meta.getColumnLabel(i).toUpperCase(Locale.ROOT), normal(rs.getObject(i)));
		}
		return values;
	}

}

package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import io.obmigrate.support.TestDatabase;

/**
 * Every value written in bulk (COPY on PostgreSQL, literals on MariaDB in both quoting modes, a batch on H2) reads back
 * exactly as written: quotes, backslashes, the COPY markers, control characters, characters beyond Latin-1, nulls,
 * extreme numbers, any byte; statements longer than the limit are split; a row the database refuses fails the whole
 * insert with a data error, as a batch does.
 */
class BulkInsertTest {

	record Row(int id, String text, long number, boolean flag, byte[] bytes) {
	}

	static Stream<Arguments> databases() {
		return Stream.of(Arguments.of("h2"), Arguments.of("mariadb"), Arguments.of("mariadb-no-backslash-escapes"),
				Arguments.of("mariadb-load"), Arguments.of("postgresql"));
	}

	private static final List<String> TEXTS = Stream.concat(Stream.of("plain", "", "it's", "say \"hi\"", "back\\slash",
			"\\N", "\\.", "line\nbreak", "cr\rhere", "tab\there", "ctrl-z \u001a here", "é ü ñ ß", "中文 テキスト",
			"emoji 😀 pair", "\\", "'", "''", "trailing\\", "\\'", "mixed '\\\n\t\r\" end",
			"{\"json\": \"a\\\"b\", \"n\": [1, 2]}", "x".repeat(70_000) + "'\\\n" + "é".repeat(10_000)),
			longTexts()).toList();

	/**
	 * Values long enough (64 characters and more) to be searched for what needs escaping before they are copied
	 * whole: plain, and with each character a bulk form escapes (or might) at the start, inside and at the end.
	 */
	private static Stream<String> longTexts() {
		String body = "{\"Data\":{\"Permissions\":[\"ReadAccountsBasic\",\"ReadBalances\"],\"ExpirationDateTime\":\"";
		List<String> values = new ArrayList<>(List.of(body, body + "é ü 中文 😀 " + body));
		for (String special : List.of("'", "\\", "\n", "\r", "\t", "\u001a", "\"", "\\N", "é")) {
			values.addAll(List.of(special + body, body + special + body, body + special));
		}
		return values.stream();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void everyValueReadsBackAsWritten(String kind) {
		try (Target target = Target.of(kind)) {
			List<Row> rows = new ArrayList<>();
			byte[] everyByte = new byte[256];
			for (int i = 0; i < everyByte.length; i++) {
				everyByte[i] = (byte) i;
			}
			long[] numbers = { 0, -1, 9, 10, -99, 100, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L,
					-1_000_000_000_000_000_000L, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, 1_700_000_000_000L };
			byte[][] bytes = { everyByte, new byte[0], "\\\n\t'".getBytes(java.nio.charset.StandardCharsets.UTF_8),
					null };
			for (int i = 0; i < TEXTS.size(); i++) {
				rows.add(new Row(i, TEXTS.get(i), numbers[i % numbers.length], i % 2 == 0, bytes[i % bytes.length]));
			}
			rows.add(new Row(rows.size(), null, 7, true, null));
			writtenAndReadBack(target, rows);
		}
	}

	@ParameterizedTest
	@MethodSource("databases")
	void aLongInsertIsSentInSeveralStatements(String kind) {
		try (Target target = Target.of(kind)) {
			List<Row> rows = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				// 5 x 1.2 M characters: several statements (MySQL: 256 K characters each) or COPYs (4 MB each)
				rows.add(new Row(i, String.valueOf((char) ('a' + i)).repeat(1_200_000) + "'\\", i, false, null));
			}
			writtenAndReadBack(target, rows);
		}
	}

	@ParameterizedTest
	@MethodSource("databases")
	void aRefusedRowFailsTheInsertWithADataError(String kind) {
		try (Target target = Target.of(kind)) {
			List<Row> rows = List.of(new Row(1, "fits", 1, true, null), new Row(2, "x".repeat(50), 2, true, null));
			assertThatThrownBy(() -> target.write("BULK_SHORT", true, rows)).satisfies(ex -> assertThat(RowFaults.isRowFault(ex))
				.as("a data error (SQL state class 22): %s", ex.getMessage())
				.isTrue());
			assertThat(target.read()).isEmpty();
			// the batch way, as the consent writer uses for a single consent, reports the same kind of fault
			assertThatThrownBy(() -> target.write("BULK_SHORT", false, rows.subList(1, 2))).satisfies(ex -> assertThat(
					RowFaults.isRowFault(ex))
				.isTrue());
		}
	}

	/** MariaDB takes the NUL character in text (PostgreSQL refuses it in any form), literal or loaded. */
	@ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(
			strings = { "mariadb", "mariadb-no-backslash-escapes", "mariadb-load" })
	void aNulInTextReadsBackAsWritten(String kind) {
		try (Target target = Target.of(kind)) {
			writtenAndReadBack(target, List.of(new Row(1, "a\0b", 1, true, null), new Row(2, "\0", 2, false, null),
					new Row(3, "x".repeat(80) + "\0\\0", 3, true, null)));
		}
	}

	@ParameterizedTest
	@MethodSource("databases")
	void aDuplicateKeyFailsTheInsertWithAnIntegrityError(String kind) {
		try (Target target = Target.of(kind)) {
			List<Row> rows = List.of(new Row(1, "one", 1, true, null), new Row(2, "two", 2, true, null),
					new Row(1, "one again", 3, true, null));
			assertThatThrownBy(() -> target.write("BULK_KEY", true, rows))
				.satisfies(ex -> assertThat(RowFaults.isRowFault(ex))
					.as("an integrity error (SQL state class 23): %s", ex.getMessage())
					.isTrue());
			assertThat(new JdbcTemplate(target.dataSource())
				.queryForObject("SELECT COUNT(*) FROM BULK_KEY", Integer.class)).isZero();
		}
	}

	/**
	 * MariaDB: rows are loaded only on connections that send no file. The server may ask for a local file at any
	 * statement (here: a {@code LOAD DATA LOCAL INFILE} naming one); a guarded connection sends nothing, before and
	 * after it loaded rows, and stays usable. Unguarded, or with {@code allowLoadLocalInfile=false}, rows go as
	 * literals.
	 */
	@org.junit.jupiter.api.Test
	void rowsAreLoadedOnlyOnConnectionsThatSendNoFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
			throws Exception {
		java.nio.file.Path secret = java.nio.file.Files.writeString(dir.resolve("secret.txt"), "password=hunter2\n");
		try (Target target = Target.of("mariadb-load")) {
			JdbcTemplate jdbc = new JdbcTemplate(target.dataSource());
			String askForFile = "LOAD DATA LOCAL INFILE '" + secret + "' INTO TABLE BULK_T (TXT)";
			assertThat(jdbc.update(askForFile)).isZero();
			target.inTransaction(() -> {
				new BulkInsert(target.dataSource()).bulk().insert("BULK_T", COLUMNS,
						List.of(new Row(1, "loaded", 1, true, new byte[] { 0, 9, 10, 92 })), BulkInsertTest::values);
				// the same connection, right after its load
				assertThat(jdbc.update(askForFile)).isZero();
			});
			assertThat(target.read("BULK_T")).extracting(Row::text).containsExactly("loaded");
			String url = target.database().url();
			DataSource unguarded = new DriverManagerDataSource(url + "?allowLoadLocalInfile=true", "root", "");
			assertThat(new BulkInsert(unguarded).form()).as("a connection that was not guarded")
				.isEqualTo(BulkInsert.Form.LITERALS);
			// what the guard prevents: the driver alone sends the file the server names
			assertThat(new JdbcTemplate(unguarded).update(askForFile)).isEqualTo(1);
			assertThat(new BulkInsert(loading(url, false)).form()).as("allowLoadLocalInfile=false")
				.isEqualTo(BulkInsert.Form.LITERALS);
		}
	}

	/**
	 * MariaDB: a load's rows go to the server in packets of {@link LoadDataLocal#FILE_PACKET} bytes (a row larger than
	 * one across several) and arrive whole; the connection's own packet limit is back after each load, taken or
	 * refused, so a statement larger than a packet still goes on it.
	 */
	@org.junit.jupiter.api.Test
	void rowsLoadedInPacketsSmallerThanARowArriveWholeAndTheConnectionKeepsItsLimit() {
		String large = "0123456789abcdef".repeat(LoadDataLocal.FILE_PACKET / 16 * 3) + "end";
		byte[] bytes = new byte[LoadDataLocal.FILE_PACKET * 2 + 5];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (i * 31);
		}
		List<Row> rows = new ArrayList<>();
		rows.add(new Row(1, large, 1, true, bytes));
		for (int i = 2; i < 3_000; i++) {
			rows.add(new Row(i, "row " + i + " \t\n", i, i % 2 == 0, null));
		}
		try (Target target = Target.of("mariadb-load")) {
			target.inTransaction(() -> {
				JdbcTemplate jdbc = new JdbcTemplate(target.dataSource());
				int limit = packetLimit(jdbc);
				assertThat(limit).as("the server's max_allowed_packet").isGreaterThan(4 * LoadDataLocal.FILE_PACKET);
				BulkInsert.Way writer = new BulkInsert(target.dataSource()).bulk();
				writer.insert("BULK_T", COLUMNS, rows, BulkInsertTest::values);
				assertThat(packetLimit(jdbc)).isEqualTo(limit);
				assertThat(jdbc.queryForObject("SELECT LENGTH(?)", Integer.class, large)).isEqualTo(large.length());
				List<Row> duplicate = List.of(new Row(1, large, 1, true, null), new Row(1, "again", 2, true, null));
				assertThatThrownBy(() -> writer.insert("BULK_KEY", COLUMNS, duplicate, BulkInsertTest::values))
					.satisfies(ex -> assertThat(RowFaults.isRowFault(ex)).isTrue());
				assertThat(packetLimit(jdbc)).isEqualTo(limit);
			});
			assertThat(target.read("BULK_T")).usingRecursiveFieldByFieldElementComparator().isEqualTo(rows);
		}
	}

	/** The packet limit Connector/J holds for the connection the template's transaction runs on. */
	private static int packetLimit(JdbcTemplate jdbc) {
		return jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Integer>) connection -> connection
			.unwrap(com.mysql.cj.jdbc.JdbcConnection.class)
			.getPropertySet()
			.getIntegerProperty(com.mysql.cj.conf.PropertyKey.maxAllowedPacket)
			.getValue());
	}

	/** Connections as obmigrate's pools open them to MySQL/MariaDB (guarded, loads allowed unless turned off). */
	private static DataSource loading(String url, boolean allowed) {
		ObmigrateDataSources.DriverSource source;
		try {
			source = new ObmigrateDataSources.DriverSource(new com.mysql.cj.jdbc.Driver(), url);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
		java.util.Properties properties = new java.util.Properties();
		properties.put("allowLoadLocalInfile", String.valueOf(allowed));
		source.setConnectionProperties(properties);
		source.setUsername("root");
		source.setPassword("");
		return source;
	}

	/** An item with rows in two tables: its own row and its children (in the second table). */
	record Item(Row row, List<Row> children) {
	}

	@ParameterizedTest
	@MethodSource("databases")
	void rowsStagedAsItemsAreMadeAreWrittenAsStaged(String kind) {
		try (Target target = Target.of(kind)) {
			List<Item> items = new ArrayList<>();
			for (int i = 0; i < TEXTS.size(); i++) {
				List<Row> children = new ArrayList<>();
				for (int c = 0; c < i % 3; c++) {
					children.add(new Row(100 * i + c, TEXTS.get((i + c) % TEXTS.size()), -i, c == 0, null));
				}
				items.add(new Item(new Row(i, TEXTS.get(i), i * 1_000_000_007L, i % 2 == 1, null), children));
			}
			int[] rowsWritten = new int[1];
			BulkInsert bulk = new BulkInsert(target.dataSource());
			BulkInsert.Tables<Item> tables = bulk.tables(List.of(
					new BulkInsert.Table<Item, Row>("BULK_T", COLUMNS, item -> List.of(item.row()), (row, values) -> {
						rowsWritten[0]++;
						values(row, values);
					}), new BulkInsert.Table<Item, Row>("BULK_CHILD", COLUMNS, Item::children, (row, values) -> {
						rowsWritten[0]++;
						values(row, values);
					})));
			int rows = items.size() + items.stream().mapToInt(item -> item.children().size()).sum();
			target.inTransaction(() -> {
				items.forEach(tables::stage);
				int staged = rowsWritten[0];
				bulk.bulk().insert(tables, items);
				// in a bulk form each row's values were written once, when staged; H2 takes them at the insert
				assertThat(kind.equals("h2") ? List.of(staged, rowsWritten[0]) : List.of(rowsWritten[0]))
					.isEqualTo(kind.equals("h2") ? List.of(0, rows) : List.of(rows));
			});
			assertThat(target.read("BULK_T")).usingRecursiveFieldByFieldElementComparator()
				.isEqualTo(items.stream().map(Item::row).toList());
			assertThat(target.read("BULK_CHILD")).usingRecursiveFieldByFieldElementComparator()
				.isEqualTo(items.stream().flatMap(item -> item.children().stream()).toList());
		}
	}

	@ParameterizedTest
	@MethodSource("databases")
	void itemsOtherThanTheStagedOnesAreWrittenFromTheirValues(String kind) {
		try (Target target = Target.of(kind)) {
			List<Item> items = List.of(new Item(new Row(1, "one", 1, true, null), List.of()),
					new Item(new Row(2, "two", 2, false, null), List.of(new Row(20, "child", 20, true, null))),
					new Item(new Row(3, "three", 3, true, null), List.of()));
			BulkInsert bulk = new BulkInsert(target.dataSource());
			BulkInsert.Tables<Item> tables = parentAndChild(bulk);
			target.inTransaction(() -> {
				items.forEach(tables::stage);
				// the chunk without its first item (say, one the database refused): not what was staged
				bulk.bulk().insert(tables, items.subList(1, 3));
			});
			assertThat(target.read("BULK_T")).extracting(Row::id).containsExactly(2, 3);
			assertThat(target.read("BULK_CHILD")).extracting(Row::id).containsExactly(20);
		}
	}

	@ParameterizedTest
	@MethodSource("databases")
	void stagedRowsPastTheLimitAreWrittenFromTheirValuesInParts(String kind) {
		try (Target target = Target.of(kind)) {
			List<Item> items = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				// 6 x 1.2 M characters: staging is given up past 4 M; MySQL splits the rest into several statements
				items.add(new Item(new Row(i, String.valueOf((char) ('a' + i)).repeat(1_200_000) + "'\\", i, false, null),
						List.of(new Row(10 + i, "small " + i, i, true, null))));
			}
			BulkInsert bulk = new BulkInsert(target.dataSource());
			BulkInsert.Tables<Item> tables = parentAndChild(bulk);
			target.inTransaction(() -> {
				items.forEach(tables::stage);
				bulk.bulk().insert(tables, items);
			});
			assertThat(target.read("BULK_T")).usingRecursiveFieldByFieldElementComparator()
				.isEqualTo(items.stream().map(Item::row).toList());
			assertThat(target.read("BULK_CHILD")).extracting(Row::id).containsExactly(10, 11, 12, 13, 14, 15);
		}
	}

	@ParameterizedTest
	@MethodSource("databases")
	void manyStagedRowsAreSentInSeveralStatements(String kind) {
		try (Target target = Target.of(kind)) {
			List<Item> items = new ArrayList<>();
			for (int i = 0; i < 3_000; i++) {
				// 3,000 rows of 300 characters: over the MySQL statement size, under the staging limit
				items.add(new Item(new Row(i, "r" + i + " '\\ " + "x".repeat(300), i, i % 2 == 0, null), List.of()));
			}
			BulkInsert bulk = new BulkInsert(target.dataSource());
			BulkInsert.Tables<Item> tables = bulk.tables(List.of(new BulkInsert.Table<Item, Row>("BULK_T", COLUMNS,
					item -> List.of(item.row()), BulkInsertTest::values)));
			target.inTransaction(() -> {
				items.forEach(tables::stage);
				bulk.bulk().insert(tables, items);
			});
			assertThat(target.read("BULK_T")).usingRecursiveFieldByFieldElementComparator()
				.isEqualTo(items.stream().map(Item::row).toList());
		}
	}

	/**
	 * PostgreSQL: COPY's binary form where every column's live type takes it (BULK_T: integer, text, bigint, boolean,
	 * bytea); text where a column's type is another (numeric), and for the rest of a table once a value does not fit
	 * its column in binary (a number beyond an integer column's range: the database then refuses it itself, as a data
	 * error). Numbers and flags in text columns read back as the text form writes them.
	 */
	@org.junit.jupiter.api.Test
	void postgresqlCopiesInBinaryWhereTheColumnsTakeItAndAsTextElsewhere() {
		try (Target target = Target.of("postgresql")) {
			JdbcTemplate jdbc = new JdbcTemplate(target.dataSource());
			jdbc.execute("CREATE TABLE BULK_NUMERIC (ID INT, TXT TEXT, NUM NUMERIC(20), FLAG BOOLEAN, BIN BYTEA)");
			jdbc.execute("CREATE TABLE BULK_AS_TEXT (ID SMALLINT, TXT VARCHAR(50), NUM VARCHAR(30), FLAG CHAR(1),"
					+ " BIN BYTEA)");
			BulkInsert bulk = new BulkInsert(target.dataSource());
			assertThat(bulk.binaryLayout("BULK_T", COLUMNS)).as("integer, text, bigint, boolean, bytea").containsExactly(
					BulkInsert.CopyText.INT4, BulkInsert.CopyText.TEXT, BulkInsert.CopyText.INT8,
					BulkInsert.CopyText.BOOL, BulkInsert.CopyText.BYTEA);
			assertThat(bulk.binaryLayout("BULK_NUMERIC", COLUMNS)).as("numeric: text").isNull();
			assertThat(bulk.binaryLayout("NO_SUCH_TABLE", COLUMNS)).isNull();

			List<Row> rows = List.of(new Row(1, "é ü 中文 😀", Long.MAX_VALUE, true, new byte[] { 0, 1, -1 }),
					new Row(2, null, Long.MIN_VALUE, false, null));
			target.write("BULK_NUMERIC", true, rows);
			assertThat(target.read("BULK_NUMERIC")).usingRecursiveFieldByFieldElementComparator().isEqualTo(rows);

			// smallint, and a number and a flag in text columns: as the text form writes them
			List<Row> small = List.of(new Row(7, "seven", -42, true, null), new Row(-8, "x".repeat(50), 1L << 40, false,
					new byte[] { 9 }));
			target.write("BULK_AS_TEXT", true, small);
			assertThat(jdbc.queryForList("SELECT ID || '|' || NUM || '|' || FLAG FROM BULK_AS_TEXT ORDER BY ID",
					String.class)).containsExactly("-8|1099511627776|f", "7|-42|t");

			// a number beyond the integer ID column: the rows before it go in binary, it and the rest as text, where
			// PostgreSQL refuses it
			List<Row> tooBig = List.of(new Row(1, "fits", 1, true, null), new Row(2, "fits", 2, true, null));
			BulkInsert.RowWriter<Row> idTooBig = (row, values) -> {
				values.number(row.id() == 2 ? 1L << 33 : row.id());
				values.text(row.text());
				values.number(row.number());
				values.flag(row.flag());
				values.bytes(row.bytes());
			};
			assertThatThrownBy(() -> target.inTransaction(() -> new BulkInsert(target.dataSource()).bulk()
				.insert("BULK_T", COLUMNS, tooBig, idTooBig))).satisfies(ex -> assertThat(RowFaults.isRowFault(ex))
					.as("a data error: %s", ex.getMessage())
					.isTrue())
				.hasMessageContaining("out of range");
			BulkInsert staging = new BulkInsert(target.dataSource());
			BulkInsert.Tables<Row> tables = staging.tables(List.of(new BulkInsert.Table<Row, Row>("BULK_T", COLUMNS,
					List::of, idTooBig)));
			assertThatThrownBy(() -> target.inTransaction(() -> {
				tooBig.forEach(tables::stage);
				staging.bulk().insert(tables, tooBig);
			})).hasMessageContaining("out of range");
			assertThat(staging.binaryLayout("BULK_T", COLUMNS)).as("the table is written as text from then on").isNull();
			assertThat(target.read("BULK_T")).isEmpty();
		}
	}

	/** An item's row in BULK_T, its children in BULK_CHILD. */
	private static BulkInsert.Tables<Item> parentAndChild(BulkInsert bulk) {
		return bulk.tables(List.of(
				new BulkInsert.Table<Item, Row>("BULK_T", COLUMNS, item -> List.of(item.row()), BulkInsertTest::values),
				new BulkInsert.Table<Item, Row>("BULK_CHILD", COLUMNS, Item::children, BulkInsertTest::values)));
	}

	private static void writtenAndReadBack(Target target, List<Row> rows) {
		target.write("BULK_T", true, rows);
		assertThat(target.read()).usingRecursiveFieldByFieldElementComparator().isEqualTo(rows);
	}

	/** A test database with the table, written through {@link BulkInsert} in one transaction. */
	private record Target(TestDatabase database, DataSource dataSource, String kind) implements AutoCloseable {

		static Target of(String kind) {
			TestDatabase database = switch (kind) {
				case "h2" -> TestDatabase.h2();
				case "postgresql" -> TestDatabase.postgres();
				default -> TestDatabase.mariadb();
			};
			String url = database.url();
			if (kind.equals("mariadb-no-backslash-escapes")) {
				url += "?sessionVariables=sql_mode='NO_BACKSLASH_ESCAPES,STRICT_TRANS_TABLES'";
			}
			DataSource dataSource = kind.equals("mariadb-load") ? loading(url, true)
					: new DriverManagerDataSource(url, database.kind().equals("postgresql") ? "postgres"
							: database.kind().equals("h2") ? "sa" : "root", "");
			String text = kind.equals("postgresql") ? "TEXT" : kind.equals("h2") ? "VARCHAR(10000000)" : "LONGTEXT";
			String binary = kind.equals("postgresql") ? "BYTEA" : kind.equals("h2") ? "VARBINARY(1000)" : "LONGBLOB";
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			jdbc.execute("CREATE TABLE BULK_T (ID INT, TXT " + text + ", NUM BIGINT, FLAG BOOLEAN, BIN " + binary + ")");
			jdbc.execute("CREATE TABLE BULK_SHORT (ID INT, TXT VARCHAR(10), NUM BIGINT, FLAG BOOLEAN, BIN "
					+ binary + ")");
			jdbc.execute("CREATE TABLE BULK_CHILD (ID INT, TXT " + text + ", NUM BIGINT, FLAG BOOLEAN, BIN " + binary
					+ ")");
			jdbc.execute("CREATE TABLE BULK_KEY (ID INT PRIMARY KEY, TXT VARCHAR(100), NUM BIGINT, FLAG BOOLEAN, BIN "
					+ binary + ")");
			if (kind.startsWith("mariadb")) {
				assertThat(jdbc.queryForObject("SELECT @@SESSION.sql_mode", String.class))
					.matches(mode -> kind.contains("no-backslash") == mode.contains("NO_BACKSLASH_ESCAPES"));
			}
			// each kind is written in the form it names
			assertThat(new BulkInsert(dataSource).form()).isEqualTo(switch (kind) {
				case "h2" -> BulkInsert.Form.BATCH;
				case "postgresql" -> BulkInsert.Form.COPY;
				case "mariadb-load" -> BulkInsert.Form.LOAD;
				default -> BulkInsert.Form.LITERALS;
			});
			return new Target(database, dataSource, kind);
		}

		/** In one transaction, in the bulk form or as a JDBC batch. */
		void write(String table, boolean bulkForm, List<Row> rows) {
			BulkInsert bulk = new BulkInsert(this.dataSource);
			new TransactionTemplate(new DataSourceTransactionManager(this.dataSource))
				.executeWithoutResult(status -> (bulkForm ? bulk.bulk() : bulk.batch()).insert(table, COLUMNS, rows,
						BulkInsertTest::values));
		}

		void inTransaction(Runnable work) {
			new TransactionTemplate(new DataSourceTransactionManager(this.dataSource))
				.executeWithoutResult(status -> work.run());
		}

		List<Row> read(String table) {
			return new JdbcTemplate(this.dataSource).query("SELECT ID, TXT, NUM, FLAG, BIN FROM " + table + " ORDER BY ID",
					(rs, n) -> new Row(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4), rs.getBytes(5)));
		}

		List<Row> read() {
			List<Row> rows = new ArrayList<>();
			for (String table : List.of("BULK_T", "BULK_SHORT")) {
				rows.addAll(new JdbcTemplate(this.dataSource).query(
						"SELECT ID, TXT, NUM, FLAG, BIN FROM " + table + " ORDER BY ID",
						(rs, n) -> new Row(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getBoolean(4),
								rs.getBytes(5))));
			}
			return rows;
		}

		@Override
		public void close() {
			this.database.close();
		}

	}

	private static final List<String> COLUMNS = List.of("ID", "TXT", "NUM", "FLAG", "BIN");

	private static void values(Row row, BulkInsert.Values values) throws java.sql.SQLException {
		values.number(row.id());
		values.text(row.text());
		values.number(row.number());
		values.flag(row.flag());
		values.bytes(row.bytes());
	}

}

package io.obmigrate.core;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCallback;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes the rows of one table in one go on the transaction-bound connection of a target database, in the cheapest
 * form that database takes: PostgreSQL's {@code COPY … FROM STDIN} (binary format where every column's type takes it,
 * else text); on MySQL/MariaDB COPY's text as the data of a {@code LOAD DATA LOCAL INFILE} where the server and the
 * connection allow it ({@link LoadDataLocal}),
 * else one {@code INSERT} of many rows written as literals; a JDBC batch of one prepared {@code INSERT} elsewhere (SQL
 * Server, Oracle, H2 in any mode).
 * <p>
 * Why: a JDBC batch makes the driver handle every value of every row as a parameter (typed, converted, length
 * counted, and on MySQL escaped into a rewritten statement value by value), which was most of the consent job's CPU.
 * Here the rows go straight into the text the database parses anyway; the values are the same, and a row the database
 * refuses fails the whole statement as a batch does, so {@link RowFaults} finds it the same way (with
 * {@link #batch()}, which gives the database's message for the row alone).
 */
public final class BulkInsert {

	/** Where one row's values go, in the order of the table's columns. */
	public interface Values {

		void text(String value) throws SQLException;

		void number(long value) throws SQLException;

		void flag(boolean value) throws SQLException;

		void bytes(byte[] value) throws SQLException;

	}

	/** Writes one row's values. */
	@FunctionalInterface
	public interface RowWriter<T> {

		void write(T row, Values values) throws SQLException;

	}

	/** One of the two ways of writing rows, chosen once for several tables. */
	public final class Way {

		private final boolean bulk;

		private Way(boolean bulk) {
			this.bulk = bulk;
		}

		public <T> void insert(String table, List<String> columns, List<T> rows, RowWriter<T> writer) {
			if (this.bulk) {
				insertBulk(table, columns, rows, writer);
			}
			else {
				insertBatch(table, columns, rows, writer);
			}
		}

		/**
		 * The rows of these items in each of the tables, parents first. In bulk, a table whose rows were
		 * {@linkplain Tables#stage staged} for exactly these items, in this order, is sent as staged.
		 */
		public <I> void insert(Tables<I> tables, List<I> items) {
			boolean staged = this.bulk && tables.holds(items);
			try {
				for (int t = 0; t < tables.tables.size(); t++) {
					if (staged && tables.isStaged(t)) {
						tables.sendStaged(t);
					}
					else {
						insertRowsOf(tables.tables.get(t), items);
					}
				}
			}
			finally {
				if (staged) {
					// sent (or failed): the same items written again are written from their values
					tables.clear();
				}
			}
		}

		private <I, R> void insertRowsOf(Table<I, R> table, List<I> items) {
			List<R> rows = new ArrayList<>();
			for (I item : items) {
				rows.addAll(table.rowsOf().apply(item));
			}
			insert(table.name(), table.columns(), rows, table.writer());
		}

	}

	/** A table rows of an item go to: its columns, the item's rows in it, and how a row's values are written. */
	public record Table<I, R>(String name, List<String> columns, Function<I, List<R>> rowsOf, RowWriter<R> writer) {

		public Table {
			columns = List.copyOf(columns);
		}

	}

	/**
	 * The tables an item's rows go to, parents first, and the rows of the chunk being made, staged in the target
	 * database's bulk form as each item is made.
	 * <p>
	 * Why: an item's values are in the processor's cache right after the item is made; by the time a whole chunk is
	 * written, a thousand items later, reading them back (thirty-odd strings per consent, each an object of its own)
	 * was mostly waiting for memory: a fifth of the consent job's range threads' CPU at 1 M consents. Staged, a
	 * table's rows for the chunk are one buffer, sent as it is. A table whose staged rows pass
	 * {@value BulkInsert#MAX_STAGED} bytes (large payment files, say) is no longer staged for that chunk: it is written
	 * from the items, in parts, as any table that is not staged.
	 * Rows are staged only in a bulk form (COPY, literals); the batch form takes the items' values as they are.
	 */
	public final class Tables<I> {

		private final List<Table<I, ?>> tables;

		/** The items whose rows are staged, in order. */
		private final List<I> items = new ArrayList<>();

		/** Per table, its staged rows; {@code null} when given up for this chunk. */
		private final Values[] staged;

		/** MySQL: per table, where each staged row ends (rows are separated by a comma). */
		private final int[][] rowEnds;

		private final int[] rowCounts;

		private Tables(List<Table<I, ?>> tables) {
			this.tables = List.copyOf(tables);
			this.staged = new Values[this.tables.size()];
			this.rowEnds = new int[this.tables.size()][];
			this.rowCounts = new int[this.tables.size()];
		}

		/** Stages an item's rows (after the items staged since the last {@link #clear}). */
		public void stage(I item) {
			if (form() == Form.BATCH) {
				return;
			}
			if (this.items.isEmpty()) {
				start();
			}
			this.items.add(item);
			try {
				for (int t = 0; t < this.tables.size(); t++) {
					if (this.staged[t] != null) {
						stageRowsOf(t, this.tables.get(t), item);
					}
				}
			}
			catch (SQLException ex) {
				// the bulk forms write into memory only
				throw new IllegalStateException(ex);
			}
		}

		private void start() {
			for (int t = 0; t < this.tables.size(); t++) {
				if (form() == Form.COPY || form() == Form.LOAD) {
					CopyText text = this.staged[t] instanceof CopyText copy ? copy : new CopyText(form() == Form.LOAD);
					text.reset(binaryLayout(this.tables.get(t).name(), this.tables.get(t).columns()));
					this.staged[t] = text;
				}
				else {
					Literals text = this.staged[t] instanceof Literals literals ? literals
							: new Literals(BulkInsert.this.backslashEscapes);
					text.out.setLength(0);
					this.staged[t] = text;
					if (this.rowEnds[t] == null) {
						this.rowEnds[t] = new int[64];
					}
				}
				this.rowCounts[t] = 0;
			}
		}

		private <R> void stageRowsOf(int t, Table<I, R> table, I item) throws SQLException {
			List<R> rows = table.rowsOf().apply(item);
			if (this.staged[t] instanceof CopyText text) {
				for (R row : rows) {
					if (!text.row(table.writer(), row)) {
						// a value the binary form cannot carry: the table's rows go as text from now on
						textOnly(table.name());
						this.staged[t] = null;
						return;
					}
				}
				if (text.length > MAX_STAGED) {
					this.staged[t] = null;
				}
			}
			else {
				Literals text = (Literals) this.staged[t];
				for (R row : rows) {
					if (this.rowCounts[t] > 0) {
						text.out.append(',');
					}
					text.row(table.writer(), row);
					if (this.rowCounts[t] == this.rowEnds[t].length) {
						this.rowEnds[t] = Arrays.copyOf(this.rowEnds[t], this.rowCounts[t] * 2);
					}
					this.rowEnds[t][this.rowCounts[t]++] = text.out.length();
				}
				if (text.out.length() > MAX_STAGED) {
					this.staged[t] = null;
				}
			}
		}

		/** Forgets the staged rows (the chunk was written, or given up). */
		public void clear() {
			this.items.clear();
		}

		boolean holds(List<I> items) {
			if (items.size() != this.items.size()) {
				return false;
			}
			for (int i = 0; i < items.size(); i++) {
				if (items.get(i) != this.items.get(i)) {
					return false;
				}
			}
			return true;
		}

		boolean isStaged(int t) {
			return this.staged[t] != null;
		}

		void sendStaged(int t) {
			String table = this.tables.get(t).name();
			List<String> columns = this.tables.get(t).columns();
			if (this.staged[t] instanceof CopyText text) {
				try {
					send(table, columns, text);
				}
				catch (SQLException ex) {
					throw translate("insert into " + table, copySql(table, columns, text.binary()), ex);
				}
			}
			else {
				sendLiterals(insertHead(table, columns), ((Literals) this.staged[t]).out, this.rowEnds[t],
						this.rowCounts[t]);
			}
		}

	}

	private static final int BATCH = 1000;

	/** COPY text is sent when it passes this many bytes (its buffer is kept for the next chunk). */
	private static final int MAX_COPY_BYTES = 4 << 20;

	/**
	 * A MySQL statement is sent when it passes this many characters (and a quarter of the packet limit): each
	 * statement is a new string and its bytes, and below this size neither is a "humongous" object the collector
	 * handles apart.
	 */
	private static final int MAX_STATEMENT_CHARS = 256 << 10;

	/** A table's staged rows of a chunk are given up when they pass this many bytes (or, for MySQL, characters). */
	private static final int MAX_STAGED = 4 << 20;

	/** MySQL: how the session reads string literals, and the largest statement it takes. */
	private static final String SESSION_QUERY = "SELECT @@SESSION.sql_mode, @@max_allowed_packet";

	/** MySQL: whether the server takes local loads (a server without the setting is written literals). */
	private static final String LOCAL_INFILE_QUERY = "SELECT @@local_infile";

	enum Form {

		COPY, LOAD, LITERALS, BATCH

	}

	private final DataSource target;

	private final JdbcTemplate jdbc;

	private Form form;

	/** MySQL: backslash is an escape character in string literals (no NO_BACKSLASH_ESCAPES in the session's mode). */
	private boolean backslashEscapes = true;

	private int maxStatementChars = MAX_STATEMENT_CHARS;

	/** The text of the rows being sent, kept for the next table and chunk (a writer belongs to one thread). */
	private CopyText copyText;

	/**
	 * PostgreSQL: per table and its columns, what each column takes in COPY's binary form ({@link CopyText#TEXT} and
	 * the like), or {@link #TEXT_FORM} for a table written in the text form: read from the catalogue once per table.
	 */
	private final java.util.Map<CopiedColumns, byte[]> binaryLayouts = new java.util.HashMap<>();

	/** In {@link #binaryLayouts}: the table is written in COPY's text form. */
	private static final byte[] TEXT_FORM = new byte[0];

	private record CopiedColumns(String table, List<String> columns) {
	}

	private Literals literals;

	private final Way bulk = new Way(true);

	private final Way batch = new Way(false);

	public BulkInsert(DataSource target) {
		this.target = target;
		this.jdbc = new JdbcTemplate(target);
	}

	/** Rows in the cheapest form the target database takes. */
	public Way bulk() {
		return this.bulk;
	}

	/** Rows as a JDBC batch of one prepared {@code INSERT}, whatever the database. */
	public Way batch() {
		return this.batch;
	}

	/** The tables an item's rows go to, parents first, with the rows of the chunk being made staged. */
	public <I> Tables<I> tables(List<Table<I, ?>> tables) {
		return new Tables<>(tables);
	}

	private <T> void insertBulk(String table, List<String> columns, List<T> rows, RowWriter<T> writer) {
		if (rows.isEmpty()) {
			return;
		}
		switch (form()) {
			case COPY, LOAD -> copy(table, columns, rows, writer);
			case LITERALS -> literals(table, columns, rows, writer);
			case BATCH -> insertBatch(table, columns, rows, writer);
		}
	}

	private <T> void insertBatch(String table, List<String> columns, List<T> rows, RowWriter<T> writer) {
		if (rows.isEmpty()) {
			return;
		}
		String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
				+ String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
		this.jdbc.batchUpdate(sql, rows, BATCH, (ps, row) -> writer.write(row, new Parameters(ps)));
	}

	/** The form rows are written in on this target, found on first use. */
	Form form() {
		if (this.form == null) {
			Connection connection = DataSourceUtils.getConnection(this.target);
			try {
				if (connection.isWrapperFor(PGConnection.class)) {
					this.form = Form.COPY;
				}
				else if (isMySql(connection.getMetaData().getDatabaseProductName())) {
					try (Statement statement = connection.createStatement();
							ResultSet session = statement.executeQuery(SESSION_QUERY)) {
						session.next();
						String mode = session.getString(1);
						this.backslashEscapes = mode == null
								|| !mode.toUpperCase(Locale.ROOT).contains("NO_BACKSLASH_ESCAPES");
						// a character takes up to 3 bytes (4 for a pair of chars): stay below a quarter of the packet
						this.maxStatementChars = (int) Math.min(MAX_STATEMENT_CHARS, session.getLong(2) / 4);
					}
					// rows loaded when the server and the connection allow it (LoadDataLocal), in the default
					// escaping, which the session's mode does not change for loads but obmigrate keeps to
					this.form = this.backslashEscapes && LoadDataLocal.usable(connection) && localInfile(connection)
							? Form.LOAD : Form.LITERALS;
				}
				else {
					this.form = Form.BATCH;
				}
			}
			catch (SQLException ex) {
				throw translate("the target database", SESSION_QUERY, ex);
			}
			finally {
				DataSourceUtils.releaseConnection(connection, this.target);
			}
		}
		return this.form;
	}

	private static boolean localInfile(Connection connection) {
		try (Statement statement = connection.createStatement();
				ResultSet server = statement.executeQuery(LOCAL_INFILE_QUERY)) {
			return server.next() && server.getBoolean(1);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private static boolean isMySql(String product) {
		String name = product.toLowerCase(Locale.ROOT);
		return name.contains("mysql") || name.contains("mariadb");
	}

	// ---- PostgreSQL: COPY FROM STDIN, binary or text format

	/** Rows as COPY data, sent every few megabytes (PostgreSQL: copied; MySQL/MariaDB: loaded). */
	private <T> void copy(String table, List<String> columns, List<T> rows, RowWriter<T> writer) {
		if (this.copyText == null) {
			this.copyText = new CopyText(form() == Form.LOAD);
		}
		CopyText text = this.copyText;
		text.reset(binaryLayout(table, columns));
		try {
			for (T row : rows) {
				if (!text.row(writer, row)) {
					// a value the binary form cannot carry: the rows before it go as they are, this one and the rest
					// as text
					textOnly(table);
					send(table, columns, text);
					text.reset(null);
					text.row(writer, row);
				}
				if (text.length >= MAX_COPY_BYTES) {
					send(table, columns, text);
				}
			}
			send(table, columns, text);
		}
		catch (SQLException ex) {
			throw translate("insert into " + table, copySql(table, columns, text.binary()), ex);
		}
	}

	private static String copySql(String table, List<String> columns, boolean binary) {
		return "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN" + (binary ? " (FORMAT binary)" : "");
	}

	/** The text's rows: loaded on MySQL/MariaDB, copied on PostgreSQL. */
	private void send(String table, List<String> columns, CopyText text) throws SQLException {
		if (text.mysql) {
			sendLoad(table, columns, text);
		}
		else {
			sendCopy(copySql(table, columns, text.binary()), text);
		}
	}

	/**
	 * PostgreSQL: what each of these columns of the table takes in COPY's binary form, or null when one of them has a
	 * type the binary form is not written for here (the table is then written as text, which every type parses).
	 * Elsewhere null.
	 * <p>
	 * Why: PostgreSQL reads a binary value by its length, where text is scanned byte by byte for the separators and
	 * escapes; copying the consent tables' rows from a file took a quarter less of the server's time in binary form.
	 * The binary form must match each column's type exactly (an {@code integer} takes four bytes, a {@code bigint}
	 * eight), so the types are read from the live table, not assumed from the script.
	 */
	byte[] binaryLayout(String table, List<String> columns) {
		if (form() != Form.COPY) {
			return null;
		}
		byte[] layout = this.binaryLayouts.computeIfAbsent(new CopiedColumns(table, columns), this::readLayout);
		return layout == TEXT_FORM ? null : layout;
	}

	/** The binary layout of these columns from the live table's types; {@link #TEXT_FORM} when one has no binary kind. */
	private byte[] readLayout(CopiedColumns copied) {
		java.util.Map<String, String> types = new java.util.HashMap<>();
		try {
			this.jdbc.query("SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
					+ " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped",
					row -> {
						types.put(row.getString(1), row.getString(2));
					}, copied.table());
		}
		catch (DataAccessException ex) {
			// the catalogue cannot say: text, which needs no types
			return TEXT_FORM;
		}
		byte[] layout = new byte[copied.columns().size()];
		for (int c = 0; c < layout.length; c++) {
			layout[c] = CopyText.binaryType(types.get(copied.columns().get(c).toLowerCase(Locale.ROOT)));
			if (layout[c] == 0) {
				return TEXT_FORM;
			}
		}
		return layout;
	}

	/** A value of this table did not fit the binary form: it is written as text from now on. */
	private void textOnly(String table) {
		this.binaryLayouts.replaceAll((copied, layout) -> copied.table().equals(table) ? TEXT_FORM : layout);
	}

	/** MySQL/MariaDB: the rows as the data of a {@code LOAD DATA LOCAL INFILE}, all of them or the chunk fails. */
	private void sendLoad(String table, List<String> columns, CopyText text) {
		if (text.rows == 0) {
			return;
		}
		StringBuilder sql = new StringBuilder("LOAD DATA LOCAL INFILE 'obmigrate-rows' INTO TABLE ").append(table)
			.append(" CHARACTER SET utf8mb4 (");
		StringBuilder set = new StringBuilder();
		for (int c = 0; c < columns.size(); c++) {
			sql.append(c == 0 ? "" : ", ");
			if (c < Long.SIZE && (text.binaryColumns & (1L << c)) != 0) {
				// the hex digits into a variable, the column set from it
				sql.append("@v").append(c);
				set.append(set.isEmpty() ? " SET " : ", ").append(columns.get(c)).append(" = UNHEX(@v").append(c)
					.append(')');
			}
			else {
				sql.append(columns.get(c));
			}
		}
		String statement = sql.append(')').append(set).toString();
		int rows = text.rows;
		try {
			this.jdbc.execute((StatementCallback<Integer>) st -> LoadDataLocal.load(st, statement, text.bytes,
					text.length, rows));
		}
		finally {
			text.reset();
		}
	}

	private void sendCopy(String sql, CopyText text) throws SQLException {
		if (text.rows == 0) {
			text.reset();
			return;
		}
		text.end();
		Connection connection = DataSourceUtils.getConnection(this.target);
		try {
			CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
			try {
				copy.writeToCopy(text.bytes, 0, text.length);
				copy.endCopy();
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
		}
		finally {
			text.reset();
			DataSourceUtils.releaseConnection(connection, this.target);
		}
	}

	/**
	 * Rows in COPY's text format, as the UTF-8 bytes sent: values separated by tabs, {@code \N} for null, backslash,
	 * newline, carriage return and tab escaped. MySQL's {@code LOAD DATA} reads the same text in its default format;
	 * for it a flag is {@code 1} or {@code 0} and bytes are hex digits, which the statement turns back into bytes
	 * ({@code UNHEX}) for the columns that had any. A value in plain ASCII is copied character by character; any other
	 * is encoded once and copied in runs between the bytes to escape (in UTF-8 those are never part of another
	 * character).
	 * <p>
	 * Or, given a binary layout, rows in COPY's binary format: a header, then per row its number of values and each
	 * value as its length and its bytes (text as UTF-8, numbers as big-endian integers of the column's width, a flag
	 * as one byte, bytes as they are; -1 for null), and a trailer. A value the layout's column cannot take in binary
	 * (a number beyond an {@code integer} column's range, text for a number column) makes the row unfit: it is taken
	 * back, and the caller writes it and the rest as text, where the database itself accepts or refuses the value.
	 */
	/**
	 * From this length on, a text value is first searched for the characters its bulk form escapes (the JDK's searches
	 * are vectorised) and, having none (a receipt, nearly always), copied whole.
	 */
	private static final int LONG_TEXT = 64;

	static final class CopyText implements Values {

		private static final byte[] NULL = { '\\', 'N' };

		/** For MySQL's {@code LOAD DATA} instead of PostgreSQL's {@code COPY}. */
		private final boolean mysql;

		private byte[] bytes = new byte[1 << 16];

		private int length;

		/** The rows in the text. */
		private int rows;

		/** The column of the value being written, from 0. */
		private int column;

		/** MySQL: a bit per column that holds bytes (hex digits) in some row of the text. */
		private long binaryColumns;

		private boolean first;

		/** PostgreSQL's binary format: per column what it takes ({@link #TEXT} …); null for the text format. */
		private byte[] layout;

		/** The row being written holds a value its column cannot take in binary. */
		private boolean unfit;

		/** Column kinds of a binary layout (0: none the binary form is written for). */
		static final byte TEXT = 1;

		static final byte INT2 = 2;

		static final byte INT4 = 3;

		static final byte INT8 = 4;

		static final byte BOOL = 5;

		static final byte BYTEA = 6;

		/** The binary form's signature, flags (none) and header extension (none). */
		private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0,
				0, 0, 0, 0 };

		CopyText(boolean mysql) {
			this.mysql = mysql;
		}

		/** What a column of this PostgreSQL type ({@code pg_type.typname}) takes in binary; 0 for the text form. */
		static byte binaryType(String type) {
			if (type == null) {
				return 0;
			}
			return switch (type) {
				case "varchar", "text", "bpchar" -> TEXT;
				case "int2" -> INT2;
				case "int4" -> INT4;
				case "int8" -> INT8;
				case "bool" -> BOOL;
				case "bytea" -> BYTEA;
				default -> 0;
			};
		}

		boolean binary() {
			return this.layout != null;
		}

		/** Empty, in the text format or (given a layout) the binary one. */
		void reset(byte[] layout) {
			this.layout = layout;
			reset();
		}

		/** Empty, in the same format. */
		void reset() {
			this.length = 0;
			this.rows = 0;
			this.binaryColumns = 0;
			if (this.layout != null) {
				put(HEADER, 0, HEADER.length);
			}
		}

		/** The binary format's trailer, once the rows are all there. */
		void end() {
			if (this.layout != null) {
				put((byte) 0xff);
				put((byte) 0xff);
			}
		}

		/**
		 * One row: its values, then the line's end (binary: its number of values first). False, and nothing written,
		 * when a value does not fit the binary layout.
		 */
		<R> boolean row(RowWriter<R> writer, R row) throws SQLException {
			int start = this.length;
			this.first = true;
			this.column = -1;
			if (this.layout != null) {
				this.unfit = false;
				put((byte) (this.layout.length >>> 8));
				put((byte) this.layout.length);
				writer.write(row, this);
				if (this.unfit || this.column != this.layout.length - 1) {
					this.length = start;
					return false;
				}
			}
			else {
				writer.write(row, this);
				put((byte) '\n');
			}
			this.rows++;
			return true;
		}

		private void next() {
			if (this.layout == null && !this.first) {
				put((byte) '\t');
			}
			this.first = false;
			this.column++;
		}

		/** Binary: the kind of the current column, or 0 past the layout's columns. */
		private byte kind() {
			return this.column < this.layout.length ? this.layout[this.column] : 0;
		}

		private void putInt(int value) {
			if (this.length + 4 > this.bytes.length) {
				grow(4);
			}
			setInt(this.length, value);
			this.length += 4;
		}

		private void setInt(int at, int value) {
			byte[] out = this.bytes;
			out[at] = (byte) (value >>> 24);
			out[at + 1] = (byte) (value >>> 16);
			out[at + 2] = (byte) (value >>> 8);
			out[at + 3] = (byte) value;
		}

		/** Binary: a text value as its length and its UTF-8 bytes. */
		private void binaryText(String value) {
			if (value == null) {
				putInt(-1);
				return;
			}
			if (kind() != TEXT) {
				this.unfit = true;
				return;
			}
			int n = value.length();
			if (n >= LONG_TEXT) {
				byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
				putInt(utf8.length);
				put(utf8, 0, utf8.length);
				return;
			}
			int lengthAt = this.length;
			if (this.length + 4 + n > this.bytes.length) {
				grow(4 + n);
			}
			byte[] out = this.bytes;
			int at = lengthAt + 4;
			for (int i = 0; i < n; i++) {
				char c = value.charAt(i);
				if (c >= 0x80) {
					// from the first character beyond ASCII on: encoded
					byte[] rest = value.substring(i).getBytes(StandardCharsets.UTF_8);
					this.length = at;
					put(rest, 0, rest.length);
					setInt(lengthAt, this.length - lengthAt - 4);
					return;
				}
				out[at++] = (byte) c;
			}
			setInt(lengthAt, n);
			this.length = at;
		}

		/** Binary: a number in the column's width, or as its digits in a text column. */
		private void binaryNumber(long value) {
			switch (kind()) {
				case INT8 -> {
					putInt(8);
					putInt((int) (value >>> 32));
					putInt((int) value);
				}
				case INT4 -> {
					if (value != (int) value) {
						this.unfit = true;
						return;
					}
					putInt(4);
					putInt((int) value);
				}
				case INT2 -> {
					if (value != (short) value) {
						this.unfit = true;
						return;
					}
					putInt(2);
					put((byte) (value >>> 8));
					put((byte) value);
				}
				case TEXT -> {
					int lengthAt = this.length;
					putInt(0);
					digits(value);
					setInt(lengthAt, this.length - lengthAt - 4);
				}
				default -> this.unfit = true;
			}
		}

		private void put(byte b) {
			if (this.length == this.bytes.length) {
				grow(1);
			}
			this.bytes[this.length++] = b;
		}

		private void put(byte[] source, int from, int to) {
			int count = to - from;
			if (this.length + count > this.bytes.length) {
				grow(count);
			}
			System.arraycopy(source, from, this.bytes, this.length, count);
			this.length += count;
		}

		private void grow(int more) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
		}

		@Override
		public void text(String value) {
			next();
			if (this.layout != null) {
				binaryText(value);
				return;
			}
			if (value == null) {
				put(NULL, 0, 2);
				return;
			}
			int n = value.length();
			if (n >= LONG_TEXT && !needsEscape(value)) {
				// a long value (a receipt) is found free of the four characters COPY escapes by the JDK's searches
				// and copied as its UTF-8 bytes: about half the time of the character loop below
				byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
				put(utf8, 0, utf8.length);
				return;
			}
			// ASCII without a byte to escape (nearly every value) goes straight into the buffer, without an encoded copy
			if (this.length + n > this.bytes.length) {
				grow(n);
			}
			byte[] out = this.bytes;
			int at = this.length;
			for (int i = 0; i < n; i++) {
				char c = value.charAt(i);
				if (c >= 0x80 || c == '\\' || c == '\n' || c == '\r' || c == '\t') {
					this.length = at;
					escaped(value.substring(i));
					return;
				}
				out[at++] = (byte) c;
			}
			this.length = at;
		}

		private static boolean needsEscape(String value) {
			return value.indexOf('\\') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
					|| value.indexOf('\t') >= 0;
		}

		/** The rest of a value from its first byte that is not plain ASCII: encoded, escaped in runs. */
		private void escaped(String value) {
			byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
			int from = 0;
			for (int i = 0; i < utf8.length; i++) {
				byte b = utf8[i];
				if (b == '\\' || b == '\n' || b == '\r' || b == '\t') {
					put(utf8, from, i);
					put((byte) '\\');
					put(b == '\n' ? (byte) 'n' : b == '\r' ? (byte) 'r' : b == '\t' ? (byte) 't' : b);
					from = i + 1;
				}
			}
			put(utf8, from, utf8.length);
		}

		@Override
		public void number(long value) {
			next();
			if (this.layout != null) {
				binaryNumber(value);
				return;
			}
			digits(value);
		}

		/** The number's decimal digits, straight into the buffer. */
		private void digits(long value) {
			if (value == Long.MIN_VALUE) {
				ascii(Long.toString(value));
				return;
			}
			// the digits written straight into the buffer (no string per timestamp)
			if (this.length + 20 > this.bytes.length) {
				grow(20);
			}
			long rest = value;
			if (rest < 0) {
				this.bytes[this.length++] = '-';
				rest = -rest;
			}
			int digits = 1;
			for (long bound = 10; digits < 19 && rest >= bound; bound *= 10) {
				digits++;
			}
			for (int i = this.length + digits - 1; i >= this.length; i--) {
				this.bytes[i] = (byte) ('0' + (int) (rest % 10));
				rest /= 10;
			}
			this.length += digits;
		}

		@Override
		public void flag(boolean value) {
			next();
			if (this.layout != null) {
				byte kind = kind();
				if (kind != BOOL && kind != TEXT) {
					this.unfit = true;
					return;
				}
				putInt(1);
				// a text column holds the letter the text form writes
				put(kind == BOOL ? (byte) (value ? 1 : 0) : (byte) (value ? 't' : 'f'));
				return;
			}
			put(value ? (byte) (this.mysql ? '1' : 't') : (byte) (this.mysql ? '0' : 'f'));
		}

		@Override
		public void bytes(byte[] value) {
			next();
			if (this.layout != null) {
				if (value == null) {
					putInt(-1);
				}
				else if (kind() != BYTEA) {
					this.unfit = true;
				}
				else {
					putInt(value.length);
					put(value, 0, value.length);
				}
				return;
			}
			if (value == null) {
				put(NULL, 0, 2);
				return;
			}
			if (this.mysql) {
				if (this.column >= Long.SIZE) {
					throw new IllegalStateException("bytes in column " + (this.column + 1)
							+ " of a table loaded in bulk; at most " + Long.SIZE + " columns are followed");
				}
				this.binaryColumns |= 1L << this.column;
				ascii(HexFormat.of().formatHex(value));
				return;
			}
			// bytea's hex input form, its backslash escaped for COPY
			ascii("\\\\x" + HexFormat.of().formatHex(value));
		}

		private void ascii(String text) {
			byte[] ascii = text.getBytes(StandardCharsets.ISO_8859_1);
			put(ascii, 0, ascii.length);
		}

	}

	// ---- MySQL/MariaDB: INSERT … VALUES (…), (…) with literals

	private static String insertHead(String table, List<String> columns) {
		return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
	}

	private <T> void literals(String table, List<String> columns, List<T> rows, RowWriter<T> writer) {
		String head = insertHead(table, columns);
		if (this.literals == null) {
			this.literals = new Literals(this.backslashEscapes);
		}
		Literals values = this.literals;
		values.out.setLength(0);
		try {
			for (T row : rows) {
				values.out.append(values.out.length() == 0 ? head : ",");
				values.row(writer, row);
				if (values.out.length() >= this.maxStatementChars) {
					execute(values.out);
				}
			}
			execute(values.out);
		}
		catch (SQLException ex) {
			throw translate("insert into " + table, head, ex);
		}
	}

	/**
	 * Staged rows ({@code (…),(…)}, {@code count} of them, each ending at its {@code ends} offset) as statements of at
	 * most the statement size, split between rows.
	 */
	private void sendLiterals(String head, StringBuilder rows, int[] ends, int count) {
		StringBuilder statement = new StringBuilder(Math.min(rows.length(), this.maxStatementChars) + head.length() + 16);
		int from = 0;
		for (int r = 0; r < count; r++) {
			int end = ends[r];
			if (end - from >= this.maxStatementChars || r == count - 1) {
				statement.setLength(0);
				// a copy of the rows' characters in one go (the staged text is not scanned again)
				statement.append(head).append(rows.substring(from, end));
				execute(statement);
				from = end + 1; // after the comma
			}
		}
	}

	private void execute(StringBuilder statement) {
		if (statement.length() == 0) {
			return;
		}
		String sql = statement.toString();
		statement.setLength(0);
		this.jdbc.execute((StatementCallback<Integer>) st -> {
			// the text holds only literals: nothing for the driver to look for in it
			st.setEscapeProcessing(false);
			return st.executeUpdate(sql);
		});
	}

	/** A row as MySQL literals, escaped as the session's mode reads them. */
	private static final class Literals implements Values {

		private final StringBuilder out = new StringBuilder(1 << 16);

		private final boolean backslashEscapes;

		/** Each value's characters, scanned as an array (cheaper than a call per character). */
		private char[] chars = new char[4096];

		private boolean first;

		Literals(boolean backslashEscapes) {
			this.backslashEscapes = backslashEscapes;
		}

		/** One row: its values in parentheses. */
		<R> void row(RowWriter<R> writer, R row) throws SQLException {
			this.out.append('(');
			this.first = true;
			writer.write(row, this);
			this.out.append(')');
		}

		private void next() {
			if (!this.first) {
				this.out.append(',');
			}
			this.first = false;
		}

		@Override
		public void text(String value) {
			next();
			if (value == null) {
				this.out.append("NULL");
				return;
			}
			this.out.append('\'');
			int length = value.length();
			if (length >= LONG_TEXT && !needsEscape(value)) {
				// a long value (a receipt) found free of what a literal escapes by the JDK's searches: appended whole
				this.out.append(value).append('\'');
				return;
			}
			if (this.chars.length < length) {
				this.chars = new char[Math.max(length, this.chars.length * 2)];
			}
			char[] chars = this.chars;
			value.getChars(0, length, chars, 0);
			int from = 0;
			for (int i = 0; i < length; i++) {
				String escape = escape(chars[i]);
				if (escape != null) {
					this.out.append(chars, from, i - from).append(escape);
					from = i + 1;
				}
			}
			if (from == 0) {
				// nothing escaped (nearly every value): the string itself is appended, a copy of its bytes
				this.out.append(value).append('\'');
				return;
			}
			this.out.append(chars, from, length - from).append('\'');
		}

		private boolean needsEscape(String value) {
			if (value.indexOf('\'') >= 0) {
				return true;
			}
			return this.backslashEscapes && (value.indexOf('\\') >= 0 || value.indexOf('\0') >= 0
					|| value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\u001a') >= 0);
		}

		/**
		 * A character's escape in a quoted literal, or null. A double quote needs none inside single quotes (also
		 * under ANSI_QUOTES), so the quotes of a JSON receipt are written as they are.
		 */
		private String escape(char c) {
			if (!this.backslashEscapes) {
				return c == '\'' ? "''" : null;
			}
			return switch (c) {
				case '\'' -> "\\'";
				case '\\' -> "\\\\";
				case '\0' -> "\\0";
				case '\n' -> "\\n";
				case '\r' -> "\\r";
				case '\u001a' -> "\\Z";
				default -> null;
			};
		}

		@Override
		public void number(long value) {
			next();
			this.out.append(value);
		}

		@Override
		public void flag(boolean value) {
			next();
			this.out.append(value ? '1' : '0');
		}

		@Override
		public void bytes(byte[] value) {
			next();
			if (value == null) {
				this.out.append("NULL");
				return;
			}
			this.out.append("X'");
			HexFormat.of().formatHex(this.out, value);
			this.out.append('\'');
		}

	}

	// ---- elsewhere: a JDBC batch

	/** A row as the parameters of a prepared statement. */
	private static final class Parameters implements Values {

		private final PreparedStatement statement;

		private int index;

		Parameters(PreparedStatement statement) {
			this.statement = statement;
		}

		@Override
		public void text(String value) throws SQLException {
			this.statement.setString(++this.index, value);
		}

		@Override
		public void number(long value) throws SQLException {
			this.statement.setLong(++this.index, value);
		}

		@Override
		public void flag(boolean value) throws SQLException {
			this.statement.setBoolean(++this.index, value);
		}

		@Override
		public void bytes(byte[] value) throws SQLException {
			this.statement.setBytes(++this.index, value);
		}

	}

	/** The exception JdbcTemplate would throw; {@code sql} never holds row values (no COPY data, no literals). */
	private DataAccessException translate(String task, String sql, SQLException ex) {
		DataAccessException translated = this.jdbc.getExceptionTranslator().translate(task, sql, ex);
		return translated != null ? translated : new UncategorizedSQLException(task, sql, ex);
	}

}

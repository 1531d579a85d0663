package io.obmigrate.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.obmigrate.core.ConfigurationProblem;
import io.obmigrate.core.Dialect;

/** The statements each dialect's client would send, from scripts written the way the vendors write theirs. */
class SqlScriptSplitterTest {

	private static List<String> texts(String script, Dialect dialect) {
		return SqlScriptSplitter.split(script, dialect).stream().map(SqlScriptSplitter.Statement::text).toList();
	}

	@Test
	void mysqlDelimiterBlocksCommentsAndEscapedQuotes() {
		String script = """
				-- a comment; not a statement
				# another one;
				CREATE TABLE IF NOT EXISTS A (ID INT, NAME VARCHAR(10)); /* trailing; comment */
				INSERT INTO A VALUES (1, 'it''s; here'), (2, 'back\\\\ slash\\'; quote');
				/*!40101 SET NAMES utf8mb4 */;
				SELECT 1--1;
				DELIMITER //
				CREATE PROCEDURE skip_index_if_exists(IN t VARCHAR(64))
				BEGIN
				  DECLARE n INT;
				  SELECT COUNT(*) INTO n FROM A WHERE NAME = 'x;y';
				END//
				DELIMITER ;
				CALL skip_index_if_exists('A');
				DROP PROCEDURE skip_index_if_exists
				""";
		List<SqlScriptSplitter.Statement> statements = SqlScriptSplitter.split(script, Dialect.MYSQL);
		List<String> texts = statements.stream().map(SqlScriptSplitter.Statement::text).toList();
		assertThat(texts).hasSize(7);
		assertThat(texts.get(0)).startsWith("-- a comment").endsWith("NAME VARCHAR(10))");
		assertThat(statements.get(0).line()).isEqualTo(3);
		assertThat(texts.get(1)).startsWith("/* trailing; comment */").endsWith("slash\\'; quote')");
		assertThat(texts.get(2)).isEqualTo("/*!40101 SET NAMES utf8mb4 */");
		assertThat(texts.get(3)).isEqualTo("SELECT 1--1");
		assertThat(texts.get(4)).startsWith("CREATE PROCEDURE").contains("'x;y';").endsWith("END");
		assertThat(texts.get(5)).isEqualTo("CALL skip_index_if_exists('A')");
		assertThat(texts.get(6)).isEqualTo("DROP PROCEDURE skip_index_if_exists");
		assertThat(statements.get(6).line()).isEqualTo(15);
		assertThat(texts).doesNotContain("DELIMITER //");
	}

	@Test
	void postgresqlDollarQuotingAndEscapeStrings() {
		String script = """
				CREATE OR REPLACE FUNCTION f() RETURNS trigger AS $$
				BEGIN
				  NEW.x := 'a;b';
				  RETURN NEW;
				END;
				$$ LANGUAGE plpgsql;
				DO $body$ BEGIN PERFORM 1; END $body$;
				INSERT INTO t VALUES (E'it\\'s; fine', 'plain''s; too', $1);
				/* nested /* comment; */ still; */ SELECT 2;
				""";
		List<String> texts = texts(script, Dialect.POSTGRESQL);
		assertThat(texts).hasSize(4);
		assertThat(texts.get(0)).startsWith("CREATE OR REPLACE FUNCTION").endsWith("LANGUAGE plpgsql");
		assertThat(texts.get(1)).isEqualTo("DO $body$ BEGIN PERFORM 1; END $body$");
		assertThat(texts.get(2)).endsWith("'plain''s; too', $1)");
		assertThat(texts.get(3)).endsWith("SELECT 2");
	}

	@Test
	void postgresqlMetaCommandsAreRefusedWithTheLine() {
		assertThatThrownBy(() -> texts("SELECT 1;\n\\connect other\nSELECT 2;", Dialect.POSTGRESQL))
			.isInstanceOf(ConfigurationProblem.class)
			.hasMessageContaining("Line 2")
			.hasMessageContaining("psql meta-command");
	}

	@Test
	void sqlServerBatchesEndAtGoLines() {
		String script = """
				IF NOT EXISTS (SELECT * FROM SYS.OBJECTS WHERE NAME = 'A') CREATE TABLE A (ID INT);
				INSERT INTO A VALUES (1);
				GO
				CREATE PROCEDURE p AS BEGIN SELECT 'GO'; SELECT [go;name] FROM A; END
				go
				-- a GO inside a comment
				UPDATE A SET ID = 2
				GO 2
				""";
		List<String> texts = texts(script, Dialect.MSSQL);
		assertThat(texts).hasSize(4);
		assertThat(texts.get(0)).contains("CREATE TABLE A (ID INT);\nINSERT INTO A VALUES (1);");
		assertThat(texts.get(1)).startsWith("CREATE PROCEDURE p").endsWith("END");
		assertThat(texts.get(2)).endsWith("UPDATE A SET ID = 2").isEqualTo(texts.get(3));
	}

	@Test
	void oraclePlsqlBlocksRunToTheirSlashLine() {
		String script = """
				SET DEFINE OFF
				PROMPT creating tables
				CREATE TABLE A (ID NUMBER, NAME VARCHAR2(10));
				INSERT INTO A VALUES (1, q'[it's; here]');
				CREATE OR REPLACE TRIGGER A_TRIG BEFORE INSERT ON A FOR EACH ROW
				BEGIN
				  SELECT 1 INTO :NEW.ID FROM DUAL;
				END;
				/
				DECLARE
				  n NUMBER;
				BEGIN
				  EXECUTE IMMEDIATE 'ALTER TABLE A ADD X NUMBER';
				EXCEPTION WHEN OTHERS THEN NULL;
				END;
				/
				CREATE INDEX A_IDX ON A (NAME)
				/
				COMMIT;
				""";
		List<String> texts = texts(script, Dialect.ORACLE);
		assertThat(texts).hasSize(6);
		assertThat(texts.get(0)).isEqualTo("CREATE TABLE A (ID NUMBER, NAME VARCHAR2(10))");
		assertThat(texts.get(1)).isEqualTo("INSERT INTO A VALUES (1, q'[it's; here]')");
		assertThat(texts.get(2)).startsWith("CREATE OR REPLACE TRIGGER").endsWith("END;");
		assertThat(texts.get(3)).startsWith("DECLARE").contains("WHEN OTHERS THEN NULL;").endsWith("END;");
		assertThat(texts.get(4)).isEqualTo("CREATE INDEX A_IDX ON A (NAME)");
		assertThat(texts.get(5)).isEqualTo("COMMIT");
	}

	@Test
	void h2DollarBodiesAndQuotedNames() {
		List<String> texts = texts("CREATE ALIAS F AS $$ String f() { return \"a;b\"; } $$;\nCREATE TABLE \"x;y\" (ID INT);",
				Dialect.H2);
		assertThat(texts).containsExactly("CREATE ALIAS F AS $$ String f() { return \"a;b\"; } $$",
				"CREATE TABLE \"x;y\" (ID INT)");
	}

	@Test
	void sessionSettingsAreRecognisedForReplay() {
		List<SqlScriptSplitter.Statement> statements = SqlScriptSplitter
			.split("SET FOREIGN_KEY_CHECKS = 0;\nSET GLOBAL x = 1;\nUSE openbank_apimgtdb;\nINSERT INTO A VALUES (1);",
					Dialect.MYSQL);
		assertThat(statements.stream().map(SqlScriptSplitter.Statement::sessionSetting))
			.containsExactly(true, false, true, false);
	}

}

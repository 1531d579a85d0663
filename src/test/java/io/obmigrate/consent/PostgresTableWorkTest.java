package io.obmigrate.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.ObmigrateProperties;
import io.obmigrate.support.TestDatabase;

/**
 * A completed run's table work on PostgreSQL ({@link ConsentTargetSchema#completeTables}): keys declared unchecked,
 * then checked table by table on several connections at once beside the indexes and the statistics; a key the rows
 * refuse is taken out again and reported; a key an interrupted run declared and never checked is checked.
 */
class PostgresTableWorkTest {

	@Test
	void theKeysAreCheckedTheIndexesBuiltAndTheStatisticsRefreshedOnSeveralConnections() {
		try (TestDatabase database = TestDatabase.postgres();
				ObmigrateDataSources dataSources = dataSources(database)) {
			ConsentTargetSchema schema = new ConsentTargetSchema(dataSources);
			schema.createTables();
			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			rows(jdbc, 200);
			assertThat(keys(jdbc)).as("tables as a run creates them").isEmpty();

			List<String> refused = new ArrayList<>();
			ConsentTargetSchema.TableWork work = schema.completeTables(4,
					(statement, message) -> refused.add(statement + ": " + message));

			assertThat(refused).isEmpty();
			assertThat(work.keysAdded()).extracting(ConsentTargetSchema.ForeignKeyConstraint::name).containsExactly(
					"FK_ID_OB_CONSENT_AUTH_RESOURCE", "FK_OB_CONSENT_MAPPING", "FK_OB_CONSENT_STATUS_AUDIT",
					"FK_OB_CONSENT_FILE", "FK_OB_CONSENT_ATTRIBUTE");
			assertThat(keys(jdbc)).as("every key declared and checked").hasSize(5).allSatisfy((name, checked) ->
					assertThat(checked).as(name).isTrue());
			assertThat(work.indexesBuilt()).hasSize(3);
			assertThat(schema.missingForeignKeyIndexes()).isEmpty();
			assertThat(work.refreshed()).containsExactlyElementsOf(ConsentTargetSchema.TABLES);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_class WHERE relname LIKE 'ob_consent%' AND"
					+ " relkind = 'r' AND reltuples >= 0", Integer.class)).as("analyzed").isEqualTo(6);
			assertThat(work.connections()).isEqualTo(4);
			assertThat(work.indexesFailed()).isEmpty();

			ConsentTargetSchema.TableWork again = schema.completeTables(4, (statement, message) -> refused.add(statement));
			assertThat(again.keysAdded()).isEmpty();
			assertThat(again.indexesBuilt()).isEmpty();
			assertThat(again.refreshed()).as("nothing written since").isEmpty();
		}
	}

	@Test
	void aKeyTheRowsRefuseIsTakenOutAndOneLeftUncheckedIsChecked() {
		try (TestDatabase database = TestDatabase.postgres();
				ObmigrateDataSources dataSources = dataSources(database)) {
			ConsentTargetSchema schema = new ConsentTargetSchema(dataSources);
			schema.createTables();
			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			rows(jdbc, 50);
			// a status row whose consent is not there
			jdbc.update("INSERT INTO OB_CONSENT_STATUS_AUDIT VALUES ('orphan', 'no-such-consent', 'authorised', 1, NULL,"
					+ " NULL, NULL)");
			// a run stopped between declaring a key and checking it
			jdbc.execute("ALTER TABLE OB_CONSENT_FILE ADD CONSTRAINT FK_OB_CONSENT_FILE FOREIGN KEY (CONSENT_ID)"
					+ " REFERENCES OB_CONSENT (CONSENT_ID) NOT VALID");
			assertThat(keys(jdbc)).containsEntry("FK_OB_CONSENT_FILE", false);

			List<String> refused = new ArrayList<>();
			ConsentTargetSchema.TableWork work = schema.completeTables(2,
					(statement, message) -> refused.add(statement + ": " + message));

			assertThat(refused).singleElement().asString().contains("FK_OB_CONSENT_STATUS_AUDIT")
				.contains("no-such-consent");
			assertThat(work.keysRefused()).singleElement().asString().contains("FK_OB_CONSENT_STATUS_AUDIT");
			assertThat(work.keysAdded()).extracting(ConsentTargetSchema.ForeignKeyConstraint::name)
				.containsExactlyInAnyOrder("FK_OB_CONSENT_FILE", "FK_ID_OB_CONSENT_AUTH_RESOURCE", "FK_OB_CONSENT_MAPPING",
						"FK_OB_CONSENT_ATTRIBUTE");
			Map<String, Boolean> keys = keys(jdbc);
			assertThat(keys).as("the refused key is not left declared").doesNotContainKey("FK_OB_CONSENT_STATUS_AUDIT")
				.hasSize(4)
				.allSatisfy((name, checked) -> assertThat(checked).as(name).isTrue());
			assertThat(schema.missingForeignKeys()).extracting(ConsentTargetSchema.ForeignKeyConstraint::name)
				.containsExactly("FK_OB_CONSENT_STATUS_AUDIT");
			assertThat(work.indexesBuilt()).as("the refused key's table still gets its index").hasSize(3);
		}
	}

	private static ObmigrateDataSources dataSources(TestDatabase database) {
		ObmigrateProperties properties = new ObmigrateProperties();
		properties.getOb().setUrl(database.url());
		properties.getOb().setUsername("postgres");
		properties.getOb().setPassword("");
		return new ObmigrateDataSources(properties);
	}

	/** {@code consents} consents with an authorisation, a mapping, a status row, a file and an attribute each. */
	private static void rows(JdbcTemplate jdbc, int consents) {
		jdbc.update("INSERT INTO OB_CONSENT SELECT 'c' || i, '{}', 1, 1, 'client', 'accounts', 'authorised', 0, 0, FALSE"
				+ " FROM generate_series(1, ?) i", consents);
		jdbc.update("INSERT INTO OB_CONSENT_AUTH_RESOURCE SELECT 'a' || i, 'c' || i, 'authorisation', 'psu',"
				+ " 'authorised', 1 FROM generate_series(1, ?) i", consents);
		jdbc.update("INSERT INTO OB_CONSENT_MAPPING SELECT 'm' || i, 'a' || i, 'acc', 'p', 'active'"
				+ " FROM generate_series(1, ?) i", consents);
		jdbc.update("INSERT INTO OB_CONSENT_STATUS_AUDIT SELECT 's' || i, 'c' || i, 'authorised', 1, NULL, NULL, NULL"
				+ " FROM generate_series(1, ?) i", consents);
		jdbc.update("INSERT INTO OB_CONSENT_FILE SELECT 'c' || i, 'file' FROM generate_series(1, ?) i", consents);
		jdbc.update("INSERT INTO OB_CONSENT_ATTRIBUTE SELECT 'c' || i, 'k', 'v' FROM generate_series(1, ?) i", consents);
	}

	/** The consent tables' foreign keys (upper case) and whether each was checked against the rows. */
	private static Map<String, Boolean> keys(JdbcTemplate jdbc) {
		Map<String, Boolean> keys = new TreeMap<>();
		jdbc.query("SELECT upper(conname), convalidated FROM pg_constraint WHERE contype = 'f' AND"
				+ " conrelid::regclass::text LIKE 'ob_consent%'", row -> {
					keys.put(row.getString(1), row.getBoolean(2));
				});
		return keys;
	}

}

package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.ObmigrateDataSources.Name;
import io.obmigrate.support.TestDatabase;

/**
 * A MySQL/MariaDB buffer pool mostly holding changed, unwritten pages is a warning before a run: from half of it on,
 * with the size in MB; elsewhere, or when the server does not say, nothing.
 */
class UnwrittenPagesTest {

	@Test
	void warnsFromHalfThePoolChanged() {
		assertThat(UnwrittenPages.finding("ob-target", "db", 4_095, 8_192, 16_384)).isNull();
		assertThat(UnwrittenPages.finding("ob-target", "db", 0, 0, 16_384)).as("no pool reported").isNull();
		Finding half = UnwrittenPages.finding("ob-target", "jdbc:mysql://h/ob as u", 4_096, 8_192, 16_384);
		assertThat(half.severity()).isEqualTo(Finding.Severity.WARN);
		assertThat(half.code()).isEqualTo(CoreRule.UNWRITTEN_PAGES);
		assertThat(half.found()).isEqualTo("jdbc:mysql://h/ob as u: 64 of its 128 MB buffer pool (50%) are pages"
				+ " changed and not yet written to disk.");
		assertThat(half.fix()).contains("innodb_max_dirty_pages_pct = 0", "set it back");
		assertThat(UnwrittenPages.finding("ob-target", "db", 6_765, 8_112, 16_384).found())
			.contains("105 of its 126 MB", "(83%)");
	}

	/** MariaDB answers the three counts to any user; what it holds now decides, but the check never fails a gate. */
	@Test
	void mariadbReportsItsPagesAndTheCheckNeverBlocks() {
		try (TestDatabase database = TestDatabase.mariadb();
				ObmigrateDataSources dataSources = dataSources(database)) {
			String query = dataSources.dialect(Name.OB).unwrittenPagesQuery();
			List<String> names = new JdbcTemplate(dataSources.get(Name.OB)).query(query, (row, n) -> {
				assertThat(Long.parseLong(row.getString(2))).as(row.getString(1)).isNotNegative();
				return row.getString(1).toLowerCase(java.util.Locale.ROOT);
			});
			assertThat(names).containsExactlyInAnyOrder("innodb_buffer_pool_pages_dirty",
					"innodb_buffer_pool_pages_total", "innodb_page_size");
			CheckRun run = CheckRun.forRun(false);
			run.gate("ob", "pages not yet written out", () -> UnwrittenPages.check(run, "ob", dataSources, Name.OB));
			assertThat(run.blockers()).isEmpty();
			assertThat(run.findings())
				.allSatisfy(finding -> assertThat(finding.code()).isEqualTo(CoreRule.UNWRITTEN_PAGES));
		}
	}

	@Test
	void otherDatabasesAreNotAsked() {
		try (TestDatabase database = TestDatabase.h2("PostgreSQL");
				ObmigrateDataSources dataSources = dataSources(database)) {
			assertThat(dataSources.dialect(Name.OB).unwrittenPagesQuery()).isNull();
			CheckRun run = CheckRun.forRun(false);
			UnwrittenPages.check(run, "ob", dataSources, Name.OB);
			assertThat(run.findings()).isEmpty();
		}
	}

	private static ObmigrateDataSources dataSources(TestDatabase database) {
		ObmigrateProperties properties = new ObmigrateProperties();
		properties.getOb().setUrl(database.url());
		properties.getOb().setUsername(database.kind().equals("mariadb") ? "root" : "sa");
		properties.getOb().setPassword("");
		return new ObmigrateDataSources(properties);
	}

}

package io.obmigrate.core;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.ObmigrateDataSources.Name;

/**
 * Whether a MySQL/MariaDB server's buffer pool is mostly pages changed but not yet written to disk
 * ({@link CoreRule#UNWRITTEN_PAGES}): right after a restore or another large load, InnoDB writes them out over a minute
 * or more, and a run started meanwhile reads at the pace the server writes, since each page it reads needs room a
 * changed page still holds. A 100k-consent run on a default 128 MB pool took 17.2 s with 83% of it changed, 9.5 s
 * once the pages were written (docs/benchmarks.md). The jobs that write most (consent, reporting) warn before they
 * start and in {@code check}; nothing else changes.
 */
public final class UnwrittenPages {

	/** The share of the buffer pool from which a run is warned. */
	static final double SHARE = 0.5;

	private UnwrittenPages() {
	}

	/**
	 * Adds a warning to {@code run} when the server of {@code name} holds {@link #SHARE} or more of its buffer pool in
	 * changed pages; nothing where the dialect does not say ({@link Dialect#unwrittenPagesQuery}) or the server does
	 * not answer (the advice is not worth failing a check for).
	 */
	public static void check(CheckRun run, String area, ObmigrateDataSources dataSources, Name name) {
		String query = dataSources.dialect(name).unwrittenPagesQuery();
		if (query == null) {
			return;
		}
		Map<String, Long> status = new HashMap<>();
		try {
			new JdbcTemplate(dataSources.get(name)).query(query, row -> {
				try {
					status.put(row.getString(1).toLowerCase(Locale.ROOT), Long.parseLong(row.getString(2).trim()));
				}
				catch (NumberFormatException ex) {
					// not a count: left out
				}
			});
		}
		catch (DataAccessException ex) {
			return;
		}
		Finding finding = finding(area, dataSources.settings(name).toString(),
				status.getOrDefault("innodb_buffer_pool_pages_dirty", 0L),
				status.getOrDefault("innodb_buffer_pool_pages_total", 0L),
				status.getOrDefault("innodb_page_size", 16_384L));
		if (finding != null) {
			run.add(finding);
		}
	}

	/** The warning for {@code changed} of {@code total} pages of {@code pageBytes} each, or null under the share. */
	static Finding finding(String area, String database, long changed, long total, long pageBytes) {
		if (total <= 0 || changed < total * SHARE) {
			return null;
		}
		long mb = 1024 * 1024;
		return Finding.warn(area, CoreRule.UNWRITTEN_PAGES,
				String.format(Locale.ROOT, "%s: %,d of its %,d MB buffer pool (%d%%) are pages changed and not yet"
						+ " written to disk.", database, changed * pageBytes / mb, total * pageBytes / mb,
						Math.round(100.0 * changed / total)),
				"A run started now reads at the pace the server writes them out (a restore or another large load"
						+ " left them): a 100k-consent run on a 128 MB pool took 17 s instead of 9.5 s.",
				"Wait until SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty' is near 0, or have them written"
						+ " at once: SET GLOBAL innodb_max_dirty_pages_pct = 0, wait, then set it back (90 unless your"
						+ " server sets another value).");
	}

}

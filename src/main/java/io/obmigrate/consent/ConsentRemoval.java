package io.obmigrate.consent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.SqlText;

/**
 * Removes whole consents from the six OB 3.0 consent tables, children before parents, so no foreign key is ever
 * violated: the catch-up writer uses it before writing a changed consent again, and {@code rollback consent} to take
 * back what the consent job wrote. The caller's transaction decides what commits together.
 */
final class ConsentRemoval {

	/** The six tables in the order their rows are removed. */
	static final List<String> TABLES = List.of("OB_CONSENT_MAPPING", "OB_CONSENT_AUTH_RESOURCE",
			"OB_CONSENT_STATUS_AUDIT", "OB_CONSENT_ATTRIBUTE", "OB_CONSENT_FILE", "OB_CONSENT");

	private static final int SLICE = 500;

	private ConsentRemoval() {
	}

	/** Of these consent IDs, the ones {@code OB_CONSENT} holds. */
	static List<String> present(JdbcTemplate target, Collection<String> consentIds) {
		List<String> ids = new ArrayList<>(consentIds);
		List<String> present = new ArrayList<>();
		for (int at = 0; at < ids.size(); at += SLICE) {
			List<String> slice = ids.subList(at, Math.min(ids.size(), at + SLICE));
			present.addAll(target.queryForList("SELECT CONSENT_ID FROM OB_CONSENT WHERE CONSENT_ID IN ("
					+ SqlText.placeholders(slice.size()) + ")", String.class, slice.toArray()));
		}
		return present;
	}

	/**
	 * Of these consent IDs, the ones obmigrate wrote: a consent obmigrate migrated always carries its creation audit
	 * under obmigrate's deterministic ID (in its type's region, or an ID earlier versions gave it); a native OB 3.0
	 * consent never does. The consents' types are not known here: each type's ID is looked for. Sorted.
	 */
	static java.util.SortedSet<String> migrated(JdbcTemplate target, Collection<String> consentIds) {
		return migrated(target, consentIds, id -> null);
	}

	/**
	 * As {@link #migrated(JdbcTemplate, Collection)}, for consents of known types: only the creation audit IDs of the
	 * consent's own type are looked for ({@code typeOf} gives null for a consent of no known type: all are).
	 */
	static java.util.SortedSet<String> migrated(JdbcTemplate target, Collection<String> consentIds,
			java.util.function.Function<String, ConsentType> typeOf) {
		Map<String, String> consentByAuditId = new LinkedHashMap<>();
		for (String consentId : consentIds) {
			ConsentType known = typeOf.apply(consentId);
			for (AuditEvent creation : AuditEvent.CREATION) {
				for (ConsentType type : known != null ? new ConsentType[] { known } : ConsentType.values()) {
					consentByAuditId.put(creation.auditId(type, consentId, null), consentId);
				}
				for (String earlier : creation.earlierAuditIds(consentId)) {
					consentByAuditId.put(earlier, consentId);
				}
			}
		}
		java.util.SortedSet<String> found = new java.util.TreeSet<>();
		List<String> auditIds = new ArrayList<>(consentByAuditId.keySet());
		for (int at = 0; at < auditIds.size(); at += SLICE) {
			List<String> slice = auditIds.subList(at, Math.min(auditIds.size(), at + SLICE));
			target.query("SELECT STATUS_AUDIT_ID FROM OB_CONSENT_STATUS_AUDIT WHERE STATUS_AUDIT_ID IN ("
					+ SqlText.placeholders(slice.size()) + ")", rs -> {
						found.add(consentByAuditId.get(rs.getString(1)));
					}, slice.toArray());
		}
		return found;
	}

	/** Removes every row of these consents; returns the rows removed per table. */
	static Map<String, Long> remove(JdbcTemplate target, Collection<String> consentIds) {
		Map<String, Long> removed = new LinkedHashMap<>();
		TABLES.forEach(table -> removed.put(table, 0L));
		List<String> ids = new ArrayList<>(consentIds);
		for (int at = 0; at < ids.size(); at += SLICE) {
			List<String> slice = ids.subList(at, Math.min(ids.size(), at + SLICE));
			String in = "(" + SqlText.placeholders(slice.size()) + ")";
			Object[] args = slice.toArray();
			// the authorisations' IDs first: MySQL and MariaDB run a DELETE with an IN subquery as a scan of the whole
			// mapping table, evaluating the subquery for every row
			List<String> authIds = target.queryForList("SELECT AUTH_ID FROM OB_CONSENT_AUTH_RESOURCE WHERE CONSENT_ID IN "
					+ in, String.class, args);
			for (int from = 0; from < authIds.size(); from += SLICE) {
				List<String> auths = authIds.subList(from, Math.min(authIds.size(), from + SLICE));
				removed.merge("OB_CONSENT_MAPPING", (long) target.update("DELETE FROM OB_CONSENT_MAPPING WHERE AUTH_ID IN ("
						+ SqlText.placeholders(auths.size()) + ")", auths.toArray()), Long::sum);
			}
			for (String table : TABLES) {
				if (!table.equals("OB_CONSENT_MAPPING")) {
					removed.merge(table, (long) target.update("DELETE FROM " + table + " WHERE CONSENT_ID IN " + in, args),
							Long::sum);
				}
			}
		}
		return removed;
	}

}

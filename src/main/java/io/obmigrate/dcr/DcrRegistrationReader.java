package io.obmigrate.dcr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.core.Dialect;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.SqlText;

/**
 * Reads the DCR registry a page at a time (keyset on {@code OB_DCR_DETAILS.ID}) and, for the whole page, the state of
 * the linked service providers in the Identity Server database: one query per IS table per page, never one
 * per registration.
 *
 * <p>Checkpoint: the last registration ID of the chunk and the tally. The step's chunk transaction is the job
 * repository's, so the checkpoint commits with the chunk's report rows; each registration's IS changes commit just
 * before, in their own transaction. A crash in between replays registrations whose change is already applied: the
 * mapping finds nothing to do for them.
 */
public class DcrRegistrationReader implements ItemStreamReader<DcrSource> {

	static final String CHECKPOINT_ID = "dcr.checkpoint.id";

	public static final String TOTAL = "obmigrate.total";

	private final JdbcTemplate ob;

	private final Dialect obDialect;

	private final JdbcTemplate identity;

	private final Dialect identityDialect;

	private final int tenantId;

	private final boolean readScripts;

	private final MigrationTally tally;

	private final int pageSize;

	private final Deque<DcrSource> page = new ArrayDeque<>();

	private String lastReturnedId;

	private String lastPageId;

	private boolean exhausted;

	/** Catch-up: only registrations created or with their status changed at or after this instant; null: all. */
	private java.time.Instant changedSince;

	private io.obmigrate.core.SourceClock clock;

	public DcrRegistrationReader(JdbcTemplate ob, Dialect obDialect, JdbcTemplate identity, Dialect identityDialect,
			int tenantId, boolean readScripts, MigrationTally tally, int pageSize) {
		this.ob = ob;
		this.obDialect = obDialect;
		this.identity = identity;
		this.identityDialect = identityDialect;
		this.tenantId = tenantId;
		this.readScripts = readScripts;
		this.tally = tally;
		// IN lists stay under Oracle's 1,000 expressions.
		this.pageSize = Math.max(1, Math.min(pageSize, 500));
	}

	/**
	 * Catch-up: reads only the registrations whose {@code CREATED_TIMESTAMP} or {@code STATUS_UPDATED_TIMESTAMP} is at
	 * or after {@code since}; each is migrated against the service provider's current state, as in a full run.
	 */
	public DcrRegistrationReader changedSince(java.time.Instant since, io.obmigrate.core.SourceClock clock) {
		this.changedSince = since;
		this.clock = clock;
		return this;
	}

	/** The WHERE clause of the registrations after {@code after} (and, catching up, changed); adds its arguments. */
	private String where(String after, List<Object> args) {
		List<String> conditions = new ArrayList<>();
		if (after != null) {
			conditions.add("ID > ?");
			args.add(after);
		}
		if (this.changedSince != null) {
			conditions.add("(CREATED_TIMESTAMP >= ? OR STATUS_UPDATED_TIMESTAMP >= ?)");
			args.add(this.clock.columnValue(this.changedSince, "OB_DCR_DETAILS", "CREATED_TIMESTAMP"));
			args.add(this.clock.columnValue(this.changedSince, "OB_DCR_DETAILS", "STATUS_UPDATED_TIMESTAMP"));
		}
		return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
	}

	@Override
	@SuppressWarnings("unchecked")
	public void open(ExecutionContext context) throws ItemStreamException {
		if (context.containsKey(MigrationTally.CONTEXT_KEY)) {
			this.tally.reset((Map<String, Long>) context.get(MigrationTally.CONTEXT_KEY));
			this.lastReturnedId = context.containsKey(CHECKPOINT_ID) ? context.getString(CHECKPOINT_ID) : null;
		}
		this.lastPageId = this.lastReturnedId;
		if (this.changedSince != null) {
			try (java.sql.Connection connection = this.ob.getDataSource().getConnection()) {
				this.clock.learn(connection, this.obDialect, "OB_DCR_DETAILS");
			}
			catch (java.sql.SQLException ex) {
				throw new ItemStreamException("Cannot read the shape of OB_DCR_DETAILS: " + ex.getMessage(), ex);
			}
		}
		List<Object> countArgs = new ArrayList<>();
		Long remaining = this.ob.queryForObject("SELECT COUNT(*) FROM OB_DCR_DETAILS" + where(this.lastReturnedId,
				countArgs), Long.class, countArgs.toArray());
		context.putLong(TOTAL, this.tally.get(MigrationTally.READ) + (remaining == null ? 0 : remaining));
	}

	@Override
	public void update(ExecutionContext context) throws ItemStreamException {
		if (this.lastReturnedId != null) {
			context.putString(CHECKPOINT_ID, this.lastReturnedId);
		}
		context.put(MigrationTally.CONTEXT_KEY, new HashMap<>(this.tally.snapshot()));
	}

	@Override
	public void close() {
		this.page.clear();
	}

	@Override
	public DcrSource read() {
		if (this.page.isEmpty() && !this.exhausted) {
			loadPage();
		}
		DcrSource next = this.page.poll();
		if (next != null) {
			this.lastReturnedId = next.registration().id();
		}
		return next;
	}

	private void loadPage() {
		String select = "SELECT ID, TPP_NAME, CLIENT_ID, SOFTWARE_ID, SOFTWARE_ENV, STATUS, REQUEST FROM OB_DCR_DETAILS";
		List<Object> args = new ArrayList<>();
		List<DcrRegistration> registrations = this.ob.query(
				this.obDialect.limit(select + where(this.lastPageId, args) + " ORDER BY ID", this.pageSize),
				(rs, n) -> registration(rs), args.toArray());
		if (registrations.size() < this.pageSize) {
			this.exhausted = true;
		}
		if (registrations.isEmpty()) {
			return;
		}
		this.lastPageId = registrations.get(registrations.size() - 1).id();
		this.tally.sourceRows("OB_DCR_DETAILS", registrations.size());

		Set<String> clientIds = new LinkedHashSet<>();
		Set<String> softwareIds = new LinkedHashSet<>();
		for (DcrRegistration registration : registrations) {
			clientIds.add(registration.clientId());
			if (registration.softwareId() != null && !registration.softwareId().isBlank()) {
				softwareIds.add(registration.softwareId());
			}
		}
		Map<String, List<SpRow>> spsByClient = serviceProviders(clientIds);
		Set<Long> spIds = new LinkedHashSet<>();
		spsByClient.values().forEach(rows -> rows.forEach(row -> spIds.add(row.id())));
		Map<Long, List<ServiceProvider.Property>> properties = properties(spIds);
		Map<String, ServiceProvider.OAuthApp> oauthApps = oauthApps(clientIds);
		Map<Long, ServiceProvider.AuthScript> scripts = this.readScripts ? scripts(spIds) : Map.of();
		Map<String, Long> nameHolders = nameHolders(softwareIds);
		Map<String, List<DcrRegistration>> sameSoftware = withServiceProvider(sameSoftware(softwareIds), spsByClient);

		for (DcrRegistration registration : registrations) {
			List<ServiceProvider> sps = new ArrayList<>();
			for (SpRow row : spsByClient.getOrDefault(registration.clientId(), List.of())) {
				sps.add(new ServiceProvider(row.id(), row.tenantId(), row.name(),
						properties.getOrDefault(row.id(), List.of()), oauthApps.get(registration.clientId()),
						scripts.get(row.id())));
			}
			this.page.add(new DcrSource(registration, sps, nameHolders,
					sameSoftware.getOrDefault(registration.softwareId(), List.of())));
		}
	}

	private static DcrRegistration registration(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new DcrRegistration(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getString(5), rs.getString(6), rs.getString(7));
	}

	private record SpRow(long id, int tenantId, String name) {
	}

	private Map<String, List<SpRow>> serviceProviders(Collection<String> clientIds) {
		Map<String, List<SpRow>> byClient = new HashMap<>();
		List<Object> args = new ArrayList<>(clientIds);
		args.add(this.tenantId);
		this.identity.query("SELECT IA.INBOUND_AUTH_KEY, A.ID, A.TENANT_ID, A.APP_NAME FROM SP_INBOUND_AUTH IA"
				+ " JOIN SP_APP A ON A.ID = IA.APP_ID WHERE IA.INBOUND_AUTH_TYPE = 'oauth2' AND IA.INBOUND_AUTH_KEY IN ("
				+ SqlText.placeholders(clientIds.size()) + ") AND IA.TENANT_ID = ? ORDER BY A.ID", rs -> {
					byClient.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
						.add(new SpRow(rs.getLong(2), rs.getInt(3), rs.getString(4)));
				}, args.toArray());
		return byClient;
	}

	private Map<Long, List<ServiceProvider.Property>> properties(Collection<Long> spIds) {
		if (spIds.isEmpty()) {
			return Map.of();
		}
		Map<Long, List<ServiceProvider.Property>> bySp = new HashMap<>();
		this.identity.query("SELECT SP_ID, ID, NAME, " + this.identityDialect.quote("VALUE")
				+ ", DISPLAY_NAME FROM SP_METADATA WHERE SP_ID IN (" + SqlText.placeholders(spIds.size()) + ") ORDER BY SP_ID, ID",
				rs -> {
					bySp.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
						.add(new ServiceProvider.Property(rs.getLong(2), rs.getString(3), rs.getString(4),
								rs.getString(5)));
				}, spIds.toArray());
		return bySp;
	}

	private Map<String, ServiceProvider.OAuthApp> oauthApps(Collection<String> clientIds) {
		Map<String, ServiceProvider.OAuthApp> byClient = new HashMap<>();
		this.identity.query("SELECT ID, CONSUMER_KEY, APP_NAME, GRANT_TYPES FROM IDN_OAUTH_CONSUMER_APPS"
				+ " WHERE CONSUMER_KEY IN (" + SqlText.placeholders(clientIds.size()) + ")", rs -> {
					byClient.put(rs.getString(2), new ServiceProvider.OAuthApp(rs.getLong(1), rs.getString(2),
							rs.getString(3), rs.getString(4)));
				}, clientIds.toArray());
		return byClient;
	}

	private Map<Long, ServiceProvider.AuthScript> scripts(Collection<Long> spIds) {
		if (spIds.isEmpty()) {
			return Map.of();
		}
		Map<Long, ServiceProvider.AuthScript> bySp = new HashMap<>();
		this.identity.query("SELECT APP_ID, ID, CONTENT, IS_ENABLED FROM SP_AUTH_SCRIPT WHERE APP_ID IN ("
				+ SqlText.placeholders(spIds.size()) + ") ORDER BY ID", rs -> {
					byte[] content = rs.getBytes(3);
					bySp.putIfAbsent(rs.getLong(1), new ServiceProvider.AuthScript(rs.getLong(2),
							content == null ? null : new String(content, StandardCharsets.UTF_8),
							"1".equals(rs.getString(4)) || "true".equalsIgnoreCase(rs.getString(4))));
				}, spIds.toArray());
		return bySp;
	}

	/** SPs of the tenant already named like one of the page's software IDs (case-insensitively: rename-collision). */
	private Map<String, Long> nameHolders(Collection<String> softwareIds) {
		if (softwareIds.isEmpty()) {
			return Map.of();
		}
		Map<String, Long> holders = new HashMap<>();
		List<Object> args = new ArrayList<>();
		args.add(this.tenantId);
		softwareIds.forEach(id -> args.add(id.strip().toUpperCase(Locale.ROOT)));
		this.identity.query("SELECT UPPER(APP_NAME), ID FROM SP_APP WHERE TENANT_ID = ? AND UPPER(APP_NAME) IN ("
				+ SqlText.placeholders(softwareIds.size()) + ")", rs -> {
					holders.putIfAbsent(rs.getString(1), rs.getLong(2));
				}, args.toArray());
		return Collections.unmodifiableMap(holders);
	}

	private Map<String, List<DcrRegistration>> sameSoftware(Collection<String> softwareIds) {
		if (softwareIds.isEmpty()) {
			return Map.of();
		}
		Map<String, List<DcrRegistration>> bySoftware = new HashMap<>();
		this.ob.query("SELECT ID, TPP_NAME, CLIENT_ID, SOFTWARE_ID, SOFTWARE_ENV, STATUS FROM OB_DCR_DETAILS"
				+ " WHERE SOFTWARE_ID IN (" + SqlText.placeholders(softwareIds.size()) + ")", rs -> {
					DcrRegistration other = new DcrRegistration(rs.getString(1), rs.getString(2), rs.getString(3),
							rs.getString(4), rs.getString(5), rs.getString(6), null);
					bySoftware.computeIfAbsent(other.softwareId(), k -> new ArrayList<>()).add(other);
				}, softwareIds.toArray());
		return bySoftware;
	}

	/**
	 * Keeps the registrations of the same software ID that have a service provider: only those compete for its name
	 * (a production registration whose application was deleted must not cost the sandbox SP its rename).
	 */
	private Map<String, List<DcrRegistration>> withServiceProvider(Map<String, List<DcrRegistration>> bySoftware,
			Map<String, List<SpRow>> known) {
		Set<String> unknown = new LinkedHashSet<>();
		bySoftware.values().forEach(list -> list.forEach(r -> {
			if (!known.containsKey(r.clientId())) {
				unknown.add(r.clientId());
			}
		}));
		Set<String> withSp = new java.util.HashSet<>(known.keySet());
		if (!unknown.isEmpty()) {
			withSp.addAll(serviceProviders(unknown).keySet());
		}
		Map<String, List<DcrRegistration>> kept = new HashMap<>();
		bySoftware.forEach((software, list) -> kept.put(software,
				list.stream().filter(r -> withSp.contains(r.clientId())).toList()));
		return kept;
	}


}

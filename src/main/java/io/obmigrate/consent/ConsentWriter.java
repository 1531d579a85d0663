package io.obmigrate.consent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import io.obmigrate.consent.MigratedConsent.AccountMapping;
import io.obmigrate.consent.MigratedConsent.Attribute;
import io.obmigrate.consent.MigratedConsent.AuthorisationResource;
import io.obmigrate.consent.MigratedConsent.ConsentFile;
import io.obmigrate.consent.MigratedConsent.StatusAudit;
import io.obmigrate.core.BulkInsert;
import io.obmigrate.core.ChunkReport;
import io.obmigrate.core.CoreRule;
import io.obmigrate.core.DataSourceFault;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.RowFaults;
import io.obmigrate.core.RowReport;

/**
 * Writes a chunk of migrated consents with one bulk insert per target table ({@link BulkInsert}: COPY on PostgreSQL,
 * a multi-row INSERT on MySQL/MariaDB, a JDBC batch elsewhere), parents before children, inside the
 * chunk's transaction on the target database: each consent is written completely or not at all. A consent the target
 * database refuses (a constraint, a size, an encoding) is found by writing the chunk again consent by consent and is
 * quarantined with the database's message; the others are written. The notices of written consents are reported
 * here, so a refused consent has only its quarantine. In a dry run it only counts what it would write.
 * <p>
 * The processor hands it each consent as soon as it is made ({@link #made}): the consent's rows are staged in the bulk
 * form then ({@link BulkInsert.Tables}), so writing the chunk sends what was staged.
 */
public class ConsentWriter implements ItemWriter<MigratedConsent> {

	private final DataSource targetDataSource;

	private final JdbcTemplate target;

	private final BulkInsert bulk;

	/** The tables, with the rows of the chunk being made staged as each consent is made. */
	private final BulkInsert.Tables<MigratedConsent> tables;

	private final ChunkReport report;

	private final ObmigrateDataSources dataSources;

	private final MigrationTally tally;

	private final boolean dryRun;

	/** Catch-up: a consent the target already holds is removed first, then written again completely. */
	private boolean replacing;

	public ConsentWriter(ObmigrateDataSources dataSources, DataSource target, MigrationTally tally,
			ChunkReport report, boolean dryRun, boolean binaryFileColumn) {
		this.dataSources = dataSources;
		this.targetDataSource = target;
		this.target = new JdbcTemplate(target);
		this.bulk = new BulkInsert(target);
		this.tables = this.bulk.tables(tables(binaryFileColumn));
		this.report = report;
		this.tally = tally;
		this.dryRun = dryRun;
	}

	/** Catch-up: removes what an earlier run wrote of each consent (child rows the source no longer has too). */
	public ConsentWriter replacing(boolean replacing) {
		this.replacing = replacing;
		return this;
	}

	/**
	 * Stages the rows of a consent the processor has just made (its values still in the CPU's cache), for its chunk's
	 * write. The processor calls it directly: a step listener would be called through the step scope's proxy, a bean
	 * lookup per consent.
	 */
	public void made(MigratedConsent migrated) {
		if (!this.dryRun) {
			this.tables.stage(migrated);
		}
	}

	@Override
	public void write(Chunk<? extends MigratedConsent> chunk) {
		try {
			writeChunk(chunk);
		}
		finally {
			this.tables.clear();
		}
	}

	private void writeChunk(Chunk<? extends MigratedConsent> chunk) {
		List<MigratedConsent> items = new ArrayList<>(chunk.getItems());
		if (!this.dryRun) {
			List<RowFaults.Refused<MigratedConsent>> refusals;
			try {
				refusals = RowFaults.write(this.targetDataSource, items, this::insert);
			}
			catch (RuntimeException ex) {
				throw DataSourceFault.of(this.dataSources, ObmigrateDataSources.Name.OB_TARGET, ex);
			}
			for (RowFaults.Refused<MigratedConsent> refused : refusals) {
				items.remove(refused.item());
				this.report.add(RowReport.quarantined(
						ConsentType.ofTarget(refused.item().consent().consentType()).initiationTable(),
						refused.item().consent().consentId(), CoreRule.TARGET_REFUSED,
						"The target database refused this consent: " + refused.message()
								+ ". Correct the source row, or the target column the message names, then restart."));
			}
		}
		int resources = 0;
		int mappings = 0;
		int audits = 0;
		int attributes = 0;
		int files = 0;
		for (MigratedConsent migrated : items) {
			migrated.notices().forEach(this.report::add);
			resources += migrated.authorisationResources().size();
			mappings += migrated.mappings().size();
			audits += migrated.statusAudits().size();
			attributes += migrated.attributes().size();
			files += migrated.file() == null ? 0 : 1;
		}
		this.tally.add(MigrationTally.WRITTEN, items.size());
		this.tally.targetRows("OB_CONSENT", items.size());
		this.tally.targetRows("OB_CONSENT_AUTH_RESOURCE", resources);
		this.tally.targetRows("OB_CONSENT_MAPPING", mappings);
		this.tally.targetRows("OB_CONSENT_STATUS_AUDIT", audits);
		this.tally.targetRows("OB_CONSENT_ATTRIBUTE", attributes);
		this.tally.targetRows("OB_CONSENT_FILE", files);
	}

	/** All rows of these consents, one bulk insert per table, parents before children. */
	private void insert(List<MigratedConsent> chunk) {
		if (this.replacing) {
			List<String> ids = chunk.stream().map(migrated -> migrated.consent().consentId()).toList();
			ConsentRemoval.remove(this.target, ConsentRemoval.present(this.target, ids));
		}
		// a chunk in the database's bulk form; a single consent (a refused chunk written again consent by consent)
		// as a plain batch, whose failure carries the database's message for that consent alone
		BulkInsert.Way way = chunk.size() > 1 ? this.bulk.bulk() : this.bulk.batch();
		way.insert(this.tables, chunk);
	}

	/** The OB 3.0 tables a consent's rows go to, parents first. */
	private static List<BulkInsert.Table<MigratedConsent, ?>> tables(boolean binaryFileColumn) {
		return List.of(new BulkInsert.Table<MigratedConsent, MigratedConsent.Consent>("OB_CONSENT",
				List.of("CONSENT_ID", "RECEIPT", "CREATED_TIME", "UPDATED_TIME", "CLIENT_ID", "CONSENT_TYPE",
						"CURRENT_STATUS", "CONSENT_FREQUENCY", "VALIDITY_TIME", "RECURRING_INDICATOR"),
				migrated -> List.of(migrated.consent()), (c, v) -> {
					v.text(c.consentId());
					v.text(c.receipt());
					v.number(c.createdTime());
					v.number(c.updatedTime());
					v.text(c.clientId());
					v.text(c.consentType());
					v.text(c.currentStatus());
					v.number(c.consentFrequency());
					v.number(c.validityTime());
					v.flag(c.recurringIndicator());
				}),
				new BulkInsert.Table<MigratedConsent, AuthorisationResource>("OB_CONSENT_AUTH_RESOURCE",
						List.of("AUTH_ID", "CONSENT_ID", "AUTH_TYPE", "USER_ID", "AUTH_STATUS", "UPDATED_TIME"),
						MigratedConsent::authorisationResources, (r, v) -> {
							v.text(r.authId());
							v.text(r.consentId());
							v.text(r.authType());
							v.text(r.userId());
							v.text(r.authStatus());
							v.number(r.updatedTime());
						}),
				new BulkInsert.Table<MigratedConsent, AccountMapping>("OB_CONSENT_MAPPING",
						List.of("MAPPING_ID", "AUTH_ID", "ACCOUNT_ID", "PERMISSION", "MAPPING_STATUS"),
						MigratedConsent::mappings, (m, v) -> {
							v.text(m.mappingId());
							v.text(m.authId());
							v.text(m.accountId());
							v.text(m.permission());
							v.text(m.mappingStatus());
						}),
				new BulkInsert.Table<MigratedConsent, StatusAudit>("OB_CONSENT_STATUS_AUDIT",
						List.of("STATUS_AUDIT_ID", "CONSENT_ID", "CURRENT_STATUS", "ACTION_TIME", "REASON", "ACTION_BY",
								"PREVIOUS_STATUS"),
						MigratedConsent::statusAudits, (a, v) -> {
							v.text(a.statusAuditId());
							v.text(a.consentId());
							v.text(a.currentStatus());
							v.number(a.actionTime());
							v.text(a.reason());
							v.text(a.actionBy());
							v.text(a.previousStatus());
						}),
				new BulkInsert.Table<MigratedConsent, Attribute>("OB_CONSENT_ATTRIBUTE",
						List.of("CONSENT_ID", "ATT_KEY", "ATT_VALUE"), MigratedConsent::attributes, (a, v) -> {
							v.text(a.consentId());
							v.text(a.key());
							v.text(a.value());
						}),
				new BulkInsert.Table<MigratedConsent, ConsentFile>("OB_CONSENT_FILE",
						List.of("CONSENT_ID", "CONSENT_FILE"),
						migrated -> migrated.file() == null ? List.of() : List.of(migrated.file()), (f, v) -> {
							v.text(f.consentId());
							if (binaryFileColumn) {
								v.bytes(f.content());
							}
							else {
								// the OB 3.0 DAO reads the file as a string.
								v.text(new String(f.content(), StandardCharsets.UTF_8));
							}
						}));
	}

}

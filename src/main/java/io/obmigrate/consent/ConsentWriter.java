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
import io.obmigrate.core.ChunkReport;
import io.obmigrate.core.CoreRule;
import io.obmigrate.core.DataSourceFault;
import io.obmigrate.core.ObmigrateDataSources;
import io.obmigrate.core.MigrationTally;
import io.obmigrate.core.RowFaults;
import io.obmigrate.core.RowReport;

/**
 * Writes a chunk of migrated consents with one JDBC batch per target table, parents before children, inside the
 * chunk's transaction on the target database: each consent is written completely or not at all. A consent the target
 * database refuses (a constraint, a size, an encoding) is found by writing the chunk again consent by consent and is
 * quarantined with the database's message; the others are written. The notices of written consents are reported
 * here, so a refused consent has only its quarantine. In a dry run it only counts what it would write.
 */
public class ConsentWriter implements ItemWriter<MigratedConsent> {

	private static final int BATCH = 1000;

	private final DataSource targetDataSource;

	private final JdbcTemplate target;

	private final ConsentType type;

	private final ChunkReport report;

	private final ObmigrateDataSources dataSources;

	private final MigrationTally tally;

	private final boolean dryRun;

	private final boolean binaryFileColumn;

	/** Catch-up: a consent the target already holds is removed first, then written again completely. */
	private boolean replacing;

	public ConsentWriter(ConsentType type, ObmigrateDataSources dataSources, DataSource target, MigrationTally tally,
			ChunkReport report, boolean dryRun, boolean binaryFileColumn) {
		this.dataSources = dataSources;
		this.type = type;
		this.targetDataSource = target;
		this.target = new JdbcTemplate(target);
		this.report = report;
		this.tally = tally;
		this.dryRun = dryRun;
		this.binaryFileColumn = binaryFileColumn;
	}

	/** Catch-up: removes what an earlier run wrote of each consent (child rows the source no longer has too). */
	public ConsentWriter replacing(boolean replacing) {
		this.replacing = replacing;
		return this;
	}

	@Override
	public void write(Chunk<? extends MigratedConsent> chunk) {
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
				this.report.add(RowReport.quarantined(this.type.initiationTable(),
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

	/** All rows of these consents, one JDBC batch per table, parents before children. */
	private void insert(List<MigratedConsent> chunk) {
		List<MigratedConsent.Consent> consents = new ArrayList<>(chunk.size());
		List<AuthorisationResource> resources = new ArrayList<>();
		List<AccountMapping> mappings = new ArrayList<>();
		List<StatusAudit> audits = new ArrayList<>();
		List<Attribute> attributes = new ArrayList<>();
		List<ConsentFile> files = new ArrayList<>();
		for (MigratedConsent migrated : chunk) {
			consents.add(migrated.consent());
			resources.addAll(migrated.authorisationResources());
			mappings.addAll(migrated.mappings());
			audits.addAll(migrated.statusAudits());
			attributes.addAll(migrated.attributes());
			if (migrated.file() != null) {
				files.add(migrated.file());
			}
		}
		if (this.replacing) {
			List<String> ids = consents.stream().map(MigratedConsent.Consent::consentId).toList();
			ConsentRemoval.remove(this.target, ConsentRemoval.present(this.target, ids));
		}
		insertConsents(consents);
		insertAuthorisationResources(resources);
		insertMappings(mappings);
		insertStatusAudits(audits);
		insertAttributes(attributes);
		insertFiles(files);
	}

	private void insertConsents(List<MigratedConsent.Consent> rows) {
		this.target.batchUpdate("INSERT INTO OB_CONSENT (CONSENT_ID, RECEIPT, CREATED_TIME, UPDATED_TIME, CLIENT_ID,"
				+ " CONSENT_TYPE, CURRENT_STATUS, CONSENT_FREQUENCY, VALIDITY_TIME, RECURRING_INDICATOR)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows, BATCH, (ps, c) -> {
					ps.setString(1, c.consentId());
					ps.setString(2, c.receipt());
					ps.setLong(3, c.createdTime());
					ps.setLong(4, c.updatedTime());
					ps.setString(5, c.clientId());
					ps.setString(6, c.consentType());
					ps.setString(7, c.currentStatus());
					ps.setInt(8, c.consentFrequency());
					ps.setLong(9, c.validityTime());
					ps.setBoolean(10, c.recurringIndicator());
				});
	}

	private void insertAuthorisationResources(List<AuthorisationResource> rows) {
		this.target.batchUpdate("INSERT INTO OB_CONSENT_AUTH_RESOURCE (AUTH_ID, CONSENT_ID, AUTH_TYPE, USER_ID,"
				+ " AUTH_STATUS, UPDATED_TIME) VALUES (?, ?, ?, ?, ?, ?)", rows, BATCH, (ps, r) -> {
					ps.setString(1, r.authId());
					ps.setString(2, r.consentId());
					ps.setString(3, r.authType());
					ps.setString(4, r.userId());
					ps.setString(5, r.authStatus());
					ps.setLong(6, r.updatedTime());
				});
	}

	private void insertMappings(List<AccountMapping> rows) {
		this.target.batchUpdate("INSERT INTO OB_CONSENT_MAPPING (MAPPING_ID, AUTH_ID, ACCOUNT_ID, PERMISSION,"
				+ " MAPPING_STATUS) VALUES (?, ?, ?, ?, ?)", rows, BATCH, (ps, m) -> {
					ps.setString(1, m.mappingId());
					ps.setString(2, m.authId());
					ps.setString(3, m.accountId());
					ps.setString(4, m.permission());
					ps.setString(5, m.mappingStatus());
				});
	}

	private void insertStatusAudits(List<StatusAudit> rows) {
		this.target.batchUpdate("INSERT INTO OB_CONSENT_STATUS_AUDIT (STATUS_AUDIT_ID, CONSENT_ID, CURRENT_STATUS,"
				+ " ACTION_TIME, REASON, ACTION_BY, PREVIOUS_STATUS) VALUES (?, ?, ?, ?, ?, ?, ?)", rows, BATCH,
				(ps, a) -> {
					ps.setString(1, a.statusAuditId());
					ps.setString(2, a.consentId());
					ps.setString(3, a.currentStatus());
					ps.setLong(4, a.actionTime());
					ps.setString(5, a.reason());
					ps.setString(6, a.actionBy());
					ps.setString(7, a.previousStatus());
				});
	}

	private void insertAttributes(List<Attribute> rows) {
		this.target.batchUpdate("INSERT INTO OB_CONSENT_ATTRIBUTE (CONSENT_ID, ATT_KEY, ATT_VALUE) VALUES (?, ?, ?)",
				rows, BATCH, (ps, a) -> {
					ps.setString(1, a.consentId());
					ps.setString(2, a.key());
					ps.setString(3, a.value());
				});
	}

	private void insertFiles(List<ConsentFile> rows) {
		this.target.batchUpdate("INSERT INTO OB_CONSENT_FILE (CONSENT_ID, CONSENT_FILE) VALUES (?, ?)", rows, BATCH,
				(ps, f) -> {
					ps.setString(1, f.consentId());
					if (this.binaryFileColumn) {
						ps.setBytes(2, f.content());
					}
					else {
						// the OB 3.0 DAO reads the file as a string.
						ps.setString(2, new String(f.content(), StandardCharsets.UTF_8));
					}
				});
	}

}

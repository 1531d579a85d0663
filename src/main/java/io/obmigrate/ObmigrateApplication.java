package io.obmigrate;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.context.annotation.Import;

import io.obmigrate.cli.ObmigrateCli;
import io.obmigrate.consent.ConsentJobConfiguration;
import io.obmigrate.core.ObmigrateConfiguration;
import io.obmigrate.dcr.DcrJobConfiguration;
import io.obmigrate.rehearsal.RehearsalConfiguration;
import io.obmigrate.reporting.ReportingJobConfiguration;
import io.obmigrate.upgrade.UpgradeJobConfiguration;
import io.obmigrate.verify.VerifyJobConfiguration;

/**
 * obmigrate: WSO2 Open Banking 2.0.0 (UK) to Open Banking 3.0.0 data migration.
 * <p>
 * The context of the commands that run jobs: the shared core and each capability's configuration, named here, and of
 * Spring Boot's auto-configuration only Spring Batch's own (its job repository and operator on obmigrate's job
 * repository) and the binding of the settings. Why not a component scan and all of Boot's auto-configuration: every
 * job command paid about a fifth of a second at start-up to read the classes of the packages and the conditions of
 * some 150 auto-configurations, of which obmigrate uses none but these. A new capability adds its configuration to
 * the list ({@code ApplicationContextTest} fails until it does).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@Import({ ObmigrateConfiguration.class, ConsentJobConfiguration.class, DcrJobConfiguration.class,
		ReportingJobConfiguration.class, VerifyJobConfiguration.class, UpgradeJobConfiguration.class,
		RehearsalConfiguration.class })
@ImportAutoConfiguration({ BatchJdbcAutoConfiguration.class, BatchAutoConfiguration.class,
		ConfigurationPropertiesAutoConfiguration.class, PropertyPlaceholderAutoConfiguration.class })
public class ObmigrateApplication {

	public static void main(String[] args) {
		System.exit(ObmigrateCli.execute(args));
	}

}

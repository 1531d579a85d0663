package io.obmigrate.core;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The whole Spring context of the commands that only read or mark job executions ({@code status}, {@code stop},
 * {@code abandon}): the job repository, its control and the row reports, and nothing else: no job, check or
 * capability bean, no component scan, no auto-configuration beyond Spring Batch's own. They answer in about a second,
 * which matters to a DBA who runs {@code status} every few seconds during a window.
 */
@Configuration(proxyBeanMethods = false)
@Import(JobRepositoryConfiguration.class)
@ImportAutoConfiguration({ BatchJdbcAutoConfiguration.class, BatchAutoConfiguration.class })
public class JobControlConfiguration {

}

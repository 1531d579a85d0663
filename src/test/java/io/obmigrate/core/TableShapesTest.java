package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;

import org.junit.jupiter.api.Test;

/**
 * The ranges of one job execution share the source tables' columns, read once; the next execution (a restart, the
 * next run) reads them again, so a table altered in between is seen as it is now.
 */
class TableShapesTest {

	@Test
	void readOncePerJobExecution() throws Exception {
		try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:tableshapes;DB_CLOSE_DELAY=-1")) {
			connection.createStatement().execute("CREATE TABLE UK_TRANSACTION_FILE (ID VARCHAR(40), PAYMENT_FILE BLOB)");
			Dialect h2 = Dialect.named("H2");
			TableShapes shapes = new TableShapes();
			var first = shapes.columns(7, connection, h2, "UK_TRANSACTION_FILE");
			assertThat(first).containsOnlyKeys("ID", "PAYMENT_FILE");
			assertThat(first.get("PAYMENT_FILE").isBinary()).isTrue();

			connection.createStatement().execute("ALTER TABLE UK_TRANSACTION_FILE ADD COLUMN UPDATED TIMESTAMP");
			assertThat(shapes.columns(7, connection, h2, "uk_transaction_file")).as("the same execution")
				.isSameAs(first);
			assertThat(shapes.columns(8, connection, h2, "UK_TRANSACTION_FILE")).as("the next execution")
				.containsOnlyKeys("ID", "PAYMENT_FILE", "UPDATED");
		}
	}

}

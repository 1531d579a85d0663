package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * What the pools leave in the log file (nothing when they open, serve and close normally), and how often they log in.
 */
class ObmigrateDataSourcesTest {

	@Test
	void aPoolThatOpenedConnectionsClosesWithoutWarningsOrLoginTimeoutComplaints() throws Exception {
		Logger hikari = (Logger) LoggerFactory.getLogger("com.zaxxer.hikari");
		Level level = hikari.getLevel();
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		events.start();
		hikari.addAppender(events);
		hikari.setLevel(Level.INFO);
		try {
			ObmigrateProperties properties = new ObmigrateProperties();
			properties.getJobrepo().setUrl("jdbc:h2:mem:pools-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
			properties.getJobrepo().setUsername("sa");
			properties.getJobrepo().setPassword("");
			try (ObmigrateDataSources dataSources = new ObmigrateDataSources(properties)) {
				// the pool's own thread opens the connection, and is still there when the pool closes
				try (Connection connection = dataSources.get(ObmigrateDataSources.Name.JOBREPO).getConnection()) {
					assertThat(connection.isValid(1)).isTrue();
				}
			}
		}
		finally {
			hikari.detachAppender(events);
			hikari.setLevel(level);
		}
		assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage)
			.isNotEmpty()
			.noneMatch(message -> message.contains("Timed-out") || message.contains("login timeout"));
		assertThat(events.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
	}

	@Test
	void theFirstUseGetsTheConnectionOpenedWhenThePoolWasMade() throws Exception {
		ObmigrateProperties properties = new ObmigrateProperties();
		// every login records its session
		properties.getJobrepo().setUrl("jdbc:h2:mem:once-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;INIT="
				+ "CREATE TABLE IF NOT EXISTS LOGINS (SESSION INT)\\;INSERT INTO LOGINS VALUES (SESSION_ID())");
		properties.getJobrepo().setUsername("sa");
		properties.getJobrepo().setPassword("");
		try (ObmigrateDataSources dataSources = new ObmigrateDataSources(properties);
				Connection connection = dataSources.get(ObmigrateDataSources.Name.JOBREPO).getConnection();
				Statement statement = connection.createStatement();
				ResultSet sessions = statement.executeQuery("SELECT SESSION_ID(), MIN(SESSION) FROM LOGINS")) {
			// the pool logged in once, when it was made, to see that the database is there: its first use gets that
			// login, not a second one
			assertThat(sessions.next()).isTrue();
			assertThat(sessions.getInt(1)).isEqualTo(sessions.getInt(2));
		}
	}

}

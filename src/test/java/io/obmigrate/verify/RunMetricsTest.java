package io.obmigrate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import com.sun.net.httpserver.HttpServer;

import io.obmigrate.support.TestDatabase;

/**
 * Spring Batch's metrics and obmigrate's own, written in Prometheus text format when a run ends and pushed to a
 * Pushgateway (a stand-in HTTP server here).
 */
class RunMetricsTest {

	@TempDir
	Path home;

	@Test
	void aRunWritesAndPushesItsMetrics() throws Exception {
		Map<String, String> pushed = new ConcurrentHashMap<>();
		HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		gateway.createContext("/", exchange -> {
			pushed.put(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		gateway.start();
		Path file = this.home.resolve("textfile/obmigrate.prom");
		try (TestDatabase database = TestDatabase.h2()
			.with("obmigrate.metrics.prometheus-file", file.toString())
			.with("obmigrate.metrics.pushgateway-url", "http://127.0.0.1:" + gateway.getAddress().getPort())) {
			assertThat(database.run(this.home, "generate", "--consents", "200", "--seed", "8", "--malformed-rate", "0.05")
				.exitCode()).isZero();
			assertThat(database.run(this.home, "run", "consent", "--create-schema").exitCode()).isZero();
			String metrics = Files.readString(file);
			assertThat(metrics).containsPattern("spring_batch_job_seconds_count\\{.*name=\"consent\".*\\} 1")
				.containsPattern("spring_batch_step_seconds_count\\{.*name=\"consent.all-types\"")
				.contains("spring_batch_item_read_seconds")
				.contains("spring_batch_chunk_write_seconds")
				.containsPattern("obmigrate_rows_quarantined\\{job=\"consent\"\\} [1-9]")
				.containsPattern("obmigrate_rows_read\\{job=\"consent\"\\} 200");
			assertThat(pushed).containsKey("PUT /metrics/job/obmigrate/obmigrate_job/consent");
			assertThat(pushed.get("PUT /metrics/job/obmigrate/obmigrate_job/consent")).contains("spring_batch_job");

			JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
			jdbc.update("UPDATE OB_CONSENT SET CLIENT_ID = 'changed' WHERE CONSENT_ID = (SELECT MIN(CONSENT_ID) FROM"
					+ " OB_CONSENT)");
			assertThat(database.run(this.home, "run", "verify").exitCode()).isEqualTo(5);
			assertThat(Files.readString(file))
				.containsPattern("obmigrate_verify_mismatches\\{job=\"consent\",table=\"OB_CONSENT\"\\} 1")
				.containsPattern("obmigrate_run_exit\\{job=\"verify\"\\} 5")
				.contains("spring_batch_job_seconds_count");
		}
		finally {
			gateway.stop(0);
		}
	}

}

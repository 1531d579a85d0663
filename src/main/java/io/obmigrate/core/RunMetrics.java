package io.obmigrate.core;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A run's metrics for short-lived processes: Spring Batch's observations (job, step, item read, chunk write and the
 * rest) go to a Prometheus registry, with obmigrate's own rows and verify mismatches; when the run ends they are
 * written to {@code obmigrate.metrics.prometheus-file} (node-exporter textfile style) and pushed to
 * {@code obmigrate.metrics.pushgateway-url}. Off (no overhead) unless one of the two is set.
 */
public class RunMetrics {

	private final ObmigrateProperties.Metrics settings;

	private final PrometheusMeterRegistry registry;

	private final ObservationRegistry observations;

	public RunMetrics(ObmigrateProperties properties) {
		this.settings = properties.getMetrics();
		if (this.settings.isEnabled()) {
			this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
			this.observations = ObservationRegistry.create();
			this.observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.registry));
		}
		else {
			this.registry = null;
			this.observations = ObservationRegistry.NOOP;
		}
	}

	/** The registry every job and step of obmigrate is built with. */
	public ObservationRegistry observations() {
		return this.observations;
	}

	public boolean enabled() {
		return this.registry != null;
	}

	/**
	 * Adds the run's rows and verify mismatches, then writes and pushes the metrics. Returns the problems met (a file
	 * that cannot be written, a Pushgateway that does not answer): they are warnings, never a failed run.
	 *
	 * @param mismatches per {@code job/table}, for a verify run
	 */
	public List<String> publish(JobExecution execution, RunSummary summary, Map<String, Long> mismatches) {
		List<String> problems = new ArrayList<>();
		if (this.registry == null) {
			return problems;
		}
		String job = execution.getJobInstance().getJobName();
		gauge("obmigrate.rows.read", "Rows the run read", job, summary.read());
		gauge("obmigrate.rows.written", "Rows the run wrote", job, summary.written());
		gauge("obmigrate.rows.quarantined", "Rows quarantined (not migrated, listed with rule and fix)", job,
				summary.quarantinedCount());
		gauge("obmigrate.rows.filtered", "Rows left out on purpose", job, summary.filtered());
		gauge("obmigrate.run.exit", "0 completed, 1 failed, 3 stopped, 5 verify found differences", job,
				exitValue(execution));
		mismatches.forEach((jobTable, count) -> {
			int slash = jobTable.indexOf('/');
			Gauge.builder("obmigrate.verify.mismatches", () -> count)
				.description("Differences verify found per verified job and table")
				.tag("job", jobTable.substring(0, slash))
				.tag("table", jobTable.substring(slash + 1))
				.register(this.registry);
		});
		String text = this.registry.scrape();
		String file = this.settings.getPrometheusFile();
		if (file != null && !file.isBlank()) {
			try {
				Path target = Path.of(file).toAbsolutePath();
				Files.createDirectories(target.getParent());
				Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
				Files.writeString(temporary, text, StandardCharsets.UTF_8);
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException | RuntimeException ex) {
				problems.add("cannot write the metrics to " + file + ": " + ex.getMessage()
						+ ". Check obmigrate.metrics.prometheus-file (its folder must be writable).");
			}
		}
		String url = this.settings.getPushgatewayUrl();
		if (url != null && !url.isBlank()) {
			String group = url.replaceAll("/+$", "") + "/metrics/job/obmigrate/obmigrate_job/"
					+ URLEncoder.encode(job, StandardCharsets.UTF_8);
			try {
				HttpResponse<String> response = HttpClient.newBuilder()
					.connectTimeout(Duration.ofSeconds(10))
					.build()
					.send(HttpRequest.newBuilder(URI.create(group))
						.timeout(Duration.ofSeconds(30))
						.header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
						.PUT(HttpRequest.BodyPublishers.ofString(text))
						.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() / 100 != 2) {
					problems.add("the Pushgateway at " + url + " answered " + response.statusCode() + ": "
							+ response.body().strip() + ". Check obmigrate.metrics.pushgateway-url.");
				}
			}
			catch (IOException | IllegalArgumentException ex) {
				problems.add("cannot push the metrics to " + url + ": " + ex.getMessage()
						+ ". Check obmigrate.metrics.pushgateway-url and that the Pushgateway is reachable.");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				problems.add("pushing the metrics to " + url + " was interrupted");
			}
		}
		return problems;
	}

	private void gauge(String name, String description, String job, long value) {
		Gauge.builder(name, () -> value).description(description).tag("job", job).register(this.registry);
	}

	private static long exitValue(JobExecution execution) {
		if (Verification.MISMATCHED.equals(execution.getExitStatus().getExitCode())) {
			return 5;
		}
		return switch (execution.getStatus()) {
			case COMPLETED -> 0;
			case STOPPED, STOPPING, STARTED, STARTING -> 3;
			default -> 1;
		};
	}

}

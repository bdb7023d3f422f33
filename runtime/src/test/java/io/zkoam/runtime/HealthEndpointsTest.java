package io.zkoam.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.zkoam.api.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one health port of a controller: /healthz, /readyz and /metrics (Prometheus text) on the embedded API. */
@EnableKubernetesMockClient(crud = true)
class HealthEndpointsTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  static KubernetesClient client;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<RecordingReconciler.Reconcile> reconciles = RecordingReconciler.newLog();
  private ControllerRuntime runtime;

  @BeforeEach
  void start() {
    runtime = new ControllerRuntime(ControllerOptions.embedded("health-test"), client);
    new RecordingReconciler("only", reconciles).registerOn(runtime);
    runtime.start();
  }

  @AfterEach
  void stop() {
    runtime.close();
  }

  private HttpResponse<String> get(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.healthPort() + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void healthAndReadinessAnswerOnTheHealthPort() {
    assertThat(runtime.healthPort()).isPositive();
    HttpResponse<String> healthz = get("/healthz");
    assertThat(healthz.statusCode()).isEqualTo(200);
    assertThat(healthz.body()).isEqualTo("ok\n");
    Await.until(WAIT, "/readyz answers 200", () -> get("/readyz").statusCode() == 200,
        () -> "last: " + get("/readyz").statusCode());
    assertThat(get("/readyz").body()).isEqualTo("ready\n");
  }

  @Test
  void metricsCountReconciliations() {
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("counted").withNamespace("ns")
        .addToLabels(RecordingReconciler.LABEL_KEY, "yes").endMetadata().build()).create();
    Await.until(WAIT, "a reconcile of ns/counted", () -> !reconciles.isEmpty());

    Pattern sample = Pattern.compile(
        "^zkoam_reconciliations_total\\{controller=\"health-test\",kind=\"ConfigMap\",} ([0-9.E]+)$",
        Pattern.MULTILINE);
    Await.until(WAIT, "zkoam_reconciliations_total counts the reconcile", () -> {
      Matcher m = sample.matcher(get("/metrics").body());
      return m.find() && Double.parseDouble(m.group(1)) >= 1;
    }, () -> get("/metrics").body());

    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    assertThat(metrics.body())
        .contains("# TYPE zkoam_reconciliations_total counter")
        .contains("# TYPE zkoam_reconciliation_duration_seconds histogram");
  }

  @Test
  void unknownPathsAreNotFound() {
    assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
  }
}

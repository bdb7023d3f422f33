package io.zkoam.sandbox.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.zkoam.api.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real Prometheus (Debian's package) on a loopback port, with the given scrape jobs and rule file. */
final class PrometheusServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final String url;

  private PrometheusServer(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Starts Prometheus evaluating rules every second and waits until it is ready. */
  static PrometheusServer start(Path binary, Path dir, List<ObjectNode> scrapeJobs, JsonNode ruleGroups) {
    try {
      Files.createDirectories(dir);
      YAMLMapper yaml = new YAMLMapper();
      ObjectNode rules = JSON.createObjectNode();
      rules.set("groups", ruleGroups);
      Path ruleFile = dir.resolve("rules.yml");
      yaml.writeValue(ruleFile.toFile(), rules);
      ObjectNode config = JSON.createObjectNode();
      config.putObject("global").put("scrape_interval", "2s").put("evaluation_interval", "1s");
      config.putArray("rule_files").add(ruleFile.toString());
      config.putArray("scrape_configs").addAll(scrapeJobs);
      Path configFile = dir.resolve("prometheus.yml");
      yaml.writeValue(configFile.toFile(), config);
      int port = freePort();
      Process process = new ProcessBuilder(binary.toString(), "--config.file=" + configFile,
          "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
          "--log.level=warn")
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      PrometheusServer server = new PrometheusServer(process, "http://127.0.0.1:" + port);
      Await.until(Duration.ofSeconds(30), "Prometheus ready", server::ready,
          () -> "\n" + read(dir.resolve("prometheus.log")));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Active alerts (pending and firing) as {alertname, state, labels}. */
  List<JsonNode> alerts() {
    List<JsonNode> alerts = new ArrayList<>();
    get("/api/v1/alerts").path("data").path("alerts").forEach(alerts::add);
    return alerts;
  }

  /** Scrape targets with their health (up/down/unknown). */
  List<JsonNode> targets() {
    List<JsonNode> targets = new ArrayList<>();
    get("/api/v1/targets").path("data").path("activeTargets").forEach(targets::add);
    return targets;
  }

  private boolean ready() {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}

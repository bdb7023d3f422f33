package io.zkoam.workload.observe;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkoam.api.naming.PodLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Talks to agents over HTTP with short timeouts, so one hung pod cannot stall a reconcile. */
public final class HttpAgentClient implements AgentClient {
  private static final Logger LOG = LoggerFactory.getLogger(HttpAgentClient.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final HttpClient http;
  private final Duration timeout;
  private final int port;

  public HttpAgentClient(Duration timeout) {
    this(timeout, PodLayout.AGENT_PORT);
  }

  public HttpAgentClient(Duration timeout, int port) {
    this.timeout = timeout;
    this.port = port;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  @Override
  public CompletableFuture<Optional<AgentStatus>> status(String podIp) {
    return get(podIp, "/status", AgentStatus.class);
  }

  @Override
  public CompletableFuture<Optional<AgentConfigView>> config(String podIp) {
    return get(podIp, "/get", AgentConfigView.class);
  }

  private <T> CompletableFuture<Optional<T>> get(String podIp, String path, Class<T> type) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + PodLayout.authority(podIp, port) + path))
        .timeout(timeout).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> {
          // /status answers 200 with mode not-serving too; other codes carry no usable body.
          if (response.statusCode() != 200) {
            return Optional.<T>empty();
          }
          try {
            return Optional.of(JSON.readValue(response.body(), type));
          } catch (Exception e) {
            LOG.debug("unreadable {} from {}: {}", path, podIp, e.toString());
            return Optional.<T>empty();
          }
        })
        .exceptionally(e -> {
          LOG.debug("agent {}{} did not answer: {}", podIp, path, e.toString());
          return Optional.empty();
        });
  }
}

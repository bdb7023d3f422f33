package io.zkoam.scaler.act;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkoam.api.naming.PodLayout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Calls agents over HTTP. A reconfig is one bounded call: the agent itself retries a leader hand-off for up to three
 * ZooKeeper timeouts and confirms the change, so its worst case is about 40 s (docs/agent.md) and the default bound
 * here is 45 s; a normal call returns in well under a second.
 */
public final class HttpMembershipAgent implements MembershipAgent {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Duration probeTimeout;
  private final Duration reconfigTimeout;
  private final int port;

  public HttpMembershipAgent(Duration probeTimeout, Duration reconfigTimeout) {
    this(probeTimeout, reconfigTimeout, PodLayout.AGENT_PORT);
  }

  public HttpMembershipAgent(Duration probeTimeout, Duration reconfigTimeout, int port) {
    this.probeTimeout = probeTimeout;
    this.reconfigTimeout = reconfigTimeout;
    this.port = port;
    this.http = HttpClient.newBuilder().connectTimeout(probeTimeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  @Override
  public CompletableFuture<Boolean> serving(String podIp) {
    HttpRequest request = HttpRequest.newBuilder(uri(podIp, "/runok")).timeout(probeTimeout).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .thenApply(response -> response.statusCode() == 200)
        .exceptionally(e -> false);
  }

  @Override
  public ReconfigReply add(String podIp, String token, int id, String host, String fromVersion) {
    ObjectNode body = JSON.createObjectNode().put("id", id).put("host", host).put("role", "participant");
    return post(podIp, "/add", token, withVersion(body, fromVersion));
  }

  @Override
  public ReconfigReply remove(String podIp, String token, int id, String fromVersion) {
    return post(podIp, "/del", token, withVersion(JSON.createObjectNode().put("id", id), fromVersion));
  }

  private static ObjectNode withVersion(ObjectNode body, String fromVersion) {
    return fromVersion == null ? body : body.put("fromVersion", fromVersion);
  }

  private ReconfigReply post(String podIp, String path, String token, ObjectNode body) {
    HttpRequest request = HttpRequest.newBuilder(uri(podIp, path))
        .timeout(reconfigTimeout)
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return read(response.statusCode(), response.body());
    } catch (IOException e) {
      return new ReconfigReply(0, "UNAVAILABLE", "agent " + podIp + " did not answer: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ReconfigReply(0, "UNAVAILABLE", "interrupted", null);
    }
  }

  static ReconfigReply read(int status, String text) {
    try {
      JsonNode json = JSON.readTree(text);
      if (status == 200) {
        return new ReconfigReply(status, null, null, json.path("versionAfter").asText(null));
      }
      return new ReconfigReply(status, json.path("error").asText("HTTP_" + status),
          json.path("reason").asText(text), null);
    } catch (IOException e) {
      return new ReconfigReply(status == 200 ? 502 : status, "UNREADABLE", "unreadable answer: " + text, null);
    }
  }

  private URI uri(String podIp, String path) {
    return URI.create("http://" + PodLayout.authority(podIp, port) + path);
  }
}

package io.zkoam.scaler.act;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zkoam.api.v1alpha1.ScalingStep;
import io.zkoam.api.v1alpha1.ScalingStep.Action;
import io.zkoam.scaler.act.MembershipAgent.ReconfigReply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The agent client: reading answers, and what it sends to a (tiny, loopback) agent. */
class HttpMembershipAgentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Nested
  class Reading {
    @Test
    void successCarriesTheVersionAfter() {
      ReconfigReply reply = HttpMembershipAgent.read(200, "{\"action\":\"add\",\"id\":4,\"changed\":true,"
          + "\"confirmed\":true,\"versionBefore\":\"100000003\",\"versionAfter\":\"100000004\",\"config\":{"
          + "\"version\":\"100000004\",\"voters\":4,\"members\":[]}}");
      assertThat(reply).isEqualTo(new ReconfigReply(200, null, null, "100000004"));
      assertThat(reply.ok()).isTrue();
    }

    @Test
    void anErrorCarriesCodeAndReason() {
      ReconfigReply reply = HttpMembershipAgent.read(409, "{\"error\":\"BADVERSION\",\"reason\":"
          + "\"KeeperErrorCode = BadVersion for /zookeeper/config\",\"action\":\"add\",\"id\":4,"
          + "\"versionBefore\":\"100000003\"}");
      assertThat(reply).isEqualTo(new ReconfigReply(409, "BADVERSION",
          "KeeperErrorCode = BadVersion for /zookeeper/config", null));
      assertThat(reply.ok()).isFalse();
    }

    @Test
    void unauthorizedAndNoQuorumAnswers() {
      assertThat(HttpMembershipAgent.read(401, "{\"error\":\"UNAUTHORIZED\",\"reason\":\"bad token\"}"))
          .isEqualTo(new ReconfigReply(401, "UNAUTHORIZED", "bad token", null));
      assertThat(HttpMembershipAgent.read(503, "{\"error\":\"NEWCONFIGNOQUORUM\",\"reason\":\"No quorum\"}"))
          .isEqualTo(new ReconfigReply(503, "NEWCONFIGNOQUORUM", "No quorum", null));
    }

    @Test
    void aJsonErrorWithoutCodeIsNamedAfterItsStatus() {
      String body = "{\"message\":\"no such path\"}";
      assertThat(HttpMembershipAgent.read(404, body)).isEqualTo(new ReconfigReply(404, "HTTP_404", body, null));
    }

    @Test
    void anUnreadableErrorKeepsItsStatus() {
      assertThat(HttpMembershipAgent.read(502, "<html>Bad Gateway</html>"))
          .isEqualTo(new ReconfigReply(502, "UNREADABLE", "unreadable answer: <html>Bad Gateway</html>", null));
    }

    @Test
    void anUnreadableSuccessIsNoSuccess() {
      ReconfigReply reply = HttpMembershipAgent.read(200, "ok!");
      assertThat(reply.ok()).isFalse();
      assertThat(reply.status()).isEqualTo(502);
      assertThat(reply.error()).isEqualTo("UNREADABLE");
      assertThat(StepActions.outcome(
          new ScalingStep(Action.AddVoter, 4, "zk-3", "1", "2025-03-01T12:00:00Z", null), reply))
          .isInstanceOf(ActionOutcome.Retry.class);
    }
  }

  /** A loopback stand-in for an agent that records what it receives and answers as told. */
  @Nested
  class OverHttp {
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();
    private final Map<String, String> bodyByPath = new ConcurrentHashMap<>();
    private HttpServer server;
    private HttpMembershipAgent agent;

    @BeforeEach
    void startAgent() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", this::answer);
      server.start();
      agent = new HttpMembershipAgent(Duration.ofSeconds(2), Duration.ofSeconds(5), server.getAddress().getPort());
    }

    @AfterEach
    void stopAgent() {
      server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
      String path = exchange.getRequestURI().getPath();
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      received.add(Map.of("method", exchange.getRequestMethod(), "path", path,
          "authorization", auth == null ? "" : auth, "contentType", type == null ? "" : type,
          "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      byte[] body = bodyByPath.getOrDefault(path, "{}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(statusByPath.getOrDefault(path, 404), body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    }

    private void answer(String path, int status, String body) {
      statusByPath.put(path, status);
      bodyByPath.put(path, body);
    }

    private JsonNode sentBody() throws IOException {
      assertThat(received).hasSize(1);
      return JSON.readTree(received.get(0).get("body"));
    }

    @Test
    void addSendsTheServerAsAParticipantWithTheTokenAndVersion() throws IOException {
      answer("/add", 200, "{\"action\":\"add\",\"id\":4,\"changed\":true,\"versionAfter\":\"100000004\"}");
      ReconfigReply reply = agent.add("127.0.0.1", "s3cret-token", 4, "zk-3.zk-hs.ns.svc.cluster.local",
          "100000003");
      assertThat(reply).isEqualTo(new ReconfigReply(200, null, null, "100000004"));
      Map<String, String> request = received.get(0);
      assertThat(request).containsEntry("method", "POST").containsEntry("path", "/add")
          .containsEntry("authorization", "Bearer s3cret-token").containsEntry("contentType", "application/json");
      JsonNode body = sentBody();
      assertThat(body.get("id").isInt()).isTrue();
      assertThat(body.get("id").asInt()).isEqualTo(4);
      assertThat(body.get("host").asText()).isEqualTo("zk-3.zk-hs.ns.svc.cluster.local");
      assertThat(body.get("role").asText()).isEqualTo("participant");
      assertThat(body.get("fromVersion").asText()).isEqualTo("100000003");
      assertThat(received.get(0).get("body")).contains("\"role\":\"participant\"");
      assertThat(body.size()).isEqualTo(4);
    }

    @Test
    void addWithoutAVersionIsUnconditional() throws IOException {
      answer("/add", 200, "{\"versionAfter\":\"100000004\"}");
      agent.add("127.0.0.1", "t", 4, "zk-3.zk-hs.ns.svc.cluster.local", null);
      assertThat(sentBody().has("fromVersion")).isFalse();
    }

    @Test
    void removeSendsOnlyTheIdAndVersion() throws IOException {
      answer("/del", 200, "{\"action\":\"del\",\"id\":5,\"versionAfter\":\"100000006\"}");
      ReconfigReply reply = agent.remove("127.0.0.1", "s3cret-token", 5, "100000005");
      assertThat(reply.versionAfter()).isEqualTo("100000006");
      assertThat(received.get(0)).containsEntry("path", "/del").containsEntry("authorization", "Bearer s3cret-token");
      JsonNode body = sentBody();
      assertThat(body.get("id").asInt()).isEqualTo(5);
      assertThat(body.get("fromVersion").asText()).isEqualTo("100000005");
      assertThat(body.has("host")).isFalse();
      assertThat(body.has("role")).isFalse();
    }

    @Test
    void anErrorAnswerComesBackAsIs() {
      answer("/add", 409, "{\"error\":\"BADVERSION\",\"reason\":\"KeeperErrorCode = BadVersion\"}");
      assertThat(agent.add("127.0.0.1", "t", 4, "h", "100000003"))
          .isEqualTo(new ReconfigReply(409, "BADVERSION", "KeeperErrorCode = BadVersion", null));
    }

    @Test
    void servingIsA200OfRunok() {
      answer("/runok", 200, "{\"ok\":true,\"mode\":\"follower\"}");
      assertThat(agent.serving("127.0.0.1").join()).isTrue();
      assertThat(received.get(0)).containsEntry("method", "GET").containsEntry("path", "/runok");
    }

    @Test
    void a503OfRunokIsNotServing() {
      answer("/runok", 503, "{\"ok\":false,\"reason\":\"not serving\"}");
      assertThat(agent.serving("127.0.0.1").join()).isFalse();
      assertThat(received).hasSize(1);
    }
  }

  @Nested
  class NobodyListening {
    private int closedPort;

    @BeforeEach
    void findAClosedPort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        closedPort = socket.getLocalPort();
      }
    }

    @Test
    void aClosedPortIsNotServing() {
      HttpMembershipAgent agent = new HttpMembershipAgent(Duration.ofSeconds(2), Duration.ofSeconds(2), closedPort);
      assertThat(agent.serving("127.0.0.1").join()).isFalse();
    }

    @Test
    void aReconfigToAClosedPortIsUnavailable() {
      HttpMembershipAgent agent = new HttpMembershipAgent(Duration.ofSeconds(2), Duration.ofSeconds(2), closedPort);
      ReconfigReply reply = agent.add("127.0.0.1", "t", 4, "h", "1");
      assertThat(reply.status()).isZero();
      assertThat(reply.error()).isEqualTo("UNAVAILABLE");
      assertThat(reply.reason()).contains("127.0.0.1");
      assertThat(agent.remove("127.0.0.1", "t", 4, "1").error()).isEqualTo("UNAVAILABLE");
    }
  }
}

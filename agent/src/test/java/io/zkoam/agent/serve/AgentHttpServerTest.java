package io.zkoam.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkoam.agent.testing.AgentClient;
import io.zkoam.agent.testing.AgentClient.Response;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP surface without any ZooKeeper behind it: routing, auth, validation, metrics, and honest failures. */
class AgentHttpServerTest {

    private static final String TOKEN = "test-token";

    @TempDir
    static Path secrets;
    static AgentHttpServer server;
    static AgentClient client;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(secrets.resolve("agent-token"), TOKEN + "\n");
        Files.writeString(secrets.resolve("super-password"), "pw\n");
        InetSocketAddress nothingListens;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            nothingListens = new InetSocketAddress("127.0.0.1", socket.getLocalPort());
        }
        server = AgentHttpServer.start(new ServeOptions(new InetSocketAddress("127.0.0.1", 0), nothingListens, secrets, 7,
            Duration.ofMillis(500), Duration.ofMillis(300), 2));
        client = new AgentClient(server.address(), TOKEN);
    }

    @AfterAll
    static void stop() {
        server.close(0);
    }

    @Test
    void healthOnlySaysTheAgentIsAlive() {
        Response health = client.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void runokIs503WithAReasonWhenTheServerDoesNotAnswer() {
        Response runok = client.get("/runok");

        assertThat(runok.status()).isEqualTo(503);
        assertThat(runok.body().path("ok").asBoolean(true)).isFalse();
        assertThat(runok.body().path("reason").asText()).startsWith("ruok: no answer from");
    }

    @Test
    void statusReportsNotServingWithThePodsServerId() {
        Response status = client.get("/status");

        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body().path("mode").asText()).isEqualTo("not-serving");
        assertThat(status.body().path("serving").asBoolean(true)).isFalse();
        assertThat(status.body().path("serverId").asInt()).isEqualTo(7);
        assertThat(status.body().has("reason")).isTrue();
    }

    @Test
    void getIs503WhenThereIsNoServer() {
        Response get = client.get("/get");

        assertThat(get.status()).isEqualTo(503);
        assertThat(get.body().path("error").asText()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void mutatingCallsNeedTheBearerToken() {
        String body = "{\"id\":4,\"host\":\"zk-3.zk-hs\"}";
        for (String token : new String[] {null, "", "wrong", TOKEN + "x"}) {
            Response add = client.postWithToken("/add", body, token);
            assertThat(add.status()).as("token %s", token).isEqualTo(401);
            assertThat(add.body().path("error").asText()).isEqualTo("UNAUTHORIZED");
        }
        assertThat(client.postWithToken("/del", "{\"id\":4}", "wrong").status()).isEqualTo(401);
    }

    @Test
    void theTokenIsCheckedBeforeTheBody() {
        assertThat(client.postWithToken("/add", "not json", "wrong").status()).isEqualTo(401);
    }

    @Test
    void malformedBodiesAre400NamingTheField() {
        Response add = client.post("/add", "{\"id\":4,\"host\":\"zk-3\",\"role\":\"boss\"}");

        assertThat(add.status()).isEqualTo(400);
        assertThat(add.body().path("error").asText()).isEqualTo("BAD_REQUEST");
        assertThat(add.body().path("field").asText()).isEqualTo("role");
        assertThat(add.body().path("reason").asText()).contains("participant or observer");
        assertThat(client.post("/del", "{}").body().path("field").asText()).isEqualTo("id");
    }

    @Test
    void aValidChangeWithoutAServerIs503AndSaysWhat() {
        Response del = client.post("/del", "{\"id\":4}");

        assertThat(del.status()).isEqualTo(503);
        assertThat(del.body().path("error").asText()).isEqualTo("UNAVAILABLE");
        assertThat(del.body().path("action").asText()).isEqualTo("del");
        assertThat(del.body().path("id").asInt()).isEqualTo(4);
    }

    @Test
    void unknownPathsAndWrongMethods() {
        assertThat(client.get("/healthz").status()).isEqualTo(404);
        assertThat(client.get("/").status()).isEqualTo(404);
        Response wrongMethod = client.get("/add");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.body().path("reason").asText()).isEqualTo("/add takes POST");
        assertThat(client.post("/status", "{}").status()).isEqualTo(405);
    }

    @Test
    void oversizedBodiesAreRefused() {
        assertThat(client.post("/add", "x".repeat(Router.MAX_BODY_BYTES + 1)).status()).isEqualTo(413);
    }

    @Test
    void metricsCountRequestsByEndpointAndCode() {
        client.get("/health");
        client.postWithToken("/add", "{}", "wrong");

        Response metrics = client.get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw())
            .contains("zkoam_agent_requests_total{endpoint=\"/health\",code=\"200\",}")
            .contains("zkoam_agent_requests_total{endpoint=\"/add\",code=\"401\",}")
            .contains("zkoam_agent_request_duration_seconds_bucket{endpoint=\"/health\",le=\"0.001\",}")
            .contains("zkoam_agent_reconfig_total{action=\"add\",result=\"unauthorized\",}")
            .contains("process_resident_memory_bytes");
    }
}

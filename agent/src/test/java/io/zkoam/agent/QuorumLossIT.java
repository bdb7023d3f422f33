package io.zkoam.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkoam.agent.testing.AgentClient.Response;
import io.zkoam.agent.testing.Deadline;
import io.zkoam.agent.testing.LoopbackEnsemble;
import io.zkoam.agent.testing.SimulatedPod;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Readiness means "serves", not "answers": a server cut off from its quorum still says {@code imok} to {@code ruok},
 * and {@code /runok} must say 503 all the same.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class QuorumLossIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static LoopbackEnsemble zk;

    @BeforeAll
    static void bootstrap() throws Exception {
        zk = LoopbackEnsemble.create("QuorumLossIT", 12);
        zk.bootstrap(3, Duration.ofSeconds(60));
        for (int ordinal = 0; ordinal < 3; ordinal++) {
            zk.pod(ordinal).startAgent();
        }
    }

    @AfterAll
    static void tearDown() {
        if (zk != null) {
            zk.close();
        }
    }

    @Test
    @Order(1)
    void aNodeCutOffFromTheQuorumSaysImokButRunokIs503() {
        SimulatedPod alone = zk.pod(0);
        assertThat(alone.agent().get("/runok").status()).isEqualTo(200);

        zk.pod(1).killServer();
        zk.pod(2).killServer();

        Response runok = Deadline.await("zk-0 /runok 503", WAIT, () -> {
            Response r = alone.agent().get("/runok");
            return r.status() == 503 ? r : null;
        }, () -> alone.agent().get("/runok").raw());
        assertThat(alone.fourLetterWord("ruok")).isEqualTo("imok");
        assertThat(runok.body().path("ok").asBoolean(true)).isFalse();
        assertThat(runok.body().path("reason").asText()).contains("not serving");

        Response status = alone.agent().get("/status");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body().path("mode").asText()).isEqualTo("not-serving");
        assertThat(status.body().path("serving").asBoolean(true)).isFalse();
        assertThat(status.body().path("serverId").asInt()).isEqualTo(1);

        assertThat(alone.agent().get("/get").status()).isEqualTo(503);
        Response add = alone.agent().post("/add", "{\"id\":2,\"host\":\"" + zk.pod(1).host() + "\",\"role\":\"observer\"}");
        assertThat(add.status()).as(add.raw()).isEqualTo(503);
        // liveness is unaffected
        assertThat(alone.agent().get("/health").status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void readinessComesBackWithTheQuorumAndNothingChanged() throws Exception {
        zk.pod(1).initAndStart();

        SimulatedPod pod = zk.pod(0);
        Deadline.await("zk-0 /runok 200", WAIT, () -> pod.agent().get("/runok").status() == 200 ? Boolean.TRUE : null,
            () -> pod.agent().get("/runok").raw());
        Response get = pod.agent().get("/get");
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body().path("version").asText()).isEqualTo("1");
        assertThat(get.body().path("members").get(1).path("role").asText()).isEqualTo("participant");
    }
}

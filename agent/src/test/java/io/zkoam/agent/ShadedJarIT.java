package io.zkoam.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkoam.agent.testing.AgentClient;
import io.zkoam.agent.testing.AgentClient.Response;
import io.zkoam.agent.testing.AgentProcess;
import io.zkoam.agent.testing.Deadline;
import io.zkoam.agent.testing.LoopbackEnsemble;
import io.zkoam.agent.testing.SimulatedPod;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The jar as shipped ({@code java <AgentJvmFlags> -jar zkoam-agent.jar ...}), configured through environment
 * variables like a pod spec: init writes what a real server boots from, serve answers for it, and a refused volume
 * exits with 2. Catches a shading mistake (a class left out) and flags the JVM rejects.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ShadedJarIT {

    private static LoopbackEnsemble zk;
    private static AgentProcess agent;

    @BeforeAll
    static void setUp() {
        zk = LoopbackEnsemble.create("ShadedJarIT", 13);
        zk.writeBootstrapMembers(1);
    }

    @AfterAll
    static void tearDown() {
        if (agent != null) {
            agent.close();
        }
        if (zk != null) {
            zk.close();
        }
    }

    private static Map<String, String> podEnv(SimulatedPod pod) {
        Map<String, String> env = new java.util.HashMap<>(AgentJvmFlags.ENVIRONMENT);
        env.putAll(Map.of(
            "POD_NAME", pod.name(), "POD_NAMESPACE", zk.namespace(), "POD_IP", pod.address(),
            "ZKOAM_DATA_DIR", pod.dataDir().toString(), "ZKOAM_CONFIG_IN", zk.configMapDir().toString(),
            "ZKOAM_SECRET_DIR", zk.secretDir().toString(), "ZKOAM_METRICS_PORT", "0"));
        return env;
    }

    @Test
    void initAndServeFromTheJarWithTheShippedFlags() throws Exception {
        SimulatedPod pod = zk.pod(0);
        AgentProcess init = AgentProcess.start(AgentJvmFlags.RECOMMENDED, List.of("init"), podEnv(pod), zk.baseDir().resolve("init.log"));
        assertThat(init.awaitExit(Duration.ofSeconds(30))).as(init.output()).isZero();
        assertThat(init.output()).contains("init zk-0 (server 1): member of config 1");
        assertThat(Files.readString(pod.dataDir().resolve("myid"))).isEqualTo("1\n");

        // a one-server quorum (standaloneEnabled=false) booted from the jar's output
        pod.startServer();
        pod.awaitServing(Duration.ofSeconds(30));

        agent = AgentProcess.start(AgentJvmFlags.RECOMMENDED, List.of("serve"), podEnv(pod), zk.baseDir().resolve("serve.log"));
        agent.awaitHealthy(pod.agentAddress(), Duration.ofSeconds(30));
        AgentClient client = pod.agent();
        Deadline.await("/runok 200", Duration.ofSeconds(30), () -> client.get("/runok").status() == 200 ? Boolean.TRUE : null,
            () -> client.get("/runok").raw());
        assertThat(client.get("/status").body().path("mode").asText()).isEqualTo("leader");
        assertThat(client.get("/get").body().path("version").asText()).isEqualTo("1");
        // the super-user path: an idempotent /del authenticates and reads without changing anything
        Response del = client.post("/del", "{\"id\":2}");
        assertThat(del.status()).as(del.raw()).isEqualTo(200);
        assertThat(del.body().path("changed").asBoolean(true)).isFalse();
        assertThat(client.get("/metrics").raw()).contains("zkoam_agent_requests_total{endpoint=\"/del\",code=\"200\",}");
        assertThat(agent.output()).contains("membership del id=2").contains("result=unchanged")
            // the jar's own logging (AgentLogging): ZooKeeper's client stays at WARN, it would log every session at INFO
            .doesNotContain("Session establishment complete");

        // SIGTERM as the kubelet sends it: the JVM runs its hooks and exits 143
        assertThat(agent.stop(Duration.ofSeconds(15))).isEqualTo(128 + 15);
    }

    @Test
    void aRefusedVolumeExitsWithTwo() throws Exception {
        SimulatedPod pod = zk.pod(1);
        Files.createDirectories(pod.dataDir());
        Files.writeString(pod.dataDir().resolve("zkoam-volume.properties"), "cluster-uid=someone-else\nserver-id=2\n");

        AgentProcess init = AgentProcess.start(AgentJvmFlags.RECOMMENDED, List.of("init"), podEnv(pod), zk.baseDir().resolve("refused.log"));

        assertThat(init.awaitExit(Duration.ofSeconds(30))).as(init.output()).isEqualTo(2);
        assertThat(init.output()).contains("refusing to start pod zk-1").contains("someone-else");
    }
}

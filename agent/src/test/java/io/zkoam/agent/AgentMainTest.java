package io.zkoam.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentMainTest {

    @TempDir
    Path dir;

    @Test
    void usageErrorsExitWith64() {
        assertThat(AgentMain.run(new String[] {}, Map.of())).isEqualTo(64);
        assertThat(AgentMain.run(new String[] {"bogus"}, Map.of())).isEqualTo(64);
        assertThat(AgentMain.run(new String[] {"init"}, Map.of())).isEqualTo(64);
        assertThat(AgentMain.run(new String[] {"serve", "--nope=1"}, Map.of())).isEqualTo(64);
        assertThat(AgentMain.run(new String[] {"init", "--pod-name=zk"}, Map.of())).isEqualTo(64);
    }

    @Test
    void initExitsWith0WhenDoneAnd2WhenTheGuardRefuses() throws Exception {
        Path configIn = Files.createDirectories(dir.resolve("config-in"));
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(configIn.resolve("zoo.cfg.dynamic"), "server.1=zk-0.zk-hs.ns.svc.cluster.local:2888:3888:participant;zk-0.zk-hs.ns.svc.cluster.local:2181\n");
        Files.writeString(configIn.resolve("cluster-uid"), "uid-1");
        Files.writeString(secrets.resolve("super-password"), "pw");
        Map<String, String> env = Map.of("POD_NAME", "zk-0", "POD_NAMESPACE", "ns", "POD_IP", "10.0.0.1",
            "ZKOAM_DATA_DIR", dir.resolve("data").toString(), "ZKOAM_CONFIG_IN", configIn.toString(), "ZKOAM_SECRET_DIR", secrets.toString());

        assertThat(AgentMain.run(new String[] {"init"}, env)).isEqualTo(0);
        assertThat(dir.resolve("data/myid")).hasContent("1");

        Files.writeString(configIn.resolve("cluster-uid"), "uid-2");
        assertThat(AgentMain.run(new String[] {"init"}, env)).isEqualTo(2);
    }

    @Test
    void theShippedFlagsFitTheBudget() {
        assertThat(AgentJvmFlags.RECOMMENDED).contains("-XX:+UseSerialGC", "-Xmx24m", "-Xss256k");
        assertThat(AgentJvmFlags.asString()).doesNotContain("  ");
    }
}

package io.zkoam.zkprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsFileTest {

    @TempDir
    Path dir;

    @Test
    void listsEveryNameAndLocalhost() throws Exception {
        Path file = HostsFile.write(dir.resolve("sub/hosts"), Map.of(
            "zk-1.zk-hs.ns.svc.cluster.local", "127.0.3.2",
            "zk-0.zk-hs.ns.svc.cluster.local", "127.0.3.1"));

        assertThat(Files.readAllLines(file)).containsExactly(
            "127.0.0.1 localhost",
            "127.0.3.1 zk-0.zk-hs.ns.svc.cluster.local",
            "127.0.3.2 zk-1.zk-hs.ns.svc.cluster.local");
    }

    @Test
    void rewritingReplacesTheOldEntries() throws Exception {
        Path file = dir.resolve("hosts");
        HostsFile.write(file, Map.of("a", "127.0.3.1"));
        HostsFile.write(file, Map.of("b", "127.0.3.2", "localhost", "127.0.0.9"));

        assertThat(Files.readAllLines(file)).containsExactly("127.0.0.1 localhost", "127.0.3.2 b");
    }
}

package io.zkoam.zkprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Runs one real server (a one-participant quorum, the smallest thing QuorumPeerMain runs with
 * {@code standaloneEnabled=false}) on its own loopback address, resolving its own DNS-style name through a
 * hosts file, and checks start, kill -9, restart, graceful stop and the cleanup of a leftover process.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(60)
class ZooKeeperProcessIT {

    private static final String ADDRESS = "127.0.90.1";
    private static final String HOST = "solo-0.solo-hs.test.svc.cluster.local";
    private static final InetSocketAddress CLIENT = new InetSocketAddress(ADDRESS, 2181);

    private static Path dir;
    private static Path config;
    private static ZooKeeperProcess server;

    @BeforeAll
    static void writeConfig() throws IOException {
        dir = Path.of("target", "it", "ZooKeeperProcessIT").toAbsolutePath();
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("data/myid"), "1\n");
        Path dynamic = dir.resolve("conf/zoo.cfg.dynamic.1");
        Files.writeString(dynamic, "server.1=" + HOST + ":2888:3888:participant;" + HOST + ":2181\n");
        config = dir.resolve("conf/zoo.cfg");
        Files.writeString(config, String.join("\n",
            "tickTime=200", "initLimit=10", "syncLimit=5",
            "dataDir=" + dir.resolve("data"),
            "standaloneEnabled=false", "reconfigEnabled=true", "admin.enableServer=false",
            "4lw.commands.whitelist=srvr,ruok",
            "dynamicConfigFile=" + dynamic, ""));
        Path logback = dir.resolve("conf/logback.xml");
        Files.writeString(logback, "<configuration><appender name='O' class='ch.qos.logback.core.ConsoleAppender'>"
            + "<encoder><pattern>%d %-5level %logger{20} - %msg%n</pattern></encoder></appender>"
            + "<root level='INFO'><appender-ref ref='O'/></root></configuration>");
        Path hosts = HostsFile.write(dir.resolve("hosts"), Map.of(HOST, ADDRESS));
        server = ZooKeeperProcess.builder("solo-0", config)
            .workDir(dir)
            .hostsFile(hosts)
            .systemProperty("logback.configurationFile", logback.toString())
            .build();
    }

    @AfterAll
    static void cleanUp() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void startsAServerThatResolvesItsNameFromTheHostsFileAndServes() {
        server.start();
        server.awaitPort(CLIENT, Duration.ofSeconds(30));

        assertThat(server.isAlive()).isTrue();
        assertThat(server.command()).contains("-Djdk.net.hosts.file=" + dir.resolve("hosts"), ZooKeeperProcess.MAIN_CLASS);
        awaitServing();
        assertThat(fourLetterWord("ruok")).isEqualTo("imok");
    }

    @Test
    @Order(2)
    void killIsAKillDashNine() {
        long pid = server.pid();
        server.kill();

        assertThat(server.isAlive()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(server.exitCode()).contains(128 + 9);
        TcpPort.awaitClosed(CLIENT, Duration.ofSeconds(5));
    }

    @Test
    @Order(3)
    void restartsOnTheSameAddressAndStopsGracefully() {
        server.start();
        server.awaitPort(CLIENT, Duration.ofSeconds(30));
        awaitServing();

        server.stop(Duration.ofSeconds(20));

        assertThat(server.isAlive()).isFalse();
        // SIGTERM ends a JVM with 143; a forced kill would be 137
        assertThat(server.exitCode()).contains(128 + 15);
        assertThat(server.logTail(200)).contains("starting solo-0");
    }

    @Test
    @Order(4)
    void killsALeftoverOfAnEarlierRunBeforeStarting() {
        ZooKeeperProcess earlier = ZooKeeperProcess.builder("solo-0", config).workDir(dir)
            .hostsFile(dir.resolve("hosts")).build().start();
        long leftoverPid = earlier.pid();
        earlier.awaitPort(CLIENT, Duration.ofSeconds(30));

        // a new launcher for the same work dir, as after a test JVM that died without running its hooks
        server.start();
        try {
            assertThat(ProcessHandle.of(leftoverPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            server.awaitPort(CLIENT, Duration.ofSeconds(30));
            assertThat(server.pid()).isNotEqualTo(leftoverPid);
        } finally {
            earlier.close();
            server.close();
        }
    }

    private static void awaitServing() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String srvr = "";
        while (System.nanoTime() - deadline < 0) {
            srvr = fourLetterWord("srvr");
            if (srvr.contains("Mode: leader")) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("server did not become leader of its one-server quorum in 30 s; srvr said: " + srvr
            + "\n" + server.logTail(40));
    }

    private static String fourLetterWord(String word) {
        try (Socket socket = new Socket()) {
            socket.connect(CLIENT, 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(word.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}

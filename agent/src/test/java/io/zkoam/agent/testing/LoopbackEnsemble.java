package io.zkoam.agent.testing;

import io.zkoam.agent.init.InitException;
import io.zkoam.agent.zk.Ports;
import io.zkoam.agent.zk.ServerLine;
import io.zkoam.agent.zk.Role;
import io.zkoam.zkprocess.HostsFile;
import io.zkoam.zkprocess.TcpPort;
import io.zkoam.zkprocess.ZooKeeperProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * N simulated ZooKeeper pods on loopback, each a real {@code QuorumPeerMain} process with the standard ports on its
 * own address {@code 127.0.<subnet>.<ordinal+1>}, booted from files written by the real {@code init} code from a
 * ConfigMap-shaped directory and a Secret-shaped directory. Names
 * ({@code <cluster>-N.<cluster>-hs.<ns>.svc.cluster.local}) resolve through a hosts file handed to every server.
 *
 * <p>Give each test class its own {@code subnet} so parallel or leftover processes never collide. Close it in
 * {@code @AfterAll}; the zookeeper-process shutdown hook covers a JVM that dies first. Reusable by the sandbox through
 * the agent's test-jar.
 */
public final class LoopbackEnsemble implements AutoCloseable {

    /** Pods with names in the hosts file; the file never changes, so no JVM ever caches a missing name. */
    public static final int MAX_PODS = 7;

    /** Short ticks keep elections and syncs fast; limits leave room for a loaded 2-core CI machine. */
    public static final String STATIC_CONFIG = String.join("\n",
        "tickTime=250", "initLimit=20", "syncLimit=10",
        "autopurge.snapRetainCount=3", "autopurge.purgeInterval=1", "");

    private static final String LOGBACK = "<configuration><appender name='OUT' class='ch.qos.logback.core.ConsoleAppender'>"
        + "<encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n</pattern></encoder></appender>"
        + "<root level='INFO'><appender-ref ref='OUT'/></root></configuration>\n";

    private final String cluster;
    private final String namespace;
    private final Path baseDir;
    private final String clusterUid = UUID.randomUUID().toString();
    private final String superPassword = UUID.randomUUID().toString();
    private final String agentToken = UUID.randomUUID().toString();
    private final List<SimulatedPod> pods = new ArrayList<>();
    private final List<String> serverJvmOptions;

    private LoopbackEnsemble(String cluster, String namespace, int subnet, Path baseDir, List<String> serverJvmOptions) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.baseDir = baseDir.toAbsolutePath();
        this.serverJvmOptions = serverJvmOptions;
        for (int ordinal = 0; ordinal < MAX_PODS; ordinal++) {
            pods.add(new SimulatedPod(this, ordinal, "127.0." + subnet + "." + (ordinal + 1)));
        }
    }

    /**
     * A fresh ensemble under {@code target/it/<name>} (wiped first), cluster {@code zk}, namespace {@code test}.
     *
     * @param subnet 1..254, unique per test class
     */
    public static LoopbackEnsemble create(String name, int subnet) {
        return create(name, subnet, ZooKeeperProcess.DEFAULT_JVM_OPTIONS);
    }

    public static LoopbackEnsemble create(String name, int subnet, List<String> serverJvmOptions) {
        if (subnet < 1 || subnet > 254) {
            throw new IllegalArgumentException("subnet must be 1..254");
        }
        LoopbackEnsemble ensemble = new LoopbackEnsemble("zk", "test", subnet, Path.of("target", "it", name), serverJvmOptions);
        try {
            ensemble.prepare();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ensemble;
    }

    private void prepare() throws IOException {
        for (SimulatedPod pod : pods) {
            for (int port : new int[] {Ports.CLIENT, Ports.QUORUM, Ports.ELECTION, Ports.AGENT}) {
                if (TcpPort.accepts(new InetSocketAddress(pod.address(), port))) {
                    throw new IllegalStateException(pod.address() + ":" + port + " is already in use: a leftover process "
                        + "of an earlier run, or another test class with the same subnet");
                }
            }
        }
        deleteTree(baseDir);
        Files.createDirectories(configMapDir());
        Map<String, String> names = new LinkedHashMap<>();
        pods.forEach(pod -> names.put(pod.host(), pod.address()));
        HostsFile.write(hostsFile(), names);
        write(configMapDir().resolve("zoo.cfg"), STATIC_CONFIG);
        write(configMapDir().resolve("logback.xml"), LOGBACK);
        write(configMapDir().resolve("cluster-uid"), clusterUid + "\n");
        write(secretDir().resolve("super-password"), superPassword + "\n");
        write(secretDir().resolve("agent-token"), agentToken + "\n");
    }

    /** Renders the ConfigMap's member list: pods {@code 0..voters-1} as participants, bootstrap version (no config-version). */
    public void writeBootstrapMembers(int voters) {
        StringBuilder lines = new StringBuilder();
        for (int ordinal = 0; ordinal < voters; ordinal++) {
            lines.append(ServerLine.standard(ordinal + 1, pod(ordinal).host(), Role.PARTICIPANT).line()).append('\n');
        }
        writeMembers(lines.toString(), null);
    }

    /** Renders the ConfigMap's {@code zoo.cfg.dynamic} and {@code config-version} (null: no such key). */
    public void writeMembers(String dynamicText, String configVersion) {
        try {
            write(configMapDir().resolve("zoo.cfg.dynamic"), dynamicText);
            Path version = configMapDir().resolve("config-version");
            if (configVersion == null) {
                Files.deleteIfExists(version);
            } else {
                write(version, configVersion + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a different cluster uid into the ConfigMap, as a re-created ZooKeeperCluster would have. */
    public void writeClusterUid(String uid) {
        try {
            write(configMapDir().resolve("cluster-uid"), uid + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pods {@code 0..n-1} as the initial voters: ConfigMap, init, servers started in parallel, all serving. */
    public LoopbackEnsemble bootstrap(int n, Duration timeout) throws InitException {
        writeBootstrapMembers(n);
        for (int ordinal = 0; ordinal < n; ordinal++) {
            pod(ordinal).init();
        }
        for (int ordinal = 0; ordinal < n; ordinal++) {
            pod(ordinal).launchServer();
        }
        for (int ordinal = 0; ordinal < n; ordinal++) {
            pod(ordinal).awaitServing(timeout);
        }
        return this;
    }

    public SimulatedPod pod(int ordinal) {
        return pods.get(ordinal);
    }

    /** The pod whose server says {@code Mode: leader}, if any. */
    public Optional<SimulatedPod> leader() {
        return pods.stream().filter(SimulatedPod::serverAlive)
            .filter(pod -> pod.fourLetterWord("srvr").contains("Mode: leader")).findFirst();
    }

    public String cluster() {
        return cluster;
    }

    public String namespace() {
        return namespace;
    }

    public String clusterUid() {
        return clusterUid;
    }

    public String agentToken() {
        return agentToken;
    }

    public Path baseDir() {
        return baseDir;
    }

    public Path configMapDir() {
        return baseDir.resolve("configmap");
    }

    public Path secretDir() {
        return baseDir.resolve("secret");
    }

    public Path hostsFile() {
        return baseDir.resolve("hosts");
    }

    List<String> serverJvmOptions() {
        return serverJvmOptions;
    }

    /** Stops every agent and kills every server; safe to call after any failure. */
    @Override
    public void close() {
        for (SimulatedPod pod : pods) {
            pod.close();
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

package io.zkoam.agent.serve;

import io.zkoam.agent.cli.Flags;
import io.zkoam.agent.cli.UsageException;
import io.zkoam.agent.zk.Ports;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inputs of {@code serve} (docs/agent.md). Everything binds the pod IP, never 0.0.0.0: in the sandbox every
 * simulated pod is a different 127.x.y.z on one machine.
 *
 * @param listen       where the agent's HTTP API listens, default {@code POD_IP:8081}
 * @param zooKeeper    the local server's client address, default {@code POD_IP:2181}
 * @param serverId     this pod's server id (ordinal + 1 from POD_NAME), reported while the server cannot tell; may be null
 * @param zkTimeout    bound of every ZooKeeper client call (connect, sync, getConfig, reconfig)
 * @param probeTimeout bound of every four-letter word (connect and read)
 */
public record ServeOptions(InetSocketAddress listen, InetSocketAddress zooKeeper, Path secretDir, Integer serverId,
                           Duration zkTimeout, Duration probeTimeout, int httpThreads) {

    public static final Set<String> FLAGS = Set.of("listen", "zk-address", "pod-ip", "pod-name", "secret-dir",
        "zk-timeout-ms", "probe-timeout-ms", "http-threads");

    private static final Pattern ORDINAL = Pattern.compile(".+-(\\d+)");

    public static ServeOptions from(Flags flags) {
        flags.rejectUnknown(FLAGS);
        Optional<String> podIp = flags.get("pod-ip", "POD_IP");
        String listen = flags.get("listen", "ZKOAM_LISTEN")
            .orElseGet(() -> podIp.orElseThrow(() -> new UsageException("missing --listen (or POD_IP)")) + ":" + Ports.AGENT);
        String zooKeeper = flags.get("zk-address", "ZKOAM_ZK_ADDRESS")
            .orElseGet(() -> podIp.orElseThrow(() -> new UsageException("missing --zk-address (or POD_IP)")) + ":" + Ports.CLIENT);
        Integer serverId = flags.get("pod-name", "POD_NAME").map(ORDINAL::matcher).filter(Matcher::matches)
            .map(m -> Integer.parseInt(m.group(1)) + 1).orElse(null);
        int threads = flags.intValue("http-threads", "ZKOAM_HTTP_THREADS", 4);
        if (threads < 1) {
            throw new UsageException("--http-threads must be at least 1");
        }
        return new ServeOptions(
            address("listen", listen),
            address("zk-address", zooKeeper),
            flags.path("secret-dir", "ZKOAM_SECRET_DIR", Path.of("/var/run/zkoam/secrets")),
            serverId,
            flags.millis("zk-timeout-ms", "ZKOAM_ZK_TIMEOUT_MS", Duration.ofSeconds(5)),
            flags.millis("probe-timeout-ms", "ZKOAM_PROBE_TIMEOUT_MS", Duration.ofSeconds(2)),
            threads);
    }

    /** {@code host:port}; an IP literal is used as given, so no name resolution happens. */
    static InetSocketAddress address(String flag, String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UsageException("--" + flag + " must be host:port, not '" + text + "'");
        }
        try {
            return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + flag + " must be host:port, not '" + text + "'");
        }
    }

    /** The ZooKeeper connect string of the local server (and only it: the super password travels in plain text). */
    public String connectString() {
        return zooKeeper.getHostString() + ":" + zooKeeper.getPort();
    }
}

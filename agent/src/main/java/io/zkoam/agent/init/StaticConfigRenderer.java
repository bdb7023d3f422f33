package io.zkoam.agent.init;

import io.zkoam.agent.zk.FourLetterWords;
import io.zkoam.agent.zk.SuperDigest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Renders the static {@code zoo.cfg}: the ConfigMap's static part with every key zkoam owns removed, then the owned
 * keys. Pure. ZooKeeper rewrites this file on each committed reconfig (dropping comments, reordering keys), so
 * nothing here may depend on layout; init re-renders it on every pod start.
 */
public final class StaticConfigRenderer {

    public static final String STATIC_FILE = "zoo.cfg";
    public static final String PROMETHEUS_PROVIDER = "org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider";

    /**
     * Keys the operator decides. A user value for one of them is dropped with a warning: membership, paths, reconfig
     * and auth wiring must not be overridable (e.g. {@code skipACL} would disable every ACL in the ensemble, and
     * {@code quorumListenOnAllIPs} would make servers bind beyond the pod IP).
     */
    static final Set<String> OWNED_KEYS = Set.of(
        "dataDir", "dataLogDir", "dynamicConfigFile", "reconfigEnabled", "standaloneEnabled", "skipACL",
        "4lw.commands.whitelist", "admin.enableServer", "admin.serverAddress", "admin.serverPort",
        "metricsProvider.className", "metricsProvider.httpHost", "metricsProvider.httpPort",
        SuperDigest.CONFIG_KEY, "clientPort", "clientPortAddress", "secureClientPort", "secureClientPortAddress",
        "quorumListenOnAllIPs", "version");
    private static final List<String> OWNED_PREFIXES = List.of("server.", "group.", "weight.", "zookeeper.");

    /** The rendered file and the user keys that were dropped (for one warning line). */
    public record Rendered(String text, List<String> droppedKeys) {
    }

    /**
     * @param metricsPort ZooKeeper's Prometheus provider port, bound to the pod IP; 0 leaves the provider out (the
     *                    provider jar, {@code zookeeper-prometheus-metrics}, is in the official image but not on a
     *                    plain Maven classpath)
     */
    public static Rendered render(String userStatic, Path dataDir, Path dynamicFile, String superDigest, String podIp, int metricsPort) {
        StringBuilder text = new StringBuilder("# Rendered by zkoam-agent init from the ConfigMap's zoo.cfg; ZooKeeper rewrites it on reconfig.\n");
        List<String> dropped = new ArrayList<>();
        for (String line : userStatic.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String key = keyOf(trimmed);
            if (key != null && isOwned(key)) {
                dropped.add(key);
                continue;
            }
            text.append(trimmed).append('\n');
        }
        text.append("# zkoam-owned keys (docs/agent.md)\n")
            .append("dataDir=").append(dataDir).append('\n')
            .append("reconfigEnabled=true\n")
            .append("standaloneEnabled=false\n")
            .append("quorumListenOnAllIPs=false\n")
            // Unauthenticated, and several simulated pods on one machine would fight over its port: the agent uses 4lw.
            .append("admin.enableServer=false\n")
            .append("4lw.commands.whitelist=").append(FourLetterWords.WHITELIST).append('\n')
            .append(SuperDigest.CONFIG_KEY).append('=').append(superDigest).append('\n');
        if (metricsPort > 0) {
            text.append("metricsProvider.className=").append(PROMETHEUS_PROVIDER).append('\n')
                .append("metricsProvider.httpHost=").append(podIp).append('\n')
                .append("metricsProvider.httpPort=").append(metricsPort).append('\n');
        }
        text.append("dynamicConfigFile=").append(dynamicFile).append('\n');
        return new Rendered(text.toString(), List.copyOf(dropped));
    }

    static boolean isOwned(String key) {
        return OWNED_KEYS.contains(key) || OWNED_PREFIXES.stream().anyMatch(key::startsWith);
    }

    /** The key of a properties line ({@code key=value} or {@code key value}); null for comments. */
    private static String keyOf(String line) {
        if (line.startsWith("#") || line.startsWith("!")) {
            return null;
        }
        int end = 0;
        while (end < line.length() && "=: \t".indexOf(line.charAt(end)) < 0) {
            end++;
        }
        return line.substring(0, end);
    }
}

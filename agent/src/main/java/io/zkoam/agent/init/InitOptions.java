package io.zkoam.agent.init;

import io.zkoam.agent.cli.Flags;
import io.zkoam.agent.cli.UsageException;
import io.zkoam.agent.zk.Ports;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inputs of {@code init}; each flag has an environment fallback (docs/agent.md lists them).
 *
 * @param ordinal         the StatefulSet ordinal, from the pod name's {@code -N} suffix; server id is ordinal + 1
 * @param confDir         where zoo.cfg and the dynamic files go; must be writable (ZooKeeper rewrites them on reconfig)
 * @param metricsPort     port of ZooKeeper's Prometheus provider; 0 leaves the provider out of zoo.cfg
 * @param volumeClaim     the PVC name, only for the stale-volume message; may be null
 */
public record InitOptions(
    String podName,
    int ordinal,
    String namespace,
    String podIp,
    String clusterName,
    String headlessService,
    String clusterDomain,
    Path dataDir,
    Path confDir,
    Path configIn,
    Path secretDir,
    int metricsPort,
    String volumeClaim) {

    public static final Set<String> FLAGS = Set.of("pod-name", "namespace", "pod-ip", "cluster", "headless-service",
        "cluster-domain", "data-dir", "conf-dir", "config-in", "secret-dir", "metrics-port", "volume-claim");

    private static final Pattern POD_NAME = Pattern.compile("(.+)-(\\d+)");

    public static InitOptions from(Flags flags) {
        flags.rejectUnknown(FLAGS);
        String podName = flags.require("pod-name", "POD_NAME");
        Matcher match = POD_NAME.matcher(podName);
        if (!match.matches()) {
            throw new UsageException("pod name '" + podName + "' does not end in -<ordinal>");
        }
        int ordinal = Integer.parseInt(match.group(2));
        String cluster = flags.getOr("cluster", "ZKOAM_CLUSTER", match.group(1));
        Path dataDir = flags.path("data-dir", "ZKOAM_DATA_DIR", Path.of("/data")).toAbsolutePath();
        int metricsPort = flags.intValue("metrics-port", "ZKOAM_METRICS_PORT", Ports.METRICS);
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new UsageException("--metrics-port must be 0 (off) or a port, not " + metricsPort);
        }
        return new InitOptions(
            podName,
            ordinal,
            flags.require("namespace", "POD_NAMESPACE"),
            flags.require("pod-ip", "POD_IP"),
            cluster,
            flags.getOr("headless-service", "ZKOAM_HEADLESS_SERVICE", cluster + "-hs"),
            flags.getOr("cluster-domain", "ZKOAM_CLUSTER_DOMAIN", "cluster.local"),
            dataDir,
            flags.path("conf-dir", "ZKOAM_CONF_DIR", dataDir.resolve("conf")).toAbsolutePath(),
            flags.path("config-in", "ZKOAM_CONFIG_IN", Path.of("/config-in")).toAbsolutePath(),
            flags.path("secret-dir", "ZKOAM_SECRET_DIR", Path.of("/var/run/zkoam/secrets")).toAbsolutePath(),
            metricsPort,
            flags.get("volume-claim", "ZKOAM_VOLUME_CLAIM").orElse(null));
    }

    /** Pod {@code <cluster>-N} is server N+1. */
    public int serverId() {
        return ordinal + 1;
    }

    /** This pod's stable DNS name behind the headless Service, used for quorum, election and client address. */
    public String ownHost() {
        return podName + "." + headlessService + "." + namespace + ".svc." + clusterDomain;
    }

    public Optional<String> volumeClaimName() {
        return Optional.ofNullable(volumeClaim);
    }
}

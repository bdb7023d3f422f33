package io.zkoam.agent.serve;

import io.zkoam.agent.zk.WordAnswers;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /status}'s JSON (docs/agent.md). Null fields are left out: e.g. {@code syncedFollowers} exists only on the
 * leader, and a server that does not serve reports little more than its mode and the reason.
 *
 * @param mode          leader, follower, observer, standalone, read-only, or not-serving
 * @param configVersion hex version of the config the server runs with (from {@code conf})
 * @param zxid          last zxid, hex with 0x, as {@code srvr} prints it
 * @param version       ZooKeeper's version, e.g. 3.9.5-...
 */
public record ServerStatus(
    String mode,
    boolean serving,
    Integer serverId,
    String configVersion,
    String zxid,
    String version,
    Long latencyMin,
    Double latencyAvg,
    Long latencyMax,
    Long packetsSent,
    Long packetsReceived,
    Long connections,
    Long outstandingRequests,
    Long znodeCount,
    Long syncedFollowers,
    Long syncedNonVotingFollowers,
    Long syncedObservers,
    String reason) {

    public static final String NOT_SERVING = "not-serving";

    static ServerStatus notServing(Integer serverId, String reason) {
        return new ServerStatus(NOT_SERVING, false, serverId, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, reason);
    }

    /**
     * @param srvr {@code srvr} answer (always whitelisted); {@code mntr} figures win where both have one
     * @param conf {@code conf} answer: {@code serverId} and the membership's {@code version}
     */
    static ServerStatus from(Map<String, String> srvr, Map<String, String> mntr, Map<String, String> conf, Integer fallbackServerId) {
        String[] latency = srvr.getOrDefault("Latency min/avg/max", "").split("/");
        String version = Optional.ofNullable(mntr.get("zk_version")).orElse(srvr.get("Zookeeper version"));
        if (version != null && version.contains(",")) {
            version = version.substring(0, version.indexOf(',')).trim();
        }
        Integer serverId = longOf(conf.get("serverId")).map(Long::intValue).orElse(fallbackServerId);
        return new ServerStatus(
            srvr.get("Mode").toLowerCase(Locale.ROOT),
            true,
            serverId,
            conf.get("version"),
            srvr.get("Zxid"),
            version,
            latency.length == 3 ? longOf(latency[0]).orElse(null) : longOf(mntr.get("zk_min_latency")).orElse(null),
            latency.length == 3 ? WordAnswers.number(latency[1]).orElse(null) : WordAnswers.number(mntr.get("zk_avg_latency")).orElse(null),
            latency.length == 3 ? longOf(latency[2]).orElse(null) : longOf(mntr.get("zk_max_latency")).orElse(null),
            first(mntr.get("zk_packets_sent"), srvr.get("Sent")),
            first(mntr.get("zk_packets_received"), srvr.get("Received")),
            first(mntr.get("zk_num_alive_connections"), srvr.get("Connections")),
            first(mntr.get("zk_outstanding_requests"), srvr.get("Outstanding")),
            first(mntr.get("zk_znode_count"), srvr.get("Node count")),
            longOf(mntr.get("zk_synced_followers")).orElse(null),
            longOf(mntr.get("zk_synced_non_voting_followers")).orElse(null),
            longOf(mntr.get("zk_synced_observers")).orElse(null),
            null);
    }

    private static Long first(String preferred, String fallback) {
        return longOf(preferred).or(() -> longOf(fallback)).orElse(null);
    }

    private static Optional<Long> longOf(String text) {
        return WordAnswers.number(text).map(Double::longValue);
    }
}

package io.zkoam.agent.serve;

import io.zkoam.agent.zk.DynamicConfig;
import io.zkoam.agent.zk.ServerLine;
import java.util.List;

/**
 * {@code /get}'s JSON: the committed dynamic config, version as hex (no {@code 0x}, as in ZooKeeper's file names)
 * and one entry per member.
 */
public record ConfigView(String version, int voters, List<Member> members) {

    /** One {@code server.N} line. {@code clientHost} is absent when the line gives only a port. */
    public record Member(int id, String host, int quorumPort, int electionPort, String role, String clientHost, Integer clientPort) {
    }

    public static ConfigView of(DynamicConfig config) {
        List<Member> members = config.members().values().stream().map(ConfigView::member).toList();
        return new ConfigView(config.versionHex(), config.voters().size(), members);
    }

    private static Member member(ServerLine line) {
        return new Member(line.id(), line.host(), line.quorumPort(), line.electionPort(), line.role().configName(),
            line.clientHost(), line.clientPort() > 0 ? line.clientPort() : null);
    }
}

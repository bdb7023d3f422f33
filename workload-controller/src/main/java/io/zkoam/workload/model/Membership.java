package io.zkoam.workload.model;

import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.v1alpha1.ClusterMember;
import io.zkoam.api.v1alpha1.ServerRole;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The server lines the ConfigMap hands to each pod's init step: the committed membership as last observed, or, for a
 * cluster that never formed, the bootstrap ensemble of {@code spec.replicas} voters (all empty, so forming them at once
 * is safe). A pod not listed here starts as a non-voting joiner.
 *
 * @param configVersion hex version of these lines, or null for a bootstrap list that ZooKeeper has not versioned yet
 */
public record Membership(List<ClusterMember> members, String configVersion) {

  public Membership {
    members = members.stream().sorted(Comparator.comparing(ClusterMember::id)).toList();
  }

  public static Membership bootstrap(String cluster, String namespace, String clusterDomain, int voters) {
    return new Membership(IntStream.range(0, voters)
        .mapToObj(i -> new ClusterMember(ClusterNames.serverId(i), ClusterNames.pod(cluster, i),
            ClusterNames.podHost(cluster, i, namespace, clusterDomain), ServerRole.participant))
        .toList(), null);
  }

  /** Highest ordinal of a voting member, or -1 when there is none. */
  public int highestVoterOrdinal() {
    return members.stream().filter(ClusterMember::isVoter)
        .mapToInt(m -> ClusterNames.ordinalOfServer(m.id())).max().orElse(-1);
  }

  /** ZooKeeper's dynamic config text: {@code server.N=host:2888:3888:role;host:2181}, one line per member. */
  public String dynamicConfig(int quorumPort, int electionPort, int clientPort) {
    StringBuilder text = new StringBuilder();
    for (ClusterMember m : members) {
      text.append("server.").append(m.id()).append('=').append(m.host()).append(':').append(quorumPort).append(':')
          .append(electionPort).append(':').append(m.role().name()).append(';').append(m.host()).append(':')
          .append(clientPort).append('\n');
    }
    return text.toString();
  }
}

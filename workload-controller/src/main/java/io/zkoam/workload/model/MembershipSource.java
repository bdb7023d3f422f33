package io.zkoam.workload.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.naming.PodLayout;
import io.zkoam.api.v1alpha1.ClusterMember;
import io.zkoam.api.v1alpha1.ServerRole;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.api.v1alpha1.ZooKeeperClusterStatus;
import io.zkoam.workload.observe.CommittedConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which membership to render, from the most to the least authoritative: what the ensemble says now, what status last
 * recorded, what the ConfigMap already holds, and only for a cluster that never had any, the bootstrap ensemble.
 * A membership, once known, is never replaced by a guess: that is how pravega/zookeeper-operator#94 lost servers.
 */
public final class MembershipSource {
  private static final Pattern SERVER_LINE =
      Pattern.compile("^server\\.(\\d+)=([^:;\\s]+):\\d+:\\d+(?::(participant|observer))?(?:;.*)?$");

  private MembershipSource() {}

  public static Membership choose(ZooKeeperCluster zk, Optional<CommittedConfig> committed, ConfigMap live,
      Platform platform) {
    if (committed.isPresent()) {
      return new Membership(committed.get().members(), committed.get().version());
    }
    ZooKeeperClusterStatus status = zk.getStatus();
    if (status != null && !status.members().isEmpty()) {
      return new Membership(status.members(), status.configVersion());
    }
    Optional<Membership> rendered = fromConfigMap(zk.getMetadata().getName(), live);
    if (rendered.isPresent()) {
      return rendered.get();
    }
    return Membership.bootstrap(zk.getMetadata().getName(), zk.getMetadata().getNamespace(),
        platform.clusterDomain(), zk.getSpec().replicas());
  }

  static Optional<Membership> fromConfigMap(String cluster, ConfigMap live) {
    if (live == null || live.getData() == null || live.getData().get(PodLayout.DYNAMIC_CONFIG_KEY) == null) {
      return Optional.empty();
    }
    List<ClusterMember> members = new ArrayList<>();
    for (String line : live.getData().get(PodLayout.DYNAMIC_CONFIG_KEY).split("\n")) {
      Matcher m = SERVER_LINE.matcher(line.strip());
      if (m.matches()) {
        int id = Integer.parseInt(m.group(1));
        ServerRole role = "observer".equals(m.group(3)) ? ServerRole.observer : ServerRole.participant;
        members.add(new ClusterMember(id, ClusterNames.pod(cluster, ClusterNames.ordinalOfServer(id)), m.group(2),
            role));
      }
    }
    return members.isEmpty() ? Optional.empty()
        : Optional.of(new Membership(members, live.getData().get(PodLayout.CONFIG_VERSION_KEY)));
  }
}

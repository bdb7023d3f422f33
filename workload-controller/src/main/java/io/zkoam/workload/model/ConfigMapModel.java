package io.zkoam.workload.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.naming.PodLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The cluster ConfigMap the init step reads: static config, last known membership, the cluster uid, logging. */
public final class ConfigMapModel {
  private ConfigMapModel() {}

  public static ConfigMap build(ClusterInputs in) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(PodLayout.STATIC_CONFIG_KEY, ZooKeeperConfig.render(in.spec()));
    data.put(PodLayout.DYNAMIC_CONFIG_KEY, in.membership().dynamicConfig(
        PodLayout.QUORUM_PORT, PodLayout.ELECTION_PORT, PodLayout.CLIENT_PORT));
    if (in.membership().configVersion() != null) {
      data.put(PodLayout.CONFIG_VERSION_KEY, in.membership().configVersion());
    }
    data.put(PodLayout.CLUSTER_UID_KEY, in.cluster().getMetadata().getUid());
    data.put(PodLayout.LOGBACK_KEY, ZooKeeperConfig.logback());
    return new ConfigMapBuilder()
        .withMetadata(in.metadata(ClusterNames.configMap(in.name())))
        .withData(data)
        .build();
  }

  /**
   * Hash of what a running server reads only at start (static config, logging). It goes on the pod template, so a
   * change makes a new revision. Membership is left out: it changes through reconfig, never through restarts.
   */
  public static String configHash(ClusterInputs in) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(ZooKeeperConfig.render(in.spec()).getBytes(StandardCharsets.UTF_8));
      digest.update(ZooKeeperConfig.logback().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

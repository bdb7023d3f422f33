package io.zkoam.workload.model;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.naming.PodLayout;
import io.zkoam.api.v1alpha1.PodPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The pod template of the StatefulSet: init step, ZooKeeper, agent sidecar, volumes, scheduling, security. */
public final class PodTemplateModel {
  private static final String HOSTNAME_TOPOLOGY = "kubernetes.io/hostname";

  private PodTemplateModel() {}

  public static PodTemplateSpec build(ClusterInputs in, String configHash) {
    PodPolicy pod = in.spec().pod();
    Map<String, String> labels = new TreeMap<>(pod.labels());
    labels.putAll(in.labels());
    Map<String, String> annotations = new TreeMap<>(pod.annotations());
    annotations.put(ClusterLabels.CONFIG_HASH_ANNOTATION, configHash);

    List<Container> containers = new ArrayList<>();
    containers.add(ZooKeeperContainer.build(in));
    containers.add(AgentContainers.sidecar(in));
    if (in.spec().exporter().enabled()) {
      containers.add(ZooKeeperContainer.exporter(in));
    }
    return new PodTemplateSpecBuilder()
        .withNewMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
        .withNewSpec()
        .withServiceAccountName(pod.serviceAccountName())
        // ZooKeeper pods never talk to the Kubernetes API.
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withTerminationGracePeriodSeconds(pod.terminationGracePeriodSeconds())
        .withSecurityContext(SecurityContexts.pod(in))
        .withAffinity(affinity(in))
        .withTopologySpreadConstraints(pod.topologySpreadConstraints())
        .withTolerations(pod.tolerations())
        .withNodeSelector(pod.nodeSelector().isEmpty() ? null : new TreeMap<>(pod.nodeSelector()))
        .withPriorityClassName(pod.priorityClassName())
        .withInitContainers(AgentContainers.init(in))
        .withContainers(containers)
        .withVolumes(volumes(in))
        .endSpec()
        .build();
  }

  static Affinity affinity(ClusterInputs in) {
    PodPolicy pod = in.spec().pod();
    if (pod.affinity() != null) {
      return pod.affinity();
    }
    PodAffinityTerm sameCluster = new PodAffinityTermBuilder()
        .withNewLabelSelector().withMatchLabels(ClusterLabels.selector(in.name())).endLabelSelector()
        .withTopologyKey(HOSTNAME_TOPOLOGY)
        .build();
    return switch (pod.antiAffinity()) {
      case None -> null;
      case Required -> new AffinityBuilder().withNewPodAntiAffinity()
          .withRequiredDuringSchedulingIgnoredDuringExecution(sameCluster).endPodAntiAffinity().build();
      case Preferred -> new AffinityBuilder().withNewPodAntiAffinity()
          .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(100).withPodAffinityTerm(sameCluster)
          .endPreferredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().build();
    };
  }

  private static List<Volume> volumes(ClusterInputs in) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(new VolumeBuilder().withName(PodLayout.CONFIG_VOLUME)
        .withNewConfigMap().withName(ClusterNames.configMap(in.name())).endConfigMap().build());
    volumes.add(new VolumeBuilder().withName(PodLayout.SECRET_VOLUME)
        .withNewSecret().withSecretName(ClusterNames.authSecret(in.name())).withDefaultMode(0440).endSecret().build());
    volumes.add(new VolumeBuilder().withName(PodLayout.LOGS_VOLUME).withNewEmptyDir().endEmptyDir().build());
    volumes.add(new VolumeBuilder().withName(PodLayout.TMP_VOLUME).withNewEmptyDir().endEmptyDir().build());
    volumes.add(new VolumeBuilder().withName(PodLayout.AGENT_BIN_VOLUME).withNewEmptyDir().endEmptyDir().build());
    if (in.spec().storage().ephemeral()) {
      volumes.add(new VolumeBuilder().withName(PodLayout.DATA_VOLUME).withNewEmptyDir().endEmptyDir().build());
    }
    return volumes;
  }
}

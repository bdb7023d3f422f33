package io.zkoam.sandbox.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The PodStatus a kubelet would report for a pod in a given state of its init containers and containers. */
final class PodStatuses {
  private PodStatuses() {}

  static PodStatus of(Pod pod, String ip, Collection<ContainerSlot> slots, List<String> initDone,
      String initWaiting, String started) {
    boolean initialized = initWaiting == null;
    List<ContainerStatus> containers = new ArrayList<>();
    slots.forEach(s -> containers.add(s.status(s.spec.getImage())));
    boolean allReady = initialized && slots.stream().allMatch(s -> s.ready);
    List<PodCondition> conditions = List.of(
        condition("PodScheduled", true, started),
        condition("Initialized", initialized, started),
        condition("ContainersReady", allReady, started),
        condition("Ready", allReady, started));
    List<ContainerStatus> inits = new ArrayList<>();
    for (Container init : pod.getSpec().getInitContainers()) {
      boolean done = initDone.contains(init.getName());
      var b = new ContainerStatusBuilder().withName(init.getName())
          .withImage(init.getImage()).withImageID(init.getImage()).withReady(done).withRestartCount(0);
      if (done) {
        b.withNewState().withNewTerminated().withExitCode(0).withReason("Completed").endTerminated().endState();
      } else {
        b.withNewState().withNewWaiting().withReason(initWaiting).endWaiting().endState();
      }
      inits.add(b.build());
    }
    return new PodStatusBuilder()
        .withPhase(initialized && slots.stream().anyMatch(ContainerSlot::running) ? "Running" : "Pending")
        .withPodIP(ip).addNewPodIP().withIp(ip).endPodIP()
        .withHostIP("127.0.0.1")
        .withStartTime(started)
        .withConditions(conditions)
        .withInitContainerStatuses(inits)
        .withContainerStatuses(containers)
        .withQosClass("Burstable")
        .build();
  }

  /** Conditions carry the pod's start time: the status changes only when a condition flips. */
  private static PodCondition condition(String type, boolean status, String since) {
    return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False")
        .withLastTransitionTime(since).build();
  }
}

package io.zkoam.rollout;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.zkoam.api.v1alpha1.RolloutStep;
import java.util.Objects;

/**
 * Deletes the pod a step names, and only that pod object: it is read first and deleted only if its uid is still the
 * recorded one, so a step repeated after a restart never deletes the replacement that already came back.
 */
final class PodDeleter {
  private final KubernetesClient client;

  PodDeleter(KubernetesClient client) {
    this.client = client;
  }

  /** True when the recorded pod object was deleted now or is already gone. */
  boolean delete(String namespace, RolloutStep step) {
    var resource = client.pods().inNamespace(namespace).withName(step.pod());
    Pod live = resource.get();
    if (live == null || !Objects.equals(live.getMetadata().getUid(), step.podUid())) {
      return true;
    }
    if (live.getMetadata().getDeletionTimestamp() != null) {
      return true;
    }
    resource.delete();
    return true;
  }
}

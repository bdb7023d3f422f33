package io.zkoam.runtime.trait;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;

/**
 * A trait's plain (non-controller) owner reference to its workload, so {@code kubectl delete zk X} removes the
 * traits that act on X too. Added once, by a JSON patch of the trait's metadata.
 */
public final class WorkloadOwnerReference {
  private WorkloadOwnerReference() {}

  /** The trait with the reference (patched if it lacked it; its status as read). */
  @SuppressWarnings("unchecked")
  public static <T extends CustomResource<?, ?>> T ensure(T trait, HasMetadata workload, Context<T> context) {
    String uid = workload.getMetadata().getUid();
    List<OwnerReference> refs = trait.getMetadata().getOwnerReferences();
    if (uid == null || (refs != null && refs.stream().anyMatch(r -> uid.equals(r.getUid())))) {
      return trait;
    }
    OwnerReference ref = new OwnerReferenceBuilder().withApiVersion(workload.getApiVersion())
        .withKind(workload.getKind()).withName(workload.getMetadata().getName()).withUid(uid)
        .withController(false).withBlockOwnerDeletion(false).build();
    T patched = context.getClient().resources((Class<T>) trait.getClass())
        .inNamespace(trait.getMetadata().getNamespace()).withName(trait.getMetadata().getName())
        .edit(t -> {
          if (t.getMetadata().getOwnerReferences().stream().noneMatch(r -> uid.equals(r.getUid()))) {
            t.getMetadata().getOwnerReferences().add(ref);
          }
          return t;
        });
    ((CustomResource<Object, Object>) patched).setStatus(trait.getStatus());
    return patched;
  }
}

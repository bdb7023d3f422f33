package io.zkoam.sandbox.apps;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of kube-controller-manager's StatefulSet controller that zkoam relies on: pods named
 * {@code <set>-<ordinal>} created from the template with the revision label and an owner reference, one claim per
 * volume claim template that outlives the pod, Parallel pod management, OnDelete updates (a deleted pod comes back
 * from the current template; nothing else is replaced), scale-down removing the highest ordinals, the claim retention
 * policy, and a truthful status. Rolling updates, OrderedReady and ControllerRevision objects are not simulated
 * because zkoam never uses them.
 */
public final class StatefulSetSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatefulSetSimulator.class);
  public static final String REVISION_LABEL = "controller-revision-hash";
  public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";

  private final KubernetesClient client;
  private final KeyedWorkQueue queue;
  private SharedIndexInformer<StatefulSet> sets;
  private SharedIndexInformer<Pod> pods;

  public StatefulSetSimulator(KubernetesClient client) {
    this.client = client;
    this.queue = new KeyedWorkQueue("statefulset-controller", this::sync);
  }

  public StatefulSetSimulator start() {
    sets = client.apps().statefulSets().inAnyNamespace().inform(handler(s -> key(s)));
    pods = client.pods().inAnyNamespace().inform(handler(p -> ownerKey(p).orElse(null)));
    return this;
  }

  private <T extends HasMetadata> ResourceEventHandler<T> handler(java.util.function.Function<T, String> keyOf) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        enqueue(keyOf.apply(obj));
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        enqueue(keyOf.apply(newObj));
      }

      @Override
      public void onDelete(T obj, boolean unknown) {
        enqueue(keyOf.apply(obj));
      }
    };
  }

  private void enqueue(String key) {
    if (key != null) {
      queue.add(key);
    }
  }

  private static String key(HasMetadata o) {
    return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }

  private static Optional<String> ownerKey(Pod pod) {
    return pod.getMetadata().getOwnerReferences().stream()
        .filter(o -> "StatefulSet".equals(o.getKind()) && Boolean.TRUE.equals(o.getController()))
        .findFirst().map(o -> pod.getMetadata().getNamespace() + "/" + o.getName());
  }

  private void sync(String key) {
    StatefulSet set = sets.getStore().getByKey(key);
    if (set == null || set.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    String namespace = set.getMetadata().getNamespace();
    String name = set.getMetadata().getName();
    String revision = Revisions.of(set);
    int replicas = Optional.ofNullable(set.getSpec().getReplicas()).orElse(1);
    Map<Integer, Pod> owned = new HashMap<>();
    for (Pod pod : pods.getStore().list()) {
      if (key.equals(ownerKey(pod).orElse(null))) {
        ordinal(name, pod.getMetadata().getName()).ifPresent(i -> owned.put(i, pod));
      }
    }
    for (int i = 0; i < replicas; i++) {
      if (!owned.containsKey(i)) {
        createClaims(set, i);
        createPod(set, i, revision);
      }
    }
    owned.keySet().stream().filter(i -> i >= replicas).sorted(Comparator.reverseOrder()).forEach(i -> {
      client.resource(owned.get(i)).delete();
      LOG.info("statefulset {}: scaled down, deleted pod {}", key, owned.get(i).getMetadata().getName());
      if ("Delete".equals(whenScaled(set))) {
        deleteClaims(set, i);
      }
    });
    publishStatus(set, revision, owned.values().stream()
        .filter(p -> ordinal(name, p.getMetadata().getName()).orElse(Integer.MAX_VALUE) < replicas).toList());
  }

  private void createPod(StatefulSet set, int ordinal, String revision) {
    String name = set.getMetadata().getName() + "-" + ordinal;
    var template = set.getSpec().getTemplate();
    Map<String, String> labels = new HashMap<>(Optional.ofNullable(template.getMetadata().getLabels()).orElse(Map.of()));
    labels.put(REVISION_LABEL, revision);
    labels.put(POD_NAME_LABEL, name);
    labels.put("apps.kubernetes.io/pod-index", Integer.toString(ordinal));
    var spec = new PodBuilder().withSpec(template.getSpec()).build().getSpec();
    spec.setHostname(name);
    spec.setSubdomain(set.getSpec().getServiceName());
    for (PersistentVolumeClaim claim : set.getSpec().getVolumeClaimTemplates()) {
      String claimName = claimName(set, claim, ordinal);
      spec.getVolumes().removeIf(v -> v.getName().equals(claim.getMetadata().getName()));
      spec.getVolumes().add(new VolumeBuilder().withName(claim.getMetadata().getName())
          .withNewPersistentVolumeClaim().withClaimName(claimName).endPersistentVolumeClaim().build());
    }
    Pod pod = new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(set.getMetadata().getNamespace()).withLabels(labels)
        .withAnnotations(template.getMetadata().getAnnotations()).withOwnerReferences(controllerRef(set))
        .endMetadata()
        .withSpec(spec)
        .withNewStatus().withPhase("Pending").endStatus()
        .build();
    try {
      client.resource(pod).create();
      LOG.info("statefulset {}/{}: created pod {} at revision {}", set.getMetadata().getNamespace(),
          set.getMetadata().getName(), name, revision);
    } catch (KubernetesClientException e) {
      rethrowUnlessExists(e, client.pods().inNamespace(set.getMetadata().getNamespace()).withName(name).get());
    }
  }

  private void createClaims(StatefulSet set, int ordinal) {
    for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
      String name = claimName(set, template, ordinal);
      if (client.persistentVolumeClaims().inNamespace(set.getMetadata().getNamespace()).withName(name).get() != null) {
        continue;
      }
      PersistentVolumeClaimBuilder claim = new PersistentVolumeClaimBuilder()
          .withNewMetadata().withName(name).withNamespace(set.getMetadata().getNamespace())
          .withLabels(template.getMetadata().getLabels()).endMetadata()
          .withSpec(template.getSpec())
          .withNewStatus().withPhase("Bound").withAccessModes(template.getSpec().getAccessModes())
          .withCapacity(template.getSpec().getResources().getRequests()).endStatus();
      if ("Delete".equals(whenDeleted(set))) {
        claim.editMetadata().withOwnerReferences(new OwnerReferenceBuilder(controllerRef(set))
            .withController(false).build()).endMetadata();
      }
      try {
        client.resource(claim.build()).create();
      } catch (KubernetesClientException e) {
        rethrowUnlessExists(e, client.persistentVolumeClaims().inNamespace(set.getMetadata().getNamespace())
            .withName(name).get());
      }
    }
  }

  /** A 409 on create is fine only when the object really exists (a contended API may say 409 for other reasons). */
  private static void rethrowUnlessExists(KubernetesClientException e, Object existing) {
    if (e.getCode() != 409 || existing == null) {
      throw e;
    }
  }

  private void deleteClaims(StatefulSet set, int ordinal) {
    for (PersistentVolumeClaim template : set.getSpec().getVolumeClaimTemplates()) {
      client.persistentVolumeClaims().inNamespace(set.getMetadata().getNamespace())
          .withName(claimName(set, template, ordinal)).delete();
    }
  }

  private void publishStatus(StatefulSet set, String revision, List<Pod> current) {
    StatefulSetStatus old = set.getStatus();
    int ready = (int) current.stream().filter(StatefulSetSimulator::isReady).count();
    int updated = (int) current.stream().filter(p -> revision.equals(revisionOf(p))).count();
    String currentRevision = updated == current.size() ? revision
        : current.stream().map(StatefulSetSimulator::revisionOf).filter(r -> !revision.equals(r)).findFirst()
            .orElse(revision);
    int atCurrent = (int) current.stream().filter(p -> currentRevision.equals(revisionOf(p))).count();
    StatefulSetStatus status = new StatefulSetStatusBuilder()
        .withObservedGeneration(set.getMetadata().getGeneration())
        .withReplicas(current.size())
        .withReadyReplicas(ready)
        .withAvailableReplicas(ready)
        .withCurrentReplicas(atCurrent)
        .withUpdatedReplicas(updated)
        .withCurrentRevision(currentRevision)
        .withUpdateRevision(revision)
        .withCollisionCount(old == null ? 0 : old.getCollisionCount())
        .build();
    if (!Objects.equals(status, old)) {
      client.apps().statefulSets().inNamespace(set.getMetadata().getNamespace())
          .withName(set.getMetadata().getName()).editStatus(s -> {
            s.setStatus(status);
            return s;
          });
    }
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String revisionOf(Pod pod) {
    return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(REVISION_LABEL);
  }

  static Optional<Integer> ordinal(String set, String pod) {
    String prefix = set + "-";
    if (!pod.startsWith(prefix) || !pod.substring(prefix.length()).matches("\\d+")) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(pod.substring(prefix.length())));
  }

  static String claimName(StatefulSet set, PersistentVolumeClaim template, int ordinal) {
    return template.getMetadata().getName() + "-" + set.getMetadata().getName() + "-" + ordinal;
  }

  private static String whenScaled(StatefulSet set) {
    var policy = set.getSpec().getPersistentVolumeClaimRetentionPolicy();
    return policy == null ? "Retain" : policy.getWhenScaled();
  }

  private static String whenDeleted(StatefulSet set) {
    var policy = set.getSpec().getPersistentVolumeClaimRetentionPolicy();
    return policy == null ? "Retain" : policy.getWhenDeleted();
  }

  private static OwnerReference controllerRef(StatefulSet set) {
    return new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("StatefulSet")
        .withName(set.getMetadata().getName()).withUid(set.getMetadata().getUid()).withController(true)
        .withBlockOwnerDeletion(true).build();
  }

  @Override
  public void close() {
    if (sets != null) {
      sets.close();
    }
    if (pods != null) {
      pods.close();
    }
    queue.close();
  }
}

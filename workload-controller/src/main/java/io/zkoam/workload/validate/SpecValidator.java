package io.zkoam.workload.validate;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.zkoam.api.ZkoamApi;
import io.zkoam.api.v1alpha1.ZooKeeperClusterSpec;
import io.zkoam.api.v1alpha1.ZooKeeperConfigKeys;
import io.zkoam.workload.model.HeapSizing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The controller's own check of a spec, for what the schema cannot catch (heap against the memory limit, changes
 * against the running StatefulSet) and for API servers that do not validate at all (the embedded mock API). A spec
 * with problems changes nothing that runs: the controller reports them and leaves the ensemble as it is.
 */
public final class SpecValidator {
  private static final Pattern VERSION = Pattern.compile("^3\\.[89]\\.[0-9]+$");
  private static final Pattern QUANTITY = Pattern.compile(ZkoamApi.QUANTITY_PATTERN);
  private static final Pattern CONFIG_KEY = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");

  private SpecValidator() {}

  public static List<SpecProblem> validate(ZooKeeperClusterSpec spec, StatefulSet live) {
    List<SpecProblem> problems = new ArrayList<>();
    if (spec == null) {
      problems.add(new SpecProblem("spec", "is required"));
      return problems;
    }
    if (spec.replicas() < 1 || spec.replicas() > 9) {
      problems.add(new SpecProblem("spec.replicas", "must be between 1 and 9, not " + spec.replicas()));
    }
    if (spec.image() == null && !VERSION.matcher(spec.version()).matches()) {
      problems.add(new SpecProblem("spec.version", "must be a ZooKeeper 3.8 or 3.9 release such as 3.9.5, not '"
          + spec.version() + "'"));
    }
    spec.config().forEach((key, value) -> {
      ZooKeeperConfigKeys.refusal(key).ifPresent(m -> problems.add(new SpecProblem("spec.config." + key, m)));
      if (!CONFIG_KEY.matcher(key).matches()) {
        problems.add(new SpecProblem("spec.config", "key '" + key + "' is not a zoo.cfg key"));
      }
      if (value == null || value.contains("\n")) {
        problems.add(new SpecProblem("spec.config." + key, "must be a single-line value"));
      }
    });
    checkResources("spec.resources", spec.resources(), problems);
    checkResources("spec.agent.resources", spec.agent().resources(), problems);
    checkQuantity("spec.storage.size", spec.storage().size(), problems);
    checkQuantity("spec.jvm.heap", spec.jvm().heap(), problems);
    if (problems.isEmpty()) {
      checkHeap(spec, problems);
      checkAgainstLive(spec, live, problems);
    }
    return problems;
  }

  private static void checkHeap(ZooKeeperClusterSpec spec, List<SpecProblem> problems) {
    HeapSizing.memoryLimit(spec.resources()).ifPresent(limit -> {
      long heap = HeapSizing.heapMiB(spec);
      long limitMiB = HeapSizing.toMiB(limit);
      if (heap >= limitMiB) {
        problems.add(new SpecProblem("spec.jvm.heap", "heap of " + heap + " MiB does not fit under "
            + "spec.resources.limits.memory (" + limit + "); leave room for off-heap memory"));
      }
    });
  }

  /** Volume claim templates cannot change on a StatefulSet; only growth is possible, by expanding each claim. */
  private static void checkAgainstLive(ZooKeeperClusterSpec spec, StatefulSet live, List<SpecProblem> problems) {
    if (live == null || live.getSpec() == null) {
      return;
    }
    List<PersistentVolumeClaim> templates = live.getSpec().getVolumeClaimTemplates();
    boolean liveEphemeral = templates == null || templates.isEmpty();
    if (liveEphemeral != spec.storage().ephemeral()) {
      problems.add(new SpecProblem("spec.storage.ephemeral", "is immutable (the cluster runs with "
          + (liveEphemeral ? "ephemeral" : "persistent") + " storage)"));
      return;
    }
    if (liveEphemeral) {
      return;
    }
    PersistentVolumeClaim template = templates.get(0);
    String liveClass = template.getSpec().getStorageClassName();
    if (liveClass != null && !Objects.equals(liveClass, spec.storage().storageClassName())) {
      problems.add(new SpecProblem("spec.storage.storageClassName", "is immutable (the volumes use '" + liveClass
          + "')"));
    }
    Quantity liveSize = template.getSpec().getResources().getRequests().get("storage");
    if (liveSize != null && Quantity.getAmountInBytes(new Quantity(spec.storage().size()))
        .compareTo(Quantity.getAmountInBytes(liveSize)) < 0) {
      problems.add(new SpecProblem("spec.storage.size", "may grow but not shrink (the volumes are " + liveSize + ")"));
    }
  }

  private static void checkResources(String field, ResourceRequirements resources, List<SpecProblem> problems) {
    if (resources == null) {
      return;
    }
    for (Map.Entry<String, Map<String, Quantity>> group : Map.of(
        "requests", Objects.requireNonNullElse(resources.getRequests(), Map.<String, Quantity>of()),
        "limits", Objects.requireNonNullElse(resources.getLimits(), Map.<String, Quantity>of())).entrySet()) {
      group.getValue().forEach((name, q) ->
          checkQuantity(field + "." + group.getKey() + "." + name, q == null ? null : q.toString(), problems));
    }
  }

  private static void checkQuantity(String field, String text, List<SpecProblem> problems) {
    if (text != null && !QUANTITY.matcher(text).matches()) {
      problems.add(new SpecProblem(field, "'" + text + "' is not a quantity such as 512Mi or 10Gi"));
    }
  }
}

package io.zkoam.workload.model;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.zkoam.api.v1alpha1.ZooKeeperClusterSpec;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The server heap in MiB, passed as {@code ZK_SERVER_HEAP}. The official image otherwise runs a 1000 MB heap whatever
 * the container limit, which either wastes memory or gets the pod OOM-killed (pravega/zookeeper-operator#512).
 */
public final class HeapSizing {
  /** Heap when neither a heap nor a memory limit is given. */
  public static final long DEFAULT_HEAP_MIB = 512;
  private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024L);

  private HeapSizing() {}

  public static long heapMiB(ZooKeeperClusterSpec spec) {
    if (spec.jvm().heap() != null) {
      return toMiB(new Quantity(spec.jvm().heap()));
    }
    return memoryLimit(spec.resources())
        .map(limit -> Math.max(64, toMiB(limit) * spec.jvm().heapPercentOfLimit() / 100))
        .orElse(DEFAULT_HEAP_MIB);
  }

  public static Optional<Quantity> memoryLimit(ResourceRequirements resources) {
    if (resources == null || resources.getLimits() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(resources.getLimits().get("memory"));
  }

  public static long toMiB(Quantity quantity) {
    return Quantity.getAmountInBytes(quantity).divide(MIB, java.math.RoundingMode.FLOOR).longValue();
  }
}

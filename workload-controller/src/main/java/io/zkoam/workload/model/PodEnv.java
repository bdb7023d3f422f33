package io.zkoam.workload.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.List;

/** Environment every zkoam container gets from the downward API. */
final class PodEnv {
  private PodEnv() {}

  static List<EnvVar> downwardApi() {
    return List.of(field("POD_NAME", "metadata.name"), field("POD_NAMESPACE", "metadata.namespace"),
        field("POD_IP", "status.podIP"));
  }

  private static EnvVar field(String name, String path) {
    return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withFieldPath(path)
        .endFieldRef().endValueFrom().build();
  }
}

package io.zkoam.api.v1alpha1;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * A trait custom resource: it names the workload it acts on. It deliberately does not extend HasMetadata, whose
 * Jackson annotations would make a plain ObjectMapper read traits as generic resources.
 */
public interface Trait {
  ObjectMeta getMetadata();

  String getKind();

  /** The workload this trait acts on, or null when the spec lacks it. */
  WorkloadRef workloadRef();
}

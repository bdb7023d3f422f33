package io.zkoam.runtime.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** The result of one apply step: what happened and the object as the API server now has it (null when gone). */
public record Applied<T extends HasMetadata>(ApplyOutcome outcome, T resource) {}

package io.zkoam.scaler.plan;

import io.zkoam.api.trait.Durations;
import io.zkoam.api.v1alpha1.ScalerTraitSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * The CRD refuses these specs already; the controller checks again because an API server without the schema (the
 * embedded one, or a CRD installed by hand) hands it the object as written. A refused spec changes nothing.
 */
public final class TargetCheck {
  public static final String INVALID_SPEC = "InvalidSpec";
  static final int MAX_VOTERS = 9;

  private TargetCheck() {}

  /** Why the spec cannot be acted on, or empty when it can. */
  public static Optional<String> problem(ScalerTraitSpec spec) {
    if (spec == null) {
      return Optional.of("spec is missing");
    }
    Integer replicas = spec.replicas();
    if (replicas == null) {
      return Optional.of("spec.replicas is required: the number of voting members wanted");
    }
    if (replicas < 1) {
      return Optional.of("spec.replicas is " + replicas + ": an ensemble needs at least 1 voter");
    }
    if (replicas > MAX_VOTERS) {
      return Optional.of("spec.replicas is " + replicas + ": at most " + MAX_VOTERS + " voters are supported");
    }
    if (replicas == 2) {
      return Optional.of("spec.replicas is 2: 2 voters tolerate no failure and need both servers up; use 1 or 3");
    }
    if (replicas % 2 == 0 && !spec.allowEvenReplicas()) {
      return Optional.of("spec.replicas is " + replicas + ": an even number of voters adds no fault tolerance over "
          + (replicas - 1) + "; set spec.allowEvenReplicas to insist");
    }
    try {
      Duration timeout = Durations.parse(spec.stepTimeout());
      if (timeout.isZero()) {
        return Optional.of("spec.stepTimeout must be longer than 0");
      }
    } catch (IllegalArgumentException e) {
      return Optional.of("spec.stepTimeout: " + e.getMessage());
    }
    return Optional.empty();
  }
}

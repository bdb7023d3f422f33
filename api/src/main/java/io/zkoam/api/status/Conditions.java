package io.zkoam.api.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Standard Kubernetes conditions, kept the way {@code meta.SetStatusCondition} keeps them: one per type, and
 * {@code lastTransitionTime} moves only when the status flips, so a status that did not change compares equal and
 * causes no write.
 */
public final class Conditions {
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private Conditions() {}

  /** A condition value before it is placed in a list; the time is filled in by {@link #set}. */
  public static Condition of(String type, boolean status, String reason, String message, Long generation) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? TRUE : FALSE)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .build();
  }

  /**
   * Returns a new list with {@code desired} in place of the condition of the same type. The transition time is
   * kept when the status is unchanged and set to {@code now} when it flips or the type is new.
   */
  public static List<Condition> set(List<Condition> existing, Condition desired, Instant now) {
    Objects.requireNonNull(desired.getType(), "condition type");
    List<Condition> result = new ArrayList<>(existing == null ? List.of() : existing);
    Optional<Condition> previous = find(result, desired.getType());
    String transition = previous
        .filter(p -> Objects.equals(p.getStatus(), desired.getStatus()) && p.getLastTransitionTime() != null)
        .map(Condition::getLastTransitionTime)
        .orElse(timestamp(now));
    Condition merged = new ConditionBuilder(desired).withLastTransitionTime(transition).build();
    previous.ifPresentOrElse(p -> result.set(result.indexOf(p), merged), () -> result.add(merged));
    return List.copyOf(result);
  }

  /** Sets several conditions in order. */
  public static List<Condition> setAll(List<Condition> existing, List<Condition> desired, Instant now) {
    List<Condition> result = existing == null ? List.of() : existing;
    for (Condition c : desired) {
      result = set(result, c, now);
    }
    return result;
  }

  /** Returns a new list without the condition of that type. */
  public static List<Condition> remove(List<Condition> existing, String type) {
    return existing == null ? List.of() : existing.stream().filter(c -> !type.equals(c.getType())).toList();
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
  }

  /** RFC 3339 in whole seconds, as the API server stores metav1.Time. */
  public static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}

package io.zkoam.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.700Z");
  private static final Instant T1 = Instant.parse("2026-01-01T00:05:00Z");

  @Test
  void newTypeIsAddedWithTheTransitionTimeInWholeSeconds() {
    List<Condition> list = Conditions.set(List.of(), Conditions.of("Ready", true, "Serving", "ok", 1L), T0);
    assertThat(list).singleElement().satisfies(c -> {
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
      assertThat(c.getObservedGeneration()).isEqualTo(1L);
    });
  }

  @Test
  void sameStatusKeepsTransitionTimeButTakesNewReasonAndMessage() {
    List<Condition> first = Conditions.set(List.of(), Conditions.of("Ready", false, "Starting", "a", 1L), T0);
    List<Condition> second = Conditions.set(first, Conditions.of("Ready", false, "NoQuorum", "b", 2L), T1);
    assertThat(second).singleElement().satisfies(c -> {
      assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
      assertThat(c.getReason()).isEqualTo("NoQuorum");
      assertThat(c.getMessage()).isEqualTo("b");
      assertThat(c.getObservedGeneration()).isEqualTo(2L);
    });
  }

  @Test
  void flippedStatusMovesTransitionTime() {
    List<Condition> first = Conditions.set(List.of(), Conditions.of("Ready", false, "Starting", "a", 1L), T0);
    List<Condition> second = Conditions.set(first, Conditions.of("Ready", true, "Serving", "b", 1L), T1);
    assertThat(second.get(0).getLastTransitionTime()).isEqualTo("2026-01-01T00:05:00Z");
  }

  @Test
  void unchangedConditionsCompareEqualSoNothingIsWritten() {
    List<Condition> first = Conditions.setAll(List.of(), List.of(
        Conditions.of("Ready", true, "Serving", "ok", 1L),
        Conditions.of("Degraded", false, "AllServing", "ok", 1L)), T0);
    List<Condition> again = Conditions.setAll(first, List.of(
        Conditions.of("Ready", true, "Serving", "ok", 1L),
        Conditions.of("Degraded", false, "AllServing", "ok", 1L)), T1);
    assertThat(again).isEqualTo(first);
  }

  @Test
  void otherTypesKeepTheirPlaceAndRemoveDropsOne() {
    List<Condition> list = Conditions.setAll(List.of(), List.of(
        Conditions.of("A", true, "R", "m", 1L), Conditions.of("B", true, "R", "m", 1L)), T0);
    list = Conditions.set(list, Conditions.of("A", false, "R2", "m", 1L), T1);
    assertThat(list).extracting(Condition::getType).containsExactly("A", "B");
    assertThat(Conditions.isTrue(list, "A")).isFalse();
    assertThat(Conditions.isTrue(list, "B")).isTrue();
    assertThat(Conditions.isTrue(list, "C")).isFalse();
    assertThat(Conditions.remove(list, "A")).extracting(Condition::getType).containsExactly("B");
  }
}

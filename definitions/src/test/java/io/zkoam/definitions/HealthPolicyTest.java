package io.zkoam.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The healthPolicy and customStatus of each definition evaluated as KubeVela evaluates them: policy text +
 * {@code context} (a component sees its live workload as context.output; a trait sees only its own live objects, as
 * context.outputs.<key>) + {@code parameter}. Live objects are at metadata.generation 3.
 */
class HealthPolicyTest {
  private static final String READY = "{type: Ready, status: \"True\", reason: Ready, message: ok}";

  /** The four live states every policy is evaluated on, and whether each is healthy. */
  enum State {
    NO_STATUS(false), NOT_READY(false), READY(true), STALE(false);

    final boolean healthy;

    State(boolean healthy) {
      this.healthy = healthy;
    }
  }

  /** Per definition: the live kind, a ready status and a not-ready status (observedGeneration is added). */
  record Live(String kind, String ready, String notReady) {}

  static final Map<String, Live> LIVE = Map.of(
      Definitions.ZOOKEEPER, new Live("ZooKeeperCluster",
          "{replicas: 3, readyReplicas: 3, voters: 3, leader: zk-1, conditions: [" + READY + "]}",
          "{replicas: 3, readyReplicas: 2, voters: 2, leader: \"\", conditions: "
              + "[{type: Ready, status: \"False\", reason: QuorumForming, message: waiting}]}"),
      Definitions.PLATFORM_SMALL, new Live("ZooKeeperCluster",
          "{replicas: 3, readyReplicas: 3, voters: 3, leader: zk-0, conditions: [" + READY + "]}",
          "{replicas: 3, readyReplicas: 0, conditions: [{type: Ready, status: \"False\", reason: Pending}]}"),
      Definitions.SCALER, new Live("ScalerTrait",
          "{phase: Idle, currentVoters: 5, targetVoters: 5, conditions: [" + READY + "]}",
          "{phase: Blocked, currentVoters: 3, targetVoters: 5, conditions: "
              + "[{type: Ready, status: \"False\", reason: QuorumAtRisk}, {type: Blocked, status: \"True\"}]}"),
      Definitions.ROLLOUT, new Live("RolloutTrait",
          "{phase: Complete, updatedReplicas: 3, totalReplicas: 3, conditions: [" + READY + "]}",
          "{phase: Blocked, updatedReplicas: 1, totalReplicas: 3, conditions: "
              + "[{type: Ready, status: \"False\", reason: PodNotReady}]}"),
      Definitions.MONITORING, new Live("MonitoringTrait",
          "{phase: Ready, monitor: zk, alertCount: 25, conditions: [" + READY + "]}",
          "{phase: Failed, conditions: [{type: Ready, status: \"False\", reason: PrometheusOperatorMissing}]}"));

  /** customStatus messages for: no status, not ready, ready. */
  static final Map<String, List<String>> MESSAGES = Map.of(
      Definitions.ZOOKEEPER, List.of("0/0 servers ready, 0 voters, leader none",
          "2/3 servers ready, 2 voters, leader none", "3/3 servers ready, 3 voters, leader zk-1"),
      Definitions.SCALER, List.of("0/0 voters, Pending", "3/5 voters, Blocked (QuorumAtRisk)", "5/5 voters, Idle"),
      Definitions.ROLLOUT, List.of("0/0 servers updated, Pending", "1/3 servers updated, Blocked (PodNotReady)",
          "3/3 servers updated, Complete"),
      Definitions.MONITORING, List.of("Pending: no monitor yet, 0 alerts",
          "Failed (PrometheusOperatorMissing): no monitor yet, 0 alerts", "Ready: zk, 25 alerts"));

  private static Map<String, CueResult> results;

  static List<Definition> withHealthPolicy() {
    return Definitions.all().stream().filter(d -> d.healthPolicy().isPresent()).toList();
  }

  static List<Arguments> healthCases() {
    List<Arguments> cases = new ArrayList<>();
    for (Definition d : withHealthPolicy()) {
      for (State s : State.values()) {
        cases.add(Arguments.of(d, s));
      }
    }
    return cases;
  }

  static List<Arguments> messageCases() {
    List<Arguments> cases = new ArrayList<>();
    for (Definition d : Definitions.all()) {
      if (d.customStatus().isPresent()) {
        for (State s : List.of(State.NO_STATUS, State.NOT_READY, State.READY)) {
          cases.add(Arguments.of(d, s));
        }
      }
    }
    return cases;
  }

  @BeforeAll
  static void evaluate() {
    KubeVelaRenderer r = new KubeVelaRenderer("health");
    for (Definition d : Definitions.all()) {
      for (State s : State.values()) {
        ObjectNode context = context(d, s);
        d.healthPolicy().ifPresent(p -> r.health(id(d, s, "health"), p, context));
        d.customStatus().ifPresent(p -> r.message(id(d, s, "message"), p, context));
      }
    }
    results = r.run(CueEngine.require());
  }

  @Test
  void everyDefinitionIsCovered() {
    assertThat(LIVE.keySet()).containsExactlyInAnyOrderElementsOf(
        withHealthPolicy().stream().map(Definition::name).toList());
    assertThat(MESSAGES.keySet()).containsExactlyInAnyOrderElementsOf(Definitions.all().stream()
        .filter(d -> d.customStatus().isPresent()).map(Definition::name).toList());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("healthCases")
  void isHealthOnlyWhenReadyAndCurrent(Definition def, State state) {
    JsonNode isHealth = results.get(id(def, state, "health")).json();
    assertThat(isHealth.isBoolean()).as("isHealth of %s is a bool: %s", def, isHealth).isTrue();
    assertThat(isHealth.asBoolean()).as("isHealth of %s when %s", def, state).isEqualTo(state.healthy);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("messageCases")
  void customStatusMessageTellsTheState(Definition def, State state) {
    JsonNode message = results.get(id(def, state, "message")).json();
    assertThat(message.isTextual()).as("message of %s is a string: %s", def, message).isTrue();
    assertThat(message.asText()).isEqualTo(MESSAGES.get(def.name()).get(state.ordinal()));
  }

  private static String id(Definition d, State s, String what) {
    return d.name() + "." + s.name().toLowerCase() + "." + what;
  }

  /** The status context: base context plus the live object where the definition's kind finds it. */
  static ObjectNode context(Definition def, State state) {
    Live live = LIVE.get(def.name());
    ObjectNode object = (ObjectNode) Json.yaml("{apiVersion: zkoam.io/v1alpha1, metadata: {name: zk, generation: 3}}");
    object.put("kind", live == null ? "ZooKeeperCluster" : live.kind());
    object.putObject("spec");
    if (live != null && state != State.NO_STATUS) {
      ObjectNode status = (ObjectNode) Json.yaml(state == State.NOT_READY ? live.notReady() : live.ready());
      status.put("observedGeneration", state == State.STALE ? 2 : 3);
      object.set("status", status);
    }
    ObjectNode context = KubeVelaContext.of("zk", def.isComponent() ? def.name() : Definitions.ZOOKEEPER).toJson();
    if (def.isComponent()) {
      context.set("output", object);
    } else {
      context.putObject("outputs").set(def.outputsKey(), object);
    }
    return context;
  }
}

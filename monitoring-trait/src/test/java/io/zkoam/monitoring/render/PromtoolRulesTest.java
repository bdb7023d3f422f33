package io.zkoam.monitoring.render;

import io.zkoam.api.testing.RequiredTool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.naming.PodLayout;
import io.zkoam.api.v1alpha1.AlertRulesSpec;
import io.zkoam.api.v1alpha1.AlertThresholds;
import io.zkoam.api.v1alpha1.ExtraAlertRule;
import io.zkoam.api.v1alpha1.ExtraAlertRule.Severity;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToDoubleFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the PrometheusRule that {@link RuleModels} renders through Prometheus' own {@code promtool}: {@code check rules}
 * (syntax, rule count) and {@code test rules} with unit tests generated here. The inputs model how prometheus-operator
 * scrapes ZooKeeper 3.9 (and 3.10) servers through the cluster's ServiceMonitor: target labels {@code namespace},
 * {@code zk_cluster}, {@code pod}, {@code instance}, {@code job}, {@code service}, {@code endpoint}, {@code container};
 * gauges that exist only while a server serves (or leads); counters and summaries that are always there; a target
 * that goes down reports {@code up 0} and its series go stale (../shared/notes/monitoring.md §2–5, §10, §11).
 *
 * <p>Every scenario states the complete set of alerts it expects at its evaluation time, with exact labels; every
 * other alert of the rendered file is asserted silent. Severities and label sets are written down here, independent
 * of {@link AlertCatalog}; annotations are the rendered templates, expanded with the expected labels and values.
 *
 * <p>Without promtool the promtool tests are skipped, unless {@code CI=true}, where they fail.
 * {@code ZKOAM_PROMTOOL_KEEP_DIR} keeps the generated files for a look with promtool by hand.
 */
class PromtoolRulesTest {
  static final String NS = "shop";
  static final String CLUSTER = "orders";
  /** Samples at 0m, 1m, … STEPS m, one scrape a minute. */
  static final int STEPS = 100;
  /** Off the scrape grid on purpose, like real rule evaluations: range functions extrapolate. */
  static final String EVAL = "90m30s";
  static final long PROMTOOL_TIMEOUT_SECONDS = 240;

  static final String RUNBOOKS = "https://runbooks.example.com/zookeeper/";
  static final String EXTRA_ALERT = "OrdersSessionsHigh";

  /** The severity of each alert, as the fact sheet's §10 table gives it (and the extra rule's own). */
  static final Map<String, String> SEVERITY = Map.ofEntries(
      Map.entry("ZooKeeperEnsembleDown", "critical"),
      Map.entry("ZooKeeperNoLeader", "critical"),
      Map.entry("ZooKeeperMultipleLeaders", "critical"),
      Map.entry("ZooKeeperNoFaultTolerance", "critical"),
      Map.entry("ZooKeeperFollowersNotSynced", "warning"),
      Map.entry("ZooKeeperNodeNotServing", "warning"),
      Map.entry("ZooKeeperTargetDown", "warning"),
      Map.entry("ZooKeeperMetricsAbsent", "warning"),
      Map.entry("ZooKeeperLeaderElection", "info"),
      Map.entry("ZooKeeperFrequentLeaderElections", "warning"),
      Map.entry("ZooKeeperUnrecoverableError", "critical"),
      Map.entry("ZooKeeperDigestMismatch", "critical"),
      Map.entry("ZooKeeperConnectionsRejected", "warning"),
      Map.entry("ZooKeeperAuthFailures", "warning"),
      Map.entry("ZooKeeperOutstandingRequests", "warning"),
      Map.entry("ZooKeeperHighWriteLatency", "warning"),
      Map.entry("ZooKeeperHighReadLatency", "warning"),
      Map.entry("ZooKeeperSlowFsync", "warning"),
      Map.entry("ZooKeeperTooManyZnodes", "warning"),
      Map.entry("ZooKeeperDataSizeTooLarge", "warning"),
      Map.entry("ZooKeeperTooManyWatches", "warning"),
      Map.entry("ZooKeeperFileDescriptorsNearLimit", "warning"),
      Map.entry("ZooKeeperJvmHeapHigh", "warning"),
      Map.entry("ZooKeeperGcTimeHigh", "warning"),
      Map.entry("ZooKeeperJvmDeadlock", "critical"),
      Map.entry(EXTRA_ALERT, "critical"));

  static final List<String> QUORUM_ALERTS = List.of("ZooKeeperNoLeader", "ZooKeeperMultipleLeaders",
      "ZooKeeperNoFaultTolerance", "ZooKeeperFollowersNotSynced");

  static final Target P0 = new Target(NS, CLUSTER, 0);
  static final Target P1 = new Target(NS, CLUSTER, 1);
  static final Target P2 = new Target(NS, CLUSTER, 2);
  static final Target P3 = new Target(NS, CLUSTER, 3);

  // ---------------------------------------------------------------------------------------------------------------
  // Profiles: the spec rendered, and what every alert of it carries.

  static final AlertRulesSpec CUSTOM_SPEC = new AlertRulesSpec(null, List.of("ZooKeeperTooManyWatches"),
      new AlertThresholds(50L, 20L, null, null, null, null, null, 1L, null, 0.95, null),
      Map.of("team", "platform", "env", "prod"), null, RUNBOOKS,
      List.of(new ExtraAlertRule(EXTRA_ALERT,
          "sum by (namespace, zk_cluster) (global_sessions{namespace=\"shop\",zk_cluster=\"orders\"}) > 1000", "5m",
          Severity.critical, Map.of("team", "orders"),
          Map.of("summary", "{{ $value }} sessions on {{ $labels.zk_cluster }}"))));

  record Profile(String name, AlertRulesSpec spec, boolean quorum, Map<String, String> commonLabels) {}

  static final Profile DEFAULT = new Profile("default", AlertRulesSpec.DEFAULT, true, Map.of());
  static final Profile CUSTOM = new Profile("custom", CUSTOM_SPEC, true, Map.of("team", "platform", "env", "prod"));
  static final Profile SINGLE_VOTER = new Profile("single-voter", AlertRulesSpec.DEFAULT, false, Map.of());

  // ---------------------------------------------------------------------------------------------------------------
  // Tests

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void defaultRulesPassPromtool(@TempDir Path dir) throws Exception {
    Path promtool = promtool();
    Rendered rendered = render(DEFAULT, dir);
    checkRules(promtool, rendered);
    testRules(promtool, rendered, defaultScenarios());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void customisedRulesPassPromtool(@TempDir Path dir) throws Exception {
    Path promtool = promtool();
    Rendered rendered = render(CUSTOM, dir);
    checkRules(promtool, rendered);
    testRules(promtool, rendered, customScenarios());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void singleVoterRulesPassPromtool(@TempDir Path dir) throws Exception {
    Path promtool = promtool();
    Rendered rendered = render(SINGLE_VOTER, dir);
    checkRules(promtool, rendered);
    testRules(promtool, rendered, singleVoterScenarios());
  }

  /** The harness must be able to fail: a wrong label or a missed alert makes promtool exit non-zero. */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void harnessFailsOnWrongExpectations(@TempDir Path dir) throws Exception {
    Path promtool = promtool();
    Rendered rendered = render(DEFAULT, dir);
    Scenario good = followerDown(DEFAULT);

    List<Alert> wrongPod = good.expected().stream()
        .map(a -> a.name().equals("ZooKeeperTargetDown") ? Alert.pod("ZooKeeperTargetDown", P1) : a).toList();
    ProcessResult wrongLabels = runTests(promtool, rendered, "wrong-labels",
        List.of(new Scenario("follower down, TargetDown expected on the wrong pod", good.input(), wrongPod)));
    assertThat(wrongLabels.exitCode())
        .as("promtool must reject a wrong exp_labels; output:%n%s", wrongLabels.output()).isNotZero();
    assertThat(wrongLabels.output()).contains("ZooKeeperTargetDown").contains("orders-1").contains("orders-2");

    ProcessResult missed = runTests(promtool, rendered, "missed-alert",
        List.of(new Scenario("follower down, nothing expected", good.input(), List.of())));
    assertThat(missed.exitCode())
        .as("promtool must report alerts that fire unexpectedly; output:%n%s", missed.output()).isNotZero();
    assertThat(missed.output()).contains("ZooKeeperFollowersNotSynced");

    ProcessResult same = runTests(promtool, rendered, "control", List.of(good));
    assertThat(same.exitCode()).as("the unmodified scenario passes; output:%n%s", same.output()).isZero();
  }

  @Test
  void everyDefaultAlertFiresInSomeScenarioAndHasAnExpectedSeverity() {
    assertThat(SEVERITY.keySet()).containsAll(AlertCatalog.names());
    Set<String> firing = new LinkedHashSet<>();
    defaultScenarios().forEach(s -> s.expected().forEach(a -> firing.add(a.name())));
    assertThat(firing).containsAll(AlertCatalog.names());
    assertThat(defaultScenarios().get(0).expected()).as("the first scenario is the healthy ensemble").isEmpty();
  }

  @Test
  void customSpecDropsTheDisabledAlertAndAddsRunbooksLabelsAndTheExtraRule(@TempDir Path dir) throws Exception {
    Rendered rendered = render(CUSTOM, dir);
    assertThat(rendered.rules()).doesNotContainKey("ZooKeeperTooManyWatches").containsKey(EXTRA_ALERT);
    assertThat(Files.readString(rendered.rulesFile())).doesNotContain("ZooKeeperTooManyWatches")
        .doesNotContain("watch_count");
    assertThat(rendered.rules()).hasSize(AlertCatalog.ALL.size() - 1 + 1);
    rendered.rules().forEach((name, rule) -> {
      assertThat(rule.getAnnotations()).containsEntry("runbook_url", RUNBOOKS + name);
      assertThat(rule.getLabels()).containsEntry("env", "prod").containsEntry("namespace", NS)
          .containsEntry("zk_cluster", CLUSTER).containsEntry("severity", SEVERITY.get(name));
    });
    assertThat(rendered.rules().get(EXTRA_ALERT).getLabels()).containsEntry("team", "orders");
    assertThat(rendered.rules().get("ZooKeeperOutstandingRequests").getExpr().getStrVal()).endsWith("> 50");
  }

  @Test
  void singleVoterRenderingHasNoQuorumAlerts(@TempDir Path dir) throws Exception {
    Rendered rendered = render(SINGLE_VOTER, dir);
    assertThat(rendered.rules()).doesNotContainKeys(QUORUM_ALERTS.toArray(String[]::new));
    assertThat(rendered.rules().keySet())
        .containsExactlyElementsOf(AlertCatalog.names().stream().filter(n -> !QUORUM_ALERTS.contains(n)).toList());
    assertThat(rendered.rules()).hasSize(RuleModels.alertCount(AlertRulesSpec.DEFAULT, false));
    assertThat(Files.readString(rendered.rulesFile())).doesNotContain("leader_uptime").doesNotContain("quorum_size");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Scenarios

  static List<Scenario> defaultScenarios() {
    List<Scenario> s = new ArrayList<>();
    s.add(new Scenario("healthy 3-voter ensemble (3.9 names)", healthy(), List.of()));
    s.add(new Scenario("healthy 3-voter ensemble (3.10 names)", healthy().zk310(), List.of()));
    s.add(new Scenario("healthy, with a non-voting joiner syncing (synced_followers 3, non-voting 1)", withJoiner(),
        List.of()));
    s.add(new Scenario("other ensembles and jobs broken, this one healthy", neighboursBroken(), List.of()));
    s.add(new Scenario("leader lost, all servers LOOKING", leaderLost(), List.of(
        Alert.cluster("ZooKeeperNoLeader"),
        Alert.pod("ZooKeeperNodeNotServing", P0),
        Alert.pod("ZooKeeperNodeNotServing", P1),
        Alert.pod("ZooKeeperNodeNotServing", P2))));
    s.add(new Scenario("quorum lost: leader and a follower killed, the survivor LOOKING", quorumLost(), List.of(
        Alert.cluster("ZooKeeperNoLeader"),
        Alert.pod("ZooKeeperNodeNotServing", P2),
        Alert.pod("ZooKeeperTargetDown", P0),
        Alert.pod("ZooKeeperTargetDown", P1))));
    s.add(new Scenario("two servers claim leadership", twoLeaders(), List.of(
        Alert.cluster("ZooKeeperMultipleLeaders").value("2"))));
    s.add(followerDown(DEFAULT));
    s.add(new Scenario("a follower went down 2.5 minutes ago: only TargetDown's 2m have passed", followerDown(88),
        List.of(Alert.pod("ZooKeeperTargetDown", P2))));
    s.add(new Scenario("a follower runs but does not serve", followerNotServing(), List.of(
        Alert.pod("ZooKeeperNodeNotServing", P2),
        Alert.cluster("ZooKeeperFollowersNotSynced").value("1"),
        Alert.cluster("ZooKeeperNoFaultTolerance").value("2"))));
    s.add(new Scenario("ensemble down", ensembleDown(), List.of(
        Alert.cluster("ZooKeeperEnsembleDown"),
        Alert.pod("ZooKeeperTargetDown", P0),
        Alert.pod("ZooKeeperTargetDown", P1),
        Alert.pod("ZooKeeperTargetDown", P2))));
    s.add(new Scenario("no series at all", new Ensemble(), List.of(Alert.cluster("ZooKeeperMetricsAbsent"))));
    s.add(new Scenario("one leader election 2 minutes ago", elections(88), List.of(
        Alert.cluster("ZooKeeperLeaderElection"))));
    s.add(new Scenario("three elections in the last hour (not more than the threshold 3)", threeElections(),
        List.of()));
    s.add(new Scenario("four elections in the last hour", elections(40, 50, 60, 70), List.of(
        Alert.cluster("ZooKeeperFrequentLeaderElections").value("4"))));
    s.add(new Scenario("write latency 250 ms on the leader", latency(P0, "updatelatency", 250), List.of(
        Alert.pod("ZooKeeperHighWriteLatency", P0).value("250"))));
    s.add(new Scenario("write latency 30 ms (below 100)", writeLatency30(), List.of()));
    s.add(new Scenario("read latency 150 ms", latency(P1, "readlatency", 150), List.of(
        Alert.pod("ZooKeeperHighReadLatency", P1).value("150"))));
    s.add(new Scenario("fsync 120 ms", latency(P2, "fsynctime", 120), List.of(
        Alert.pod("ZooKeeperSlowFsync", P2).value("120"))));
    s.add(new Scenario("file descriptors at 91.55 %", healthy().set(P1, "process_max_fds", 70, m -> 65_536)
        .set(P1, "process_open_fds", 70, m -> 60_000), List.of(
        Alert.pod("ZooKeeperFileDescriptorsNearLimit", P1).percent("91.55%"))));
    s.add(new Scenario("heap at 87.89 % (3.8/3.9 names)", heap(healthy(), "jvm_memory_bytes_used", 943_718_400),
        List.of(Alert.pod("ZooKeeperJvmHeapHigh", P0).sample("area", "heap").percent("87.89%"))));
    s.add(new Scenario("heap at 87.89 % (3.10 names)", heap(healthy().zk310(), "jvm_memory_used_bytes", 943_718_400),
        List.of(Alert.pod("ZooKeeperJvmHeapHigh", P0).sample("area", "heap").percent("87.89%"))));
    s.add(new Scenario("unrecoverable error, digest mismatch, rejected connections (3.9 names)",
        counterErrors(healthy(), ""), counterErrorAlerts()));
    s.add(new Scenario("unrecoverable error, digest mismatch, rejected connections (3.10 _total names)",
        counterErrors(healthy().zk310(), "_total"), counterErrorAlerts()));
    s.add(new Scenario("a server switches to 3.10 names keeping its labels (instance reused), then errs",
        inPlaceUpgradeThenErrors(), List.of(
        Alert.pod("ZooKeeperUnrecoverableError", P2),
        Alert.pod("ZooKeeperDigestMismatch", P2),
        Alert.pod("ZooKeeperConnectionsRejected", P2))));
    s.add(new Scenario("authentication failures", healthy().set(P1, "auth_failed_count", 87, m -> 5), List.of(
        Alert.pod("ZooKeeperAuthFailures", P1).value("5.555555555555555"))));
    s.add(new Scenario("GC takes 13 % of the time", gcHeavy(), List.of(
        Alert.pod("ZooKeeperGcTimeHigh", P2).percent("13%"))));
    s.add(new Scenario("deadlocked threads", healthy().set(P1, "jvm_threads_deadlocked", 85, m -> 2), List.of(
        Alert.pod("ZooKeeperJvmDeadlock", P1).value("2"))));
    s.add(new Scenario("25 outstanding requests", outstanding25(), List.of(
        Alert.pod("ZooKeeperOutstandingRequests", P0).value("25"))));
    s.add(new Scenario("1.5 million znodes", everywhere(healthy(), "znode_count", 80, 1_500_000), List.of(
        Alert.pod("ZooKeeperTooManyZnodes", P0).value("1.5e+06"),
        Alert.pod("ZooKeeperTooManyZnodes", P1).value("1.5e+06"),
        Alert.pod("ZooKeeperTooManyZnodes", P2).value("1.5e+06"))));
    s.add(new Scenario("1.5 GiB of data", everywhere(healthy(), "approximate_data_size", 80, 1_610_612_736L),
        List.of(
            Alert.pod("ZooKeeperDataSizeTooLarge", P0).bytes("1.5Gi"),
            Alert.pod("ZooKeeperDataSizeTooLarge", P1).bytes("1.5Gi"),
            Alert.pod("ZooKeeperDataSizeTooLarge", P2).bytes("1.5Gi"))));
    s.add(new Scenario("25000 watches", watches25k(), List.of(
        Alert.pod("ZooKeeperTooManyWatches", P2).value("25000"))));
    s.add(new Scenario("1800 sessions (no extra rule in this spec)", sessionsSurge(), List.of()));
    return s;
  }

  /** The customised spec: other thresholds, TooManyWatches disabled, team/env labels, runbooks, an extra rule. */
  static List<Scenario> customScenarios() {
    List<Scenario> s = new ArrayList<>();
    s.add(new Scenario("healthy 3-voter ensemble", healthy(), List.of()));
    s.add(followerDown(CUSTOM));
    s.add(new Scenario("write latency 30 ms (threshold 20)", writeLatency30(), List.of(
        Alert.pod("ZooKeeperHighWriteLatency", P0).value("30"))));
    s.add(new Scenario("25 outstanding requests (threshold 50)", outstanding25(), List.of()));
    s.add(new Scenario("three elections in the last hour (threshold 1)", threeElections(), List.of(
        Alert.cluster("ZooKeeperFrequentLeaderElections").value("3"))));
    s.add(new Scenario("heap at 87.89 % (threshold 95 %)", heap(healthy(), "jvm_memory_bytes_used", 943_718_400),
        List.of()));
    s.add(new Scenario("heap at 97.66 % (3.10 names, threshold 95 %)",
        heap(healthy().zk310(), "jvm_memory_used_bytes", 1_048_576_000), List.of(
        Alert.pod("ZooKeeperJvmHeapHigh", P0).sample("area", "heap").percent("97.66%"))));
    s.add(new Scenario("25000 watches (alert disabled)", watches25k(), List.of()));
    s.add(new Scenario("1800 sessions: the extra rule fires", sessionsSurge(), List.of(
        Alert.cluster(EXTRA_ALERT).rule("team", "orders").value("1800"))));
    return s;
  }

  /** A single voter runs standalone: no quorum_size, no leader metrics, so the quorum rules must not exist. */
  static List<Scenario> singleVoterScenarios() {
    List<Scenario> s = new ArrayList<>();
    s.add(new Scenario("healthy standalone server", standalone(), List.of()));
    s.add(new Scenario("standalone server down", standalone().down(P0, 60), List.of(
        Alert.cluster("ZooKeeperEnsembleDown"),
        Alert.pod("ZooKeeperTargetDown", P0))));
    s.add(new Scenario("no series at all", new Ensemble(), List.of(Alert.cluster("ZooKeeperMetricsAbsent"))));
    return s;
  }

  static Scenario followerDown(Profile profile) {
    return new Scenario("a follower down (" + profile.name() + ")", followerDown(60), List.of(
        Alert.cluster("ZooKeeperFollowersNotSynced").value("1"),
        Alert.cluster("ZooKeeperNoFaultTolerance").value("2"),
        Alert.pod("ZooKeeperTargetDown", P2)));
  }

  static Ensemble healthy() {
    return Ensemble.quorum(NS, CLUSTER, 3, 0);
  }

  static Ensemble standalone() {
    Ensemble e = new Ensemble();
    e.server(P0, Role.STANDALONE, 1);
    return e;
  }

  static Ensemble withJoiner() {
    Ensemble e = healthy();
    e.server(P3, Role.FOLLOWER, 3);
    return e.set(P0, "synced_followers", 0, m -> 3).set(P0, "synced_non_voting_followers", 0, m -> 1)
        .set(P0, "learners", 0, m -> 3);
  }

  static Ensemble neighboursBroken() {
    Ensemble e = healthy();
    e.addAll(Ensemble.quorum(NS, "payments", 3, 1).downAll(30));
    Ensemble staging = Ensemble.quorum("staging", CLUSTER, 3, 0);
    staging.targets().forEach(t -> staging.stopServing(t, 30));
    e.addAll(staging);
    e.raw("up", Map.of("namespace", "monitoring", "job", "node-exporter", "instance", "10.0.0.5:9100",
        "pod", "node-exporter-x7k2p"), m -> m < 30 ? 1 : 0);
    return e;
  }

  static Ensemble leaderLost() {
    Ensemble e = healthy();
    for (Target t : e.targets()) {
      e.stopServing(t, 60).bump(t, "looking_count", 60, 1);
    }
    return e;
  }

  static Ensemble quorumLost() {
    return healthy().down(P0, 60).down(P1, 60).stopServing(P2, 60).bump(P2, "looking_count", 60, 1);
  }

  static Ensemble twoLeaders() {
    return healthy().set(P1, "leader_uptime", 80, m -> 60_000.0 * (m - 80)).set(P1, "synced_followers", 80, m -> 2)
        .set(P1, "synced_non_voting_followers", 80, m -> 0).set(P1, "learners", 80, m -> 2);
  }

  static Ensemble followerDown(int from) {
    return healthy().down(P2, from).set(P0, "synced_followers", from, m -> 1).set(P0, "learners", from, m -> 1);
  }

  static Ensemble followerNotServing() {
    return healthy().stopServing(P2, 60).bump(P2, "looking_count", 60, 1).set(P0, "synced_followers", 60, m -> 1)
        .set(P0, "learners", 60, m -> 1);
  }

  static Ensemble ensembleDown() {
    return healthy().downAll(60);
  }

  /** Each election is observed on every server: election_time_count goes up by one on all of them. */
  static Ensemble elections(int... minutes) {
    Ensemble e = healthy();
    for (int minute : minutes) {
      for (Target t : e.targets()) {
        e.bump(t, "election_time_count", minute, 1).bump(t, "election_time_sum", minute, 180);
      }
    }
    return e;
  }

  static Ensemble threeElections() {
    return elections(50, 60, 70);
  }

  static Ensemble latency(Target t, String summary, double ms) {
    return healthy().averageFrom(t, summary, 70, ms);
  }

  static Ensemble writeLatency30() {
    return latency(P0, "updatelatency", 30);
  }

  static Ensemble heap(Ensemble e, String usedMetric, long bytes) {
    return e.set(P0, usedMetric, Map.of("area", "heap"), 70, m -> bytes);
  }

  static Ensemble counterErrors(Ensemble e, String suffix) {
    return e.bump(P0, "unrecoverable_error_count" + suffix, 87, 1)
        .bump(P1, "digest_mismatches_count" + suffix, 87, 1)
        .bump(P2, "connection_rejected" + suffix, 87, 7);
  }

  /**
   * One server starts to export 3.10's names with the same target labels (its pod IP reused, or instance relabelled
   * to the pod name): for a window both x and x_total of the same target exist, then the counters move.
   */
  static Ensemble inPlaceUpgradeThenErrors() {
    return counterErrors(healthy().zk310(P2, 88), P2, "_total", 89);
  }

  static Ensemble counterErrors(Ensemble e, Target t, String suffix, int at) {
    return e.bump(t, "unrecoverable_error_count" + suffix, at, 1).bump(t, "digest_mismatches_count" + suffix, at, 1)
        .bump(t, "connection_rejected" + suffix, at, 7);
  }

  static List<Alert> counterErrorAlerts() {
    return List.of(Alert.pod("ZooKeeperUnrecoverableError", P0), Alert.pod("ZooKeeperDigestMismatch", P1),
        Alert.pod("ZooKeeperConnectionsRejected", P2));
  }

  /** G1 young collections take 0.12 s per second, old ones 0.01 s per second, from minute 70. */
  static Ensemble gcHeavy() {
    return healthy()
        .grow(P2, "jvm_gc_collection_seconds_sum", Map.of("gc", "G1 Young Generation"), 70, 7.2)
        .grow(P2, "jvm_gc_collection_seconds_sum", Map.of("gc", "G1 Old Generation"), 70, 0.6);
  }

  static Ensemble outstanding25() {
    return healthy().set(P0, "outstanding_requests", 80, m -> 25);
  }

  static Ensemble watches25k() {
    return healthy().set(P2, "watch_count", 80, m -> 25_000);
  }

  static Ensemble sessionsSurge() {
    return everywhere(healthy(), "global_sessions", 70, 600);
  }

  static Ensemble everywhere(Ensemble e, String metric, int from, long value) {
    e.targets().forEach(t -> e.set(t, metric, from, m -> value));
    return e;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Input model

  /** A scrape target as prometheus-operator labels it: the ServiceMonitor on the headless Service, port metrics. */
  record Target(String namespace, String cluster, int ordinal) {
    String pod() {
      return ClusterNames.pod(cluster, ordinal);
    }

    Map<String, String> labels() {
      Map<String, String> l = new TreeMap<>();
      l.put("namespace", namespace);
      l.put(MonitoringNames.CLUSTER_LABEL, cluster);
      l.put("pod", pod());
      l.put("instance", "10.42." + Math.floorMod((namespace + "/" + cluster).hashCode(), 200) + "."
          + (10 + ordinal) + ":7000");
      l.put("job", ClusterNames.headlessService(cluster));
      l.put("service", ClusterNames.headlessService(cluster));
      l.put("endpoint", PodLayout.METRICS_PORT_NAME);
      l.put("container", PodLayout.ZOOKEEPER_CONTAINER);
      return l;
    }
  }

  enum Role { LEADER, FOLLOWER, STANDALONE }

  /** Registered while the server serves (any role); gone while LOOKING. */
  static final List<String> SERVING = List.of("znode_count", "watch_count", "ephemerals_count",
      "approximate_data_size", "outstanding_requests", "num_alive_connections", "global_sessions",
      "auth_failed_count", "uptime", "open_file_descriptor_count", "max_file_descriptor_count");
  /** Registered while the server serves as a quorum member. */
  static final List<String> QUORUM_MEMBER = List.of("quorum_size", "synced_observers");
  /** Registered only on the leader. */
  static final List<String> LEADER_ONLY = List.of("leader_uptime", "learners", "synced_followers",
      "synced_non_voting_followers");
  /** Counters whose name gains _total with 3.10's client_java 1.x. */
  static final List<String> COUNTERS = List.of("looking_count", "unrecoverable_error_count",
      "digest_mismatches_count", "connection_rejected");
  static final Map<String, String> JVM_310 = Map.of("jvm_memory_bytes_used", "jvm_memory_used_bytes",
      "jvm_memory_bytes_max", "jvm_memory_max_bytes");

  record SeriesKey(String metric, Map<String, String> labels, Target target) {}

  /** Samples per series, one a minute; NaN = absent (a staleness marker follows the last present sample). */
  static final class Ensemble {
    private final Map<SeriesKey, double[]> series = new LinkedHashMap<>();
    private final List<Target> targets = new ArrayList<>();

    static Ensemble quorum(String namespace, String cluster, int voters, int leader) {
      Ensemble e = new Ensemble();
      for (int i = 0; i < voters; i++) {
        e.server(new Target(namespace, cluster, i), i == leader ? Role.LEADER : Role.FOLLOWER, voters);
      }
      return e;
    }

    List<Target> targets() {
      return List.copyOf(targets);
    }

    /** A ZooKeeper 3.9 server as its /metrics shows it (a subset of the ~190 families). */
    void server(Target t, Role role, int voters) {
      targets.add(t);
      put(t, "up", m -> 1);
      put(t, "znode_count", m -> 5_000);
      put(t, "watch_count", m -> 300);
      put(t, "ephemerals_count", m -> 40);
      put(t, "approximate_data_size", m -> 2_097_152);
      put(t, "outstanding_requests", m -> 0);
      put(t, "num_alive_connections", m -> 20);
      put(t, "global_sessions", m -> 60);
      put(t, "auth_failed_count", m -> 0);
      put(t, "uptime", m -> 3_600_000 + 60_000.0 * m);
      put(t, "open_file_descriptor_count", m -> 80);
      put(t, "max_file_descriptor_count", m -> 1_048_576);
      if (role != Role.STANDALONE) {
        put(t, "quorum_size", m -> voters);
        put(t, "synced_observers", m -> 0);
      }
      if (role == Role.LEADER) {
        put(t, "leader_uptime", m -> 3_000_000 + 60_000.0 * m);
        put(t, "learners", m -> voters - 1);
        put(t, "synced_followers", m -> voters - 1);
        put(t, "synced_non_voting_followers", m -> 0);
      }
      put(t, "election_time_count", m -> role == Role.STANDALONE ? 0 : 1);
      put(t, "election_time_sum", m -> role == Role.STANDALONE ? 0 : 180);
      put(t, "looking_count", m -> role == Role.STANDALONE ? 0 : 1);
      put(t, "unrecoverable_error_count", m -> 0);
      put(t, "digest_mismatches_count", m -> 0);
      put(t, "connection_rejected", m -> 0);
      // Summaries in ms: writes 5 ms, reads 1 ms, fsync 2 ms on average.
      put(t, "updatelatency_count", m -> 100_000 + 600 * m);
      put(t, "updatelatency_sum", m -> 500_000 + 3_000 * m);
      put(t, "readlatency_count", m -> 1_000_000 + 6_000 * m);
      put(t, "readlatency_sum", m -> 1_000_000 + 6_000 * m);
      put(t, "fsynctime_count", m -> 100_000 + 600 * m);
      put(t, "fsynctime_sum", m -> 200_000 + 1_200 * m);
      put(t, "jvm_memory_bytes_used", Map.of("area", "heap"), m -> 268_435_456);
      put(t, "jvm_memory_bytes_used", Map.of("area", "nonheap"), m -> 83_886_080);
      put(t, "jvm_memory_bytes_max", Map.of("area", "heap"), m -> 1_073_741_824);
      put(t, "jvm_memory_bytes_max", Map.of("area", "nonheap"), m -> -1);
      put(t, "jvm_gc_collection_seconds_count", Map.of("gc", "G1 Young Generation"), m -> 500 + 2 * m);
      put(t, "jvm_gc_collection_seconds_sum", Map.of("gc", "G1 Young Generation"), m -> 30 + 0.6 * m);
      put(t, "jvm_gc_collection_seconds_count", Map.of("gc", "G1 Old Generation"), m -> 0);
      put(t, "jvm_gc_collection_seconds_sum", Map.of("gc", "G1 Old Generation"), m -> 0);
      put(t, "jvm_threads_current", m -> 48);
      put(t, "jvm_threads_deadlocked", m -> 0);
      put(t, "process_open_fds", m -> 150);
      put(t, "process_max_fds", m -> 1_048_576);
    }

    Ensemble put(Target t, String metric, IntToDoubleFunction f) {
      return put(t, metric, Map.of(), f);
    }

    Ensemble put(Target t, String metric, Map<String, String> extra, IntToDoubleFunction f) {
      double[] v = new double[STEPS + 1];
      Arrays.setAll(v, f::applyAsDouble);
      series.put(key(t, metric, extra), v);
      return this;
    }

    /** A series without a ZooKeeper target (another job). */
    Ensemble raw(String metric, Map<String, String> labels, IntToDoubleFunction f) {
      double[] v = new double[STEPS + 1];
      Arrays.setAll(v, f::applyAsDouble);
      series.put(new SeriesKey(metric, new TreeMap<>(labels), null), v);
      return this;
    }

    Ensemble set(Target t, String metric, int from, IntToDoubleFunction f) {
      return set(t, metric, Map.of(), from, f);
    }

    /** Values from minute {@code from} on; a series that did not exist before starts there. */
    Ensemble set(Target t, String metric, Map<String, String> extra, int from, IntToDoubleFunction f) {
      double[] v = series.computeIfAbsent(key(t, metric, extra), k -> nans());
      for (int m = from; m <= STEPS; m++) {
        v[m] = f.applyAsDouble(m);
      }
      return this;
    }

    /** From minute {@code from} on the series grows by {@code perMinute} a minute instead. */
    Ensemble grow(Target t, String metric, Map<String, String> extra, int from, double perMinute) {
      double[] v = existing(t, metric, extra);
      double base = v[from];
      return set(t, metric, extra, from, m -> base + perMinute * (m - from));
    }

    /** From minute {@code from} on, each observation of the summary takes {@code ms} on average. */
    Ensemble averageFrom(Target t, String summary, int from, double ms) {
      double[] count = existing(t, summary + "_count", Map.of());
      double[] sum = existing(t, summary + "_sum", Map.of());
      for (int m = from + 1; m <= STEPS; m++) {
        sum[m] = sum[m - 1] + (count[m] - count[m - 1]) * ms;
      }
      return this;
    }

    /** Adds {@code by} to every sample of the counter from minute {@code at} on. */
    Ensemble bump(Target t, String metric, int at, double by) {
      double[] v = existing(t, metric, Map.of());
      for (int m = at; m <= STEPS; m++) {
        v[m] += by;
      }
      return this;
    }

    Ensemble drop(Target t, Collection<String> metrics, int from) {
      series.forEach((k, v) -> {
        if (t.equals(k.target()) && metrics.contains(k.metric())) {
          Arrays.fill(v, from, STEPS + 1, Double.NaN);
        }
      });
      return this;
    }

    /** The server leaves the quorum (LOOKING): its serving, quorum and leader gauges are unregistered. */
    Ensemble stopServing(Target t, int from) {
      List<String> gone = new ArrayList<>(SERVING);
      gone.addAll(QUORUM_MEMBER);
      gone.addAll(LEADER_ONLY);
      return drop(t, gone, from);
    }

    /** The scrape fails: up is 0 and every other series of the target goes stale. */
    Ensemble down(Target t, int from) {
      series.forEach((k, v) -> {
        if (t.equals(k.target())) {
          Arrays.fill(v, from, STEPS + 1, k.metric().equals("up") ? 0 : Double.NaN);
        }
      });
      return this;
    }

    Ensemble downAll(int from) {
      targets.forEach(t -> down(t, from));
      return this;
    }

    /** The same servers as ZooKeeper 3.10 names their series: counters with _total, client_java 1.x JVM names. */
    Ensemble zk310() {
      return rename(Ensemble::name310);
    }

    /** Only {@code t}, from minute {@code at} on: the old names go stale, the new ones continue the values. */
    Ensemble zk310(Target t, int at) {
      Map<SeriesKey, double[]> added = new LinkedHashMap<>();
      series.forEach((k, v) -> {
        String renamed = name310(k.metric());
        if (t.equals(k.target()) && !renamed.equals(k.metric())) {
          double[] now = nans();
          System.arraycopy(v, at, now, at, v.length - at);
          Arrays.fill(v, at, STEPS + 1, Double.NaN);
          added.put(new SeriesKey(renamed, k.labels(), t), now);
        }
      });
      series.putAll(added);
      return this;
    }

    static String name310(String name) {
      return COUNTERS.contains(name) ? name + "_total" : JVM_310.getOrDefault(name, name);
    }

    Ensemble rename(UnaryOperator<String> renaming) {
      Map<SeriesKey, double[]> renamed = new LinkedHashMap<>();
      series.forEach((k, v) -> renamed.put(new SeriesKey(renaming.apply(k.metric()), k.labels(), k.target()), v));
      series.clear();
      series.putAll(renamed);
      return this;
    }

    Ensemble addAll(Ensemble other) {
      series.putAll(other.series);
      targets.addAll(other.targets);
      return this;
    }

    List<Map<String, Object>> inputSeries() {
      List<Map<String, Object>> out = new ArrayList<>();
      series.forEach((k, v) -> {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("series", selector(k.metric(), k.labels()));
        s.put("values", encode(v));
        out.add(s);
      });
      return out;
    }

    private double[] existing(Target t, String metric, Map<String, String> extra) {
      double[] v = series.get(key(t, metric, extra));
      if (v == null) {
        throw new IllegalArgumentException("no series " + metric + extra + " on " + t.pod());
      }
      return v;
    }

    private static SeriesKey key(Target t, String metric, Map<String, String> extra) {
      Map<String, String> labels = new TreeMap<>(t.labels());
      labels.putAll(extra);
      return new SeriesKey(metric, labels, t);
    }

    private static double[] nans() {
      double[] v = new double[STEPS + 1];
      Arrays.fill(v, Double.NaN);
      return v;
    }
  }

  static String selector(String metric, Map<String, String> labels) {
    StringBuilder b = new StringBuilder(metric).append('{');
    labels.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '{' ? "" : ",").append(k).append("=\"")
        .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
    return b.append('}').toString();
  }

  /**
   * promtool's expanding notation: {@code a+bxn} is n+1 samples, {@code _xn} n missing ones, {@code stale} a staleness
   * marker, which Prometheus writes at the first scrape that no longer has the series.
   */
  static String encode(double[] v) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < v.length) {
      if (Double.isNaN(v[i])) {
        if (i > 0 && !Double.isNaN(v[i - 1])) {
          tokens.add("stale");
          i++;
          continue;
        }
        int j = i;
        while (j < v.length && Double.isNaN(v[j])) {
          j++;
        }
        tokens.add(j - i == 1 ? "_" : "_x" + (j - i));
        i = j;
        continue;
      }
      int j = i;
      double step = i + 1 < v.length && !Double.isNaN(v[i + 1]) ? v[i + 1] - v[i] : 0;
      while (j + 1 < v.length && !Double.isNaN(v[j + 1]) && close(v[j + 1] - v[j], step)) {
        j++;
      }
      if (j == i) {
        tokens.add(number(v[i]));
      } else if (step == 0) {
        tokens.add(number(v[i]) + "x" + (j - i));
      } else {
        tokens.add(number(v[i]) + (step > 0 ? "+" : "-") + number(Math.abs(step)) + "x" + (j - i));
      }
      i = j + 1;
    }
    return String.join(" ", tokens);
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  }

  private static String number(double d) {
    return BigDecimal.valueOf(Math.round(d * 1e6) / 1e6).stripTrailingZeros().toPlainString();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Expectations

  record Scenario(String name, Ensemble input, List<Alert> expected) {}

  /**
   * An alert expected to fire. {@code sample} are the labels of the expression's result (what {@code $labels} sees),
   * {@code rule} the rule's own labels beyond severity and the profile's; {@code values} what the annotation
   * templates print for {@code $value} expressions.
   */
  record Alert(String name, Map<String, String> sample, Map<String, String> rule, Map<String, String> values) {
    static Alert cluster(String name) {
      return new Alert(name, new TreeMap<>(Map.of("namespace", NS, MonitoringNames.CLUSTER_LABEL, CLUSTER)),
          new TreeMap<>(), new TreeMap<>());
    }

    static Alert pod(String name, Target t) {
      return new Alert(name, new TreeMap<>(t.labels()), new TreeMap<>(), new TreeMap<>());
    }

    Alert sample(String key, String value) {
      sample.put(key, value);
      return this;
    }

    Alert rule(String key, String value) {
      rule.put(key, value);
      return this;
    }

    Alert value(String text) {
      values.put("$value", text);
      return this;
    }

    Alert percent(String text) {
      values.put("$value | humanizePercentage", text);
      return this;
    }

    Alert bytes(String text) {
      values.put("$value | humanize1024", text);
      return this;
    }

    Map<String, String> labels(Profile profile) {
      Map<String, String> labels = new TreeMap<>(sample);
      labels.putAll(profile.commonLabels());
      labels.putAll(rule);
      labels.put("severity", SEVERITY.get(name));
      labels.put("namespace", NS);
      labels.put(MonitoringNames.CLUSTER_LABEL, CLUSTER);
      return labels;
    }
  }

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*(.+?)\\s*}}");

  /** The rendered annotation templates with the expected labels and values put in. */
  static Map<String, String> annotations(Rule rule, Alert alert) {
    Map<String, String> out = new TreeMap<>();
    if (rule.getAnnotations() == null) {
      return out;
    }
    rule.getAnnotations().forEach((key, template) -> {
      Matcher m = TEMPLATE.matcher(template);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        String expr = m.group(1);
        String text;
        if (expr.startsWith("$labels.")) {
          text = alert.sample().get(expr.substring("$labels.".length()));
        } else {
          text = alert.values().get(expr);
        }
        if (text == null) {
          throw new IllegalStateException("expected alert " + alert.name() + " " + alert.sample()
              + " does not say what {{ " + expr + " }} prints in annotation " + key);
        }
        m.appendReplacement(b, Matcher.quoteReplacement(text));
      }
      m.appendTail(b);
      out.put(key, b.toString());
    });
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Rendering and promtool

  record Rendered(Profile profile, Path dir, Path rulesFile, Map<String, Rule> rules) {}

  static Rendered render(Profile profile, Path base) throws IOException {
    PrometheusRule rule = RuleModels.rules(new ObjectMetaBuilder().withName(MonitoringNames.rules(CLUSTER))
        .withNamespace(NS).build(), NS, CLUSTER, profile.spec(), profile.quorum());
    Path dir = Files.createDirectories(base.resolve(profile.name()));
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, new KubernetesSerialization().asYaml(rule.getSpec()));
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (RuleGroup group : rule.getSpec().getGroups()) {
      for (Rule r : group.getRules()) {
        assertThat(rules.put(r.getAlert(), r)).as("alert %s rendered twice", r.getAlert()).isNull();
      }
    }
    return new Rendered(profile, dir, file, rules);
  }

  static void checkRules(Path promtool, Rendered rendered) throws Exception {
    ProcessResult result = run(promtool, rendered.dir(), "check", "rules", rendered.rulesFile().toString());
    assertThat(result.exitCode()).as("promtool check rules %s failed:%n%s%nrules:%n%s", rendered.rulesFile(),
        result.output(), Files.readString(rendered.rulesFile())).isZero();
    Matcher m = Pattern.compile("SUCCESS: (\\d+) rules found").matcher(result.output());
    assertThat(m.find()).as("promtool check rules output:%n%s", result.output()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).as("rules promtool found")
        .isEqualTo(RuleModels.alertCount(rendered.profile().spec(), rendered.profile().quorum()))
        .isEqualTo(rendered.rules().size());
  }

  static void testRules(Path promtool, Rendered rendered, List<Scenario> scenarios) throws Exception {
    ProcessResult result = runTests(promtool, rendered, "tests", scenarios);
    assertThat(result.exitCode()).as("promtool test rules (%s, %d scenarios) failed:%n%s",
        rendered.profile().name(), scenarios.size(), result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  static ProcessResult runTests(Path promtool, Rendered rendered, String name, List<Scenario> scenarios)
      throws Exception {
    Path testFile = rendered.dir().resolve(name + ".test.yaml");
    Files.writeString(testFile, yaml().writeValueAsString(testDocument(rendered, scenarios)));
    keep(rendered, testFile);
    return run(promtool, rendered.dir(), "test", "rules", testFile.getFileName().toString());
  }

  static Map<String, Object> testDocument(Rendered rendered, List<Scenario> scenarios) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("rule_files", List.of(rendered.rulesFile().getFileName().toString()));
    doc.put("evaluation_interval", "30s");
    List<Object> tests = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      for (Alert a : scenario.expected()) {
        if (!rendered.rules().containsKey(a.name())) {
          throw new IllegalStateException("scenario '" + scenario.name() + "' expects " + a.name()
              + ", which the " + rendered.profile().name() + " rules do not have");
        }
      }
      List<Object> alertTests = new ArrayList<>();
      rendered.rules().forEach((alertName, rule) -> {
        List<Object> expAlerts = new ArrayList<>();
        for (Alert a : scenario.expected()) {
          if (a.name().equals(alertName)) {
            Map<String, Object> exp = new LinkedHashMap<>();
            exp.put("exp_labels", a.labels(rendered.profile()));
            exp.put("exp_annotations", annotations(rule, a));
            expAlerts.add(exp);
          }
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("eval_time", EVAL);
        t.put("alertname", alertName);
        t.put("exp_alerts", expAlerts);
        alertTests.add(t);
      });
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("name", scenario.name());
      group.put("interval", "1m");
      group.put("input_series", scenario.input().inputSeries());
      group.put("alert_rule_test", alertTests);
      tests.add(group);
    }
    doc.put("tests", tests);
    return doc;
  }

  static YAMLMapper yaml() {
    return YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();
  }

  private static void keep(Rendered rendered, Path testFile) throws IOException {
    String keepDir = System.getenv("ZKOAM_PROMTOOL_KEEP_DIR");
    if (keepDir != null && !keepDir.isBlank()) {
      Path target = Files.createDirectories(Path.of(keepDir, rendered.profile().name()));
      Files.copy(rendered.rulesFile(), target.resolve(rendered.rulesFile().getFileName()),
          StandardCopyOption.REPLACE_EXISTING);
      Files.copy(testFile, target.resolve(testFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  record ProcessResult(int exitCode, String output) {}

  static ProcessResult run(Path promtool, Path workDir, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(promtool.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(workDir, "promtool-", ".out");
    Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start();
    if (!process.waitFor(PROMTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      fail("%s did not finish within %d s; output so far:%n%s", command, PROMTOOL_TIMEOUT_SECONDS,
          Files.readString(out));
    }
    return new ProcessResult(process.exitValue(), Files.readString(out));
  }

  /** promtool, or a skip; on CI (CI=true) a missing promtool is a failure. */
  static Path promtool() {
    return RequiredTool.require("promtool", "install Debian's prometheus package (apt-get install prometheus), "
        + "which ships /usr/bin/promtool");
  }
}

package io.zkoam.monitoring.render;

import static io.zkoam.monitoring.render.PromtoolEnsemble.CLUSTER;
import static io.zkoam.monitoring.render.PromtoolEnsemble.NS;
import static io.zkoam.monitoring.render.PromtoolEnsemble.P0;
import static io.zkoam.monitoring.render.PromtoolEnsemble.P1;
import static io.zkoam.monitoring.render.PromtoolEnsemble.P2;
import static io.zkoam.monitoring.render.PromtoolInputs.counterErrors;
import static io.zkoam.monitoring.render.PromtoolInputs.elections;
import static io.zkoam.monitoring.render.PromtoolInputs.ensembleDown;
import static io.zkoam.monitoring.render.PromtoolInputs.ensembleVanished;
import static io.zkoam.monitoring.render.PromtoolInputs.everywhere;
import static io.zkoam.monitoring.render.PromtoolInputs.followerNotServing;
import static io.zkoam.monitoring.render.PromtoolInputs.gcHeavy;
import static io.zkoam.monitoring.render.PromtoolInputs.healthy;
import static io.zkoam.monitoring.render.PromtoolInputs.heap;
import static io.zkoam.monitoring.render.PromtoolInputs.inPlaceUpgradeThenErrors;
import static io.zkoam.monitoring.render.PromtoolInputs.latency;
import static io.zkoam.monitoring.render.PromtoolInputs.leaderLost;
import static io.zkoam.monitoring.render.PromtoolInputs.neighboursBroken;
import static io.zkoam.monitoring.render.PromtoolInputs.outstanding25;
import static io.zkoam.monitoring.render.PromtoolInputs.quorumLost;
import static io.zkoam.monitoring.render.PromtoolInputs.sessionsSurge;
import static io.zkoam.monitoring.render.PromtoolInputs.standalone;
import static io.zkoam.monitoring.render.PromtoolInputs.threeElections;
import static io.zkoam.monitoring.render.PromtoolInputs.twoLeaders;
import static io.zkoam.monitoring.render.PromtoolInputs.watches25k;
import static io.zkoam.monitoring.render.PromtoolInputs.withJoiner;
import static io.zkoam.monitoring.render.PromtoolInputs.writeLatency30;
import static io.zkoam.monitoring.render.PromtoolTestFile.render;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkoam.api.v1alpha1.AlertRulesSpec;
import io.zkoam.api.v1alpha1.AlertThresholds;
import io.zkoam.api.v1alpha1.ExtraAlertRule;
import io.zkoam.api.v1alpha1.ExtraAlertRule.Severity;
import io.zkoam.monitoring.render.Promtool.ProcessResult;
import io.zkoam.monitoring.render.PromtoolEnsemble.Ensemble;
import io.zkoam.monitoring.render.PromtoolTestFile.Alert;
import io.zkoam.monitoring.render.PromtoolTestFile.Profile;
import io.zkoam.monitoring.render.PromtoolTestFile.Rendered;
import io.zkoam.monitoring.render.PromtoolTestFile.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the PrometheusRule that {@link RuleModels} renders through Prometheus' own {@code promtool}: {@code check rules}
 * (syntax, rule count) and {@code test rules} with unit tests generated here. The inputs model how prometheus-operator
 * scrapes ZooKeeper 3.9 (and 3.10) servers through the cluster's ServiceMonitor ({@link PromtoolEnsemble}).
 *
 * <p>Every scenario states the complete set of alerts it expects at its evaluation time, with exact labels; every
 * other alert of the rendered file is asserted silent. Severities and label sets are written down here, independent
 * of {@link AlertCatalog}; annotations are the rendered templates, expanded with the expected labels and values.
 *
 * <p>Without promtool the promtool tests are skipped, unless {@code CI=true}, where they fail.
 * {@code ZKOAM_PROMTOOL_KEEP_DIR} keeps the generated files for a look with promtool by hand.
 *
 * <p>This class says what is tested: the profiles, the scenarios and the tests. {@link PromtoolEnsemble} models the
 * scraped series, {@link PromtoolInputs} builds each scenario's series, {@link PromtoolTestFile} renders the rules and
 * the unit-test file, {@link Promtool} runs promtool.
 */
class PromtoolRulesTest {
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

  // ---------------------------------------------------------------------------------------------------------------
  // Profiles: the spec rendered, and what every alert of it carries.

  static final AlertRulesSpec CUSTOM_SPEC = new AlertRulesSpec(null, List.of("ZooKeeperTooManyWatches"),
      new AlertThresholds(50L, 20L, null, null, null, null, null, 1L, null, 0.95, null),
      Map.of("team", "platform", "env", "prod"), null, RUNBOOKS,
      List.of(new ExtraAlertRule(EXTRA_ALERT,
          "sum by (namespace, zk_cluster) (global_sessions{namespace=\"shop\",zk_cluster=\"orders\"}) > 1000", "5m",
          Severity.critical, Map.of("team", "orders"),
          Map.of("summary", "{{ $value }} sessions on {{ $labels.zk_cluster }}"))));

  static final Profile DEFAULT = new Profile("default", AlertRulesSpec.DEFAULT, true, Map.of());
  static final Profile CUSTOM = new Profile("custom", CUSTOM_SPEC, true, Map.of("team", "platform", "env", "prod"));
  static final Profile SINGLE_VOTER = new Profile("single-voter", AlertRulesSpec.DEFAULT, false, Map.of());

  // ---------------------------------------------------------------------------------------------------------------
  // Tests

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void defaultRulesPassPromtool(@TempDir Path dir) throws Exception {
    Promtool promtool = Promtool.require();
    Rendered rendered = render(DEFAULT, dir);
    promtool.checkRules(rendered);
    promtool.testRules(rendered, defaultScenarios());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void customisedRulesPassPromtool(@TempDir Path dir) throws Exception {
    Promtool promtool = Promtool.require();
    Rendered rendered = render(CUSTOM, dir);
    promtool.checkRules(rendered);
    promtool.testRules(rendered, customScenarios());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void singleVoterRulesPassPromtool(@TempDir Path dir) throws Exception {
    Promtool promtool = Promtool.require();
    Rendered rendered = render(SINGLE_VOTER, dir);
    promtool.checkRules(rendered);
    promtool.testRules(rendered, singleVoterScenarios());
  }

  /** The harness must be able to fail: a wrong label or a missed alert makes promtool exit non-zero. */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void harnessFailsOnWrongExpectations(@TempDir Path dir) throws Exception {
    Promtool promtool = Promtool.require();
    Rendered rendered = render(DEFAULT, dir);
    Scenario good = followerDown(DEFAULT);

    List<Alert> wrongPod = good.expected().stream()
        .map(a -> a.name().equals("ZooKeeperTargetDown") ? Alert.pod("ZooKeeperTargetDown", P1) : a).toList();
    ProcessResult wrongLabels = promtool.runTests(rendered, "wrong-labels",
        List.of(new Scenario("follower down, TargetDown expected on the wrong pod", good.input(), wrongPod)));
    assertThat(wrongLabels.exitCode())
        .as("promtool must reject a wrong exp_labels; output:%n%s", wrongLabels.output()).isNotZero();
    assertThat(wrongLabels.output()).contains("ZooKeeperTargetDown").contains("orders-1").contains("orders-2");

    ProcessResult missed = promtool.runTests(rendered, "missed-alert",
        List.of(new Scenario("follower down, nothing expected", good.input(), List.of())));
    assertThat(missed.exitCode())
        .as("promtool must report alerts that fire unexpectedly; output:%n%s", missed.output()).isNotZero();
    assertThat(missed.output()).contains("ZooKeeperFollowersNotSynced");

    ProcessResult same = promtool.runTests(rendered, "control", List.of(good));
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
    assertThat(rendered.rules()).hasSize(RuleModels.alertCount(AlertRulesSpec.DEFAULT, 1));
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
    s.add(new Scenario("a follower went down 2.5 minutes ago: only TargetDown's 2m have passed",
        PromtoolInputs.followerDown(88), List.of(Alert.pod("ZooKeeperTargetDown", P2))));
    s.add(new Scenario("a follower runs but does not serve", followerNotServing(), List.of(
        Alert.pod("ZooKeeperNodeNotServing", P2),
        Alert.cluster("ZooKeeperFollowersNotSynced").value("1"),
        Alert.cluster("ZooKeeperNoFaultTolerance").value("2"))));
    s.add(new Scenario("ensemble down", ensembleDown(), List.of(
        Alert.cluster("ZooKeeperEnsembleDown"),
        Alert.pod("ZooKeeperTargetDown", P0),
        Alert.pod("ZooKeeperTargetDown", P1),
        Alert.pod("ZooKeeperTargetDown", P2))));
    s.add(new Scenario("every target vanished (pods pending or deleted)", ensembleVanished(), List.of(
        Alert.cluster("ZooKeeperEnsembleDown"),
        Alert.cluster("ZooKeeperMetricsAbsent"))));
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
    return new Scenario("a follower down (" + profile.name() + ")", PromtoolInputs.followerDown(60), List.of(
        Alert.cluster("ZooKeeperFollowersNotSynced").value("1"),
        Alert.cluster("ZooKeeperNoFaultTolerance").value("2"),
        Alert.pod("ZooKeeperTargetDown", P2)));
  }

  static List<Alert> counterErrorAlerts() {
    return List.of(Alert.pod("ZooKeeperUnrecoverableError", P0), Alert.pod("ZooKeeperDigestMismatch", P1),
        Alert.pod("ZooKeeperConnectionsRejected", P2));
  }
}

package io.zkoam.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkoam.api.testing.Manifests;
import io.zkoam.deploy.RoleRules.Grant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each controller's ClusterRole (deploy/base) and leader-election Role against what its client did in the sandbox's
 * ITs: the embedded API records the permission every request needs by User-Agent (the controller's name), and the
 * sandbox writes them to sandbox/target/observed-permissions/&lt;controller&gt;.tsv. No wildcard; nothing observed
 * is missing; nothing granted is unused, except {@link #NOT_OBSERVED}, each with its reason.
 */
class RbacTest {
  static final Path OBSERVED = Path.of("sandbox", "target", "observed-permissions");

  /** Allowed to every authenticated user by Kubernetes' default roles; a role need not grant them. */
  private static final Set<Grant> GRANTED_TO_EVERYONE = Set.of(
      new Grant("create", "authorization.k8s.io", "selfsubjectrulesreviews"),
      new Grant("create", "authorization.k8s.io", "selfsubjectaccessreviews"),
      new Grant("create", "authentication.k8s.io", "selfsubjectreviews"));

  /** A grant the ITs cannot show in use, and why it is still needed. */
  record Unobserved(Component component, Grant grant, String reason) {}

  static final List<Unobserved> NOT_OBSERVED = notObserved();

  private static List<Unobserved> notObserved() {
    List<Unobserved> list = new ArrayList<>();
    for (Component c : Component.values()) {
      for (String verb : List.of("get", "create", "update")) {
        list.add(new Unobserved(c, new Grant(verb, "coordination.k8s.io", "leases"),
            "leader election (fabric8's LeaseLock: get, create, update) is off in the sandbox"));
      }
    }
    String ownerReferences = "only where the OwnerReferencesPermissionEnforcement admission plugin runs (OpenShift): "
        + "setting blockOwnerDeletion on the children's owner reference";
    list.add(new Unobserved(Component.WORKLOAD_CONTROLLER,
        new Grant("update", "zkoam.io", "zookeeperclusters/finalizers"), ownerReferences));
    list.add(new Unobserved(Component.MONITORING_TRAIT,
        new Grant("update", "zkoam.io", "monitoringtraits/finalizers"), ownerReferences));
    list.add(new Unobserved(Component.WORKLOAD_CONTROLLER, new Grant("patch", "", "secrets"),
        "a repair: only when an existing <cluster>-auth Secret lacks a key (AuthSecretModel adds it); an IT that "
            + "removed one would change the running agents' token"));
    return List.copyOf(list);
  }

  @ParameterizedTest
  @EnumSource(Component.class)
  void rulesUseNoWildcard(Component c) {
    assertThat(RoleRules.wildcards(clusterRole(c))).isEmpty();
    assertThat(RoleRules.wildcards(leaderElectionRole(c))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Component.class)
  void everyObservedRequestIsGranted(Component c) {
    Set<Grant> missing = new TreeSet<>(observed(c));
    missing.removeAll(granted(c));
    missing.removeAll(GRANTED_TO_EVERYONE);
    assertThat(missing).as(c.controller() + " did these in the ITs, but its roles do not grant them").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Component.class)
  void everyGrantIsUsedOrExplained(Component c) {
    Set<Grant> observed = observed(c);
    Map<Grant, String> allowed = NOT_OBSERVED.stream().filter(u -> u.component() == c)
        .collect(Collectors.toMap(Unobserved::grant, Unobserved::reason, (a, b) -> a, TreeMap::new));
    Set<Grant> unused = new TreeSet<>(granted(c));
    unused.removeAll(observed);
    unused.removeAll(allowed.keySet());
    assertThat(unused).as(c.controller() + " is granted these, but no IT made it use them (remove them, or add "
        + "them to NOT_OBSERVED with the reason)").isEmpty();
    Set<Grant> stale = new TreeSet<>(allowed.keySet());
    stale.retainAll(observed);
    assertThat(stale).as(c.controller() + ": NOT_OBSERVED entries the ITs now observe (remove them)").isEmpty();
    Set<Grant> notGranted = new TreeSet<>(allowed.keySet());
    notGranted.removeAll(granted(c));
    assertThat(notGranted).as(c.controller() + ": NOT_OBSERVED entries no role grants").isEmpty();
  }

  static JsonNode clusterRole(Component c) {
    return Manifests.documents(base(c).resolve("clusterrole.yaml")).get(0);
  }

  static JsonNode leaderElectionRole(Component c) {
    return Manifests.documents(base(c).resolve("leader-election-role.yaml")).get(0);
  }

  static Set<Grant> granted(Component c) {
    Set<Grant> grants = new TreeSet<>(RoleRules.grants(clusterRole(c)));
    grants.addAll(RoleRules.grants(leaderElectionRole(c)));
    return grants;
  }

  private static Path base(Component c) {
    return Manifests.repositoryRoot().resolve("deploy/base").resolve(c.directory());
  }

  /**
   * The permissions the sandbox's ITs observed for a controller. Missing (the ITs did not run, e.g. -DskipITs):
   * skipped locally, failed under CI=true.
   */
  static Set<Grant> observed(Component c) {
    Path file = Manifests.repositoryRoot().resolve(OBSERVED).resolve(c.controller() + ".tsv");
    if (!Files.isRegularFile(file)) {
      String message = file + " is missing: run the sandbox's ITs first (mvn verify in sandbox, or mvn verify)";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message + " (CI=true: this test must run, not skip)");
      }
      Assumptions.abort(message);
    }
    try {
      Set<Grant> grants = new TreeSet<>();
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          String[] f = line.split("\t", -1);
          assertThat(f).as(file + ": " + line).hasSize(3);
          grants.add(new Grant(f[0], f[1], f[2]));
        }
      }
      assertThat(grants).as(file + " (a controller that made no request?)").isNotEmpty();
      return grants;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

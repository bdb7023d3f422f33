package io.zkoam.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.zkoam.api.testing.Await;
import io.zkoam.runtime.ControllerOptions.LeaseTimings;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of one controller on the embedded API with Lease-based leader election (short leases): only the
 * leader reconciles, and when it stops the standby takes over within the lease duration plus a few retry periods.
 */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionTest {
  private static final String NAMESPACE = "controllers";
  private static final LeaseTimings SHORT = new LeaseTimings(
      Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(500));
  /** Lease duration, plus retry periods with fabric8's jitter (up to 1.2x), plus a reconcile, with room for a busy CI. */
  private static final Duration TAKEOVER = Duration.ofSeconds(10);
  static KubernetesMockServer server;
  static KubernetesClient client;

  private final List<RecordingReconciler.Reconcile> reconciles = RecordingReconciler.newLog();
  private final List<ControllerRuntime> started = new ArrayList<>();

  /**
   * Java Operator SDK checks with a SelfSubjectRulesReview that it may use Leases before it competes. The mock's CRUD
   * mode refuses that create (422, it has no authorizer); answer it as an API server whose RBAC grants the
   * controller's ServiceAccount get, create and update on leases (the Role every controller Deployment gets).
   */
  @BeforeEach
  void grantLeaseAccess() {
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new SelfSubjectRulesReviewBuilder()
            .withNewSpec().withNamespace(NAMESPACE).endSpec()
            .withNewStatus().withIncomplete(false)
            .addNewResourceRule().withApiGroups("coordination.k8s.io").withResources("leases")
            .withVerbs("get", "create", "update").endResourceRule()
            .endStatus().build())
        .always();
  }

  @AfterEach
  void closeAll() {
    started.forEach(ControllerRuntime::close);
  }

  private ControllerRuntime replica(String controller, String instance) {
    ControllerOptions options = ControllerOptions.embedded(controller).withLeaderElection(NAMESPACE)
        .withLeaseTimings(SHORT);
    ControllerRuntime runtime = new ControllerRuntime(options, client);
    new RecordingReconciler(instance, reconciles).registerOn(runtime);
    started.add(runtime);
    return runtime.start();
  }

  private void createConfigMap(String name) {
    client.resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("apps")
        .addToLabels(RecordingReconciler.LABEL_KEY, "yes").endMetadata().build()).create();
  }

  private String holder(String controller) {
    Lease lease = client.leases().inNamespace(NAMESPACE).withName(controller + "-leader").get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  private Set<String> instancesSince(long nanos) {
    return reconciles.stream().filter(r -> r.nanos() >= nanos).map(RecordingReconciler.Reconcile::instance)
        .collect(Collectors.toSet());
  }

  @Test
  void onlyTheLeaderReconcilesAndTheStandbyTakesOverWhenItStops() throws InterruptedException {
    ControllerRuntime a = replica("failover", "a");
    ControllerRuntime b = replica("failover", "b");
    createConfigMap("first");
    createConfigMap("second");

    Await.until(Duration.ofSeconds(10), "one replica reconciles both ConfigMaps",
        () -> reconciles.stream().map(RecordingReconciler.Reconcile::configMap).collect(Collectors.toSet())
            .containsAll(Set.of("first", "second")), reconciles::toString);
    String leaderName = reconciles.get(0).instance();
    ControllerRuntime leader = "a".equals(leaderName) ? a : b;
    ControllerRuntime standby = leader == a ? b : a;
    String standbyName = leader == a ? "b" : "a";
    assertThat(holder("failover")).as("Lease holder").isEqualTo(leader.options().identity());
    assertThat(leader.leading()).isTrue();
    assertThat(standby.leading()).isFalse();

    // Both replicas run informers; for over a lease duration only the leader may reconcile (it reschedules every
    // 200 ms, so the window holds many of its reconciles).
    long windowStart = System.nanoTime();
    Thread.sleep(SHORT.leaseDuration().toMillis() + 500);
    assertThat(instancesSince(windowStart)).as("replicas that reconciled while %s led", leaderName)
        .containsExactly(leaderName);
    assertThat(reconciles).as("reconciles of the standby").noneMatch(r -> r.instance().equals(standbyName));
    assertThat(standby.ready()).as("a standby is ready (it must not block a Deployment rollout)").isTrue();

    leader.close();
    long stopped = System.nanoTime();
    createConfigMap("third");
    Await.until(TAKEOVER, standbyName + " reconciles after the leader stopped",
        () -> instancesSince(stopped).contains(standbyName)
            && reconciles.stream().anyMatch(r -> r.instance().equals(standbyName) && r.configMap().equals("third")),
        reconciles::toString);
    Duration takeover = Duration.ofNanos(System.nanoTime() - stopped);
    assertThat(holder("failover")).as("Lease holder after failover").isEqualTo(standby.options().identity());
    assertThat(standby.leading()).isTrue();
    assertThat(standby.alive()).as("the new leader is healthy").isTrue();

    long after = System.nanoTime();
    Await.until(Duration.ofSeconds(2), "the new leader keeps reconciling",
        () -> instancesSince(after).contains(standbyName));
    assertThat(instancesSince(stopped)).as("replicas that reconciled after %s stopped (%s)", leaderName, takeover)
        .containsExactly(standbyName);
  }

  @Test
  void aLeaderThatLosesItsLeaseStopsReconcilingAndReportsUnhealthy() throws InterruptedException {
    ControllerRuntime only = replica("usurped", "only");
    createConfigMap("watched");
    Await.until(Duration.ofSeconds(10), "the only replica leads and reconciles",
        () -> only.leading() && !reconciles.isEmpty());
    assertThat(only.alive()).isTrue();

    // Another holder renews the Lease (e.g. a replica that saw it expire during a long GC pause of this one).
    for (int attempt = 1; ; attempt++) {
      try {
        client.leases().inNamespace(NAMESPACE).withName("usurped-leader").edit(lease -> {
          lease.getSpec().setHolderIdentity("another-replica");
          lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
          lease.getSpec().setLeaseDurationSeconds(60);
          return lease;
        });
        break;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 10) {
          throw e;
        }
      }
    }

    Await.until(TAKEOVER, "the replica notices it lost the Lease", () -> !only.alive(),
        () -> "leading=" + only.leading());
    assertThat(only.leading()).isFalse();
    assertThat(only.ready()).isFalse();
    HttpClient http = HttpClient.newHttpClient();
    Await.until(Duration.ofSeconds(5), "/healthz fails", () -> {
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + only.healthPort() + "/healthz"))
            .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 503;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    });

    // It rescheduled itself every 200 ms while it led; now nothing may run (allow one reconcile in flight to end).
    Thread.sleep(500);
    long quietFrom = System.nanoTime();
    Thread.sleep(1500);
    assertThat(instancesSince(quietFrom)).as("reconciles after the Lease was lost").isEmpty();
    assertThat(holder("usurped")).isEqualTo("another-replica");
  }
}

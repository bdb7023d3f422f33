package io.zkoam.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.hotspot.DefaultExports;
import io.zkoam.runtime.health.HealthServer;
import io.zkoam.runtime.health.ReconcileMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one bootstrap every controller main uses: Java Operator SDK on the given client with server-side apply off (so
 * the same code runs on the embedded mock API and on real clusters), optional leader election on a Lease, and one
 * HTTP port for /healthz, /readyz and /metrics.
 *
 * <p>Leadership: a replica that loses its Lease without being closed (it could not renew in time, or another replica
 * took the Lease) stops reconciling at once and from then on fails /healthz and /readyz, so the kubelet restarts it
 * and it rejoins as a standby. It never calls {@code System.exit} (Java Operator SDK's default): that would kill
 * every controller of an embedded JVM, and inside a shutdown hook it blocks the JVM forever. {@link #close()} of the
 * leader is an ordinary stop; the standby takes over once the Lease expires.
 */
public final class ControllerRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerRuntime.class);

  private final ControllerOptions options;
  private final KubernetesClient client;
  private final CollectorRegistry registry;
  private final Operator operator;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicBoolean operatorStopped = new AtomicBoolean();
  private volatile boolean leading;
  private volatile boolean lostLeadership;
  private HealthServer health;

  public ControllerRuntime(ControllerOptions options, KubernetesClient client) {
    this(options, client, new CollectorRegistry(true));
  }

  public ControllerRuntime(ControllerOptions options, KubernetesClient client, CollectorRegistry registry) {
    this.options = options;
    this.client = client;
    this.registry = registry;
    ReconcileMetrics metrics = new ReconcileMetrics(options.name(), registry);
    this.operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withMetrics(metrics)
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .checkingCRDAndValidateLocalModel(false)
          .withCloseClientOnStop(false)
          .withReconciliationTerminationTimeout(Duration.ofSeconds(10));
      if (options.leaderElection()) {
        var lease = options.leaseTimings();
        o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(options.leaseName(),
            options.leaseNamespace(), lease.leaseDuration(), lease.renewDeadline(), lease.retryPeriod(),
            options.identity(), new LeaderCallbacks(this::startedLeading, this::stoppedLeading, this::newLeader),
            false));
      }
    });
  }

  /** Registers a reconciler, watching the configured namespaces (all when none). */
  public <P extends HasMetadata> ControllerRuntime register(Reconciler<P> reconciler) {
    return register(reconciler, o -> { });
  }

  public <P extends HasMetadata> ControllerRuntime register(
      Reconciler<P> reconciler, Consumer<ControllerConfigurationOverrider<P>> configuration) {
    operator.register(reconciler, o -> {
      if (!options.namespaces().isEmpty()) {
        o.settingNamespaces(options.namespaces());
      }
      configuration.accept(o);
    });
    return this;
  }

  /** Starts the operator and the health server; returns once informers are started. */
  public ControllerRuntime start() {
    operator.start();
    try {
      health = new HealthServer(options.healthAddress(), this::alive, this::ready, registry);
    } catch (IOException e) {
      stopOperator();
      throw new UncheckedIOException("cannot serve health on " + options.healthAddress(), e);
    }
    LOG.info("{} started; health and metrics on port {}", options.name(), health.port());
    return this;
  }

  /** Alive unless this replica lost its leadership without being closed; then only a restart helps. */
  public boolean alive() {
    return !lostLeadership;
  }

  /** Ready once the operator runs and all its informers are healthy (a standby waiting for the Lease too). */
  public boolean ready() {
    var info = operator.getRuntimeInfo();
    return !lostLeadership && info.isStarted() && info.allEventSourcesAreHealthy();
  }

  /** Whether this replica reconciles: it holds the Lease, or runs without leader election. */
  public boolean leading() {
    return options.leaderElection() ? leading : operator.getRuntimeInfo().isStarted() && !closing.get();
  }

  public int healthPort() {
    return health == null ? -1 : health.port();
  }

  public ControllerOptions options() {
    return options;
  }

  public KubernetesClient client() {
    return client;
  }

  public CollectorRegistry registry() {
    return registry;
  }

  /** Adds JVM metrics (memory, GC, threads) to the registry; done once per process by a main. */
  public ControllerRuntime withJvmMetrics() {
    DefaultExports.register(registry);
    return this;
  }

  private void startedLeading() {
    leading = true;
    LOG.info("{} ({}) is the leader (Lease {}/{})", options.name(), options.identity(), options.leaseNamespace(),
        options.leaseName());
  }

  private void newLeader(String identity) {
    LOG.info("{}: leader is now {}", options.name(), identity);
  }

  /** Called on close (expected) and when the Lease is lost (unexpected); may be called more than once. */
  private void stoppedLeading() {
    leading = false;
    if (closing.get() || lostLeadership) {
      return;
    }
    lostLeadership = true;
    LOG.error("{} ({}) lost the Lease {}/{}: it stops reconciling and reports unhealthy until restarted",
        options.name(), options.identity(), options.leaseNamespace(), options.leaseName());
    // This runs on the leader elector's thread, which the operator's stop waits for: stop from a thread of our own.
    Thread stopper = new Thread(this::stopOperator, options.name() + "-lost-lease");
    stopper.setDaemon(true);
    stopper.start();
  }

  private void stopOperator() {
    if (operatorStopped.compareAndSet(false, true)) {
      operator.stop();
    }
  }

  @Override
  public void close() {
    closing.set(true);
    try {
      stopOperator();
    } finally {
      if (health != null) {
        health.close();
      }
    }
  }
}

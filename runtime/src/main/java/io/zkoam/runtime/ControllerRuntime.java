package io.zkoam.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one bootstrap every controller main uses: Java Operator SDK on the given client with server-side apply off (so
 * the same code runs on the embedded mock API and on real clusters), optional leader election on a Lease, and one
 * HTTP port for /healthz, /readyz and /metrics.
 */
public final class ControllerRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerRuntime.class);

  private final ControllerOptions options;
  private final KubernetesClient client;
  private final CollectorRegistry registry;
  private final Operator operator;
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
            options.identity(), null, true));
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
      health = new HealthServer(options.healthAddress(), this::ready, registry);
    } catch (IOException e) {
      operator.stop();
      throw new UncheckedIOException("cannot serve health on " + options.healthAddress(), e);
    }
    LOG.info("{} started; health and metrics on port {}", options.name(), health.port());
    return this;
  }

  /** Ready once the operator runs and all its informers are healthy. */
  public boolean ready() {
    var info = operator.getRuntimeInfo();
    return info.isStarted() && info.allEventSourcesAreHealthy();
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

  @Override
  public void close() {
    try {
      operator.stop();
    } finally {
      if (health != null) {
        health.close();
      }
    }
  }
}

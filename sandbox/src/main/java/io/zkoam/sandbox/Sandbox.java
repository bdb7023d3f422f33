package io.zkoam.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.naming.PodLayout;
import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.runtime.ControllerOptions;
import io.zkoam.runtime.ControllerRuntime;
import io.zkoam.sandbox.api.EmbeddedApiServer;
import io.zkoam.sandbox.api.ObservedPermissions;
import io.zkoam.sandbox.api.WriteFaults;
import io.zkoam.sandbox.apps.StatefulSetSimulator;
import io.zkoam.sandbox.gc.GarbageCollector;
import io.zkoam.sandbox.check.WorkloadChecker;
import io.zkoam.sandbox.net.PodNetwork;
import io.zkoam.sandbox.net.ServiceProxy;
import io.zkoam.sandbox.node.SimulatedNode;
import io.zkoam.sandbox.node.VolumeStore;
import io.zkoam.rollout.RolloutTiming;
import io.zkoam.monitoring.MonitoringTiming;
import io.zkoam.monitoring.MonitoringTraitMain;
import io.zkoam.rollout.RolloutTraitMain;
import io.zkoam.scaler.ScalerTiming;
import io.zkoam.scaler.ScalerTraitMain;
import io.zkoam.workload.ReconcileTiming;
import io.zkoam.workload.WorkloadControllerMain;
import io.zkoam.workload.model.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system in one JVM: the embedded Kubernetes API, the simulated StatefulSet controller, node and garbage
 * collector, and zkoam's controllers, each started as its own component with its own client, exactly as its main
 * starts it. ZooKeeper servers and agents run as real processes on per-pod loopback addresses.
 */
public final class Sandbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
  /** The CRDs loaded into the embedded API (copied into the jar from deploy/crds). */
  static final List<String> CRD_RESOURCES = List.of("zookeeperclusters.zkoam.io-v1.yml",
      "scalertraits.zkoam.io-v1.yml", "rollouttraits.zkoam.io-v1.yml", "monitoringtraits.zkoam.io-v1.yml");

  /**
   * Open-schema stand-ins for prometheus-operator's CRDs, loaded only into the embedded API (never installed into an
   * external cluster), so the MonitoringTrait's objects exist in the sandbox as they would beside a real operator.
   */
  static final List<String> PROMETHEUS_OPERATOR_STAND_INS = List.of("servicemonitors", "podmonitors",
      "prometheusrules", "alertmanagerconfigs");

  private final SandboxOptions options;
  private final EmbeddedApiServer api;
  private final PodNetwork network;
  private final StatefulSetSimulator statefulSets;
  private final SimulatedNode node;
  private final GarbageCollector collector;
  private final ServiceProxy proxy;
  private final KubernetesClient client;
  /** A new client with the given User-Agent (null: fabric8's default); controllers send their names. */
  private final Function<String, KubernetesClient> clients;
  private final List<KubernetesClient> externalClients = new ArrayList<>();
  /** What the constructor started so far, closed in reverse order if it fails part-way. */
  private final java.util.Deque<AutoCloseable> parts = new java.util.ArrayDeque<>();
  private final Map<String, ControllerRuntime> controllers = new ConcurrentHashMap<>();
  private final Map<String, Supplier<ControllerRuntime>> controllerFactories = new ConcurrentHashMap<>();

  private Sandbox(SandboxOptions options) {
    this.options = options;
    try {
      Clock clock = Clock.systemUTC();
      List<JsonNode> crds = crds();
      boolean external = options.externalKubeconfig().isPresent();
      if (external) {
        String kubeconfig = readKubeconfig(options.externalKubeconfig().get());
        this.api = null;
        this.clients = userAgent -> track(new KubernetesClientBuilder().withConfig(externalConfig(kubeconfig,
            userAgent)).build());
      } else {
        List<JsonNode> served = new ArrayList<>(crds);
        served.addAll(EmbeddedApiServer.readCrds(PROMETHEUS_OPERATOR_STAND_INS.stream()
            .map(n -> resource("sandbox/prometheus-operator/" + n + ".monitoring.coreos.com.yml")).toList()));
        this.api = EmbeddedApiServer.start(served, options.apiPort(), clock);
        parts.push(api);
        this.clients = api::newClient;
      }
      this.client = clients.apply(null);
      if (external) {
        installMissingCrds(crds);
      }
      this.network = new PodNetwork(options.workDir().resolve("hosts"));
      this.statefulSets = options.statefulSetController() ? new StatefulSetSimulator(clients.apply(null)).start()
          : null;
      if (statefulSets != null) {
        parts.push(statefulSets);
      }
      this.node = new SimulatedNode(clients.apply(null), network, options.workDir(), clock, external).start();
      parts.push(node);
      // A real cluster has its own garbage collector; kubectl logs would ask a real kubelet.
      this.collector = external ? null
          : new GarbageCollector(clients.apply(null), api.catalog()).start(Duration.ofSeconds(1));
      if (collector != null) {
        parts.push(collector);
      }
      if (!external) {
        api.serveLogs(node::logFile);
      }
      this.proxy = new ServiceProxy(clients.apply(null), network).start();
      parts.push(proxy);
      controllerFactories.put(WorkloadControllerMain.NAME, () -> WorkloadControllerMain.start(
          clients.apply(WorkloadControllerMain.NAME), ControllerOptions.embedded(WorkloadControllerMain.NAME),
          new Platform(false, "cluster.local"), options.timing()));
      controllerFactories.put(ScalerTraitMain.NAME, () -> ScalerTraitMain.start(clients.apply(ScalerTraitMain.NAME),
          ControllerOptions.embedded(ScalerTraitMain.NAME), ScalerTiming.DEFAULT, options.scalerHooks().get()));
      controllerFactories.put(RolloutTraitMain.NAME, () -> RolloutTraitMain.start(
          clients.apply(RolloutTraitMain.NAME), ControllerOptions.embedded(RolloutTraitMain.NAME),
          RolloutTiming.DEFAULT, options.rolloutHooks().get()));
      controllerFactories.put(MonitoringTraitMain.NAME, () -> MonitoringTraitMain.start(
          clients.apply(MonitoringTraitMain.NAME), ControllerOptions.embedded(MonitoringTraitMain.NAME),
          MonitoringTiming.DEFAULT));
      controllerFactories.keySet().forEach(this::startController);
      controllers.values().forEach(parts::push);
      if (!external) {
        options.kubeconfigOut().ifPresent(api::writeKubeconfig);
      }
      LOG.info("sandbox API at {}, work directory {}", apiUrl(), options.workDir());
    } catch (RuntimeException e) {
      // Whatever started before the failure would otherwise keep running with no handle to stop it.
      while (!parts.isEmpty()) {
        try {
          parts.pop().close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static String readKubeconfig(Path kubeconfig) {
    try {
      return Files.readString(kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
    }
  }

  /** A fresh Config per client, so each can carry its own User-Agent. */
  private static Config externalConfig(String kubeconfig, String userAgent) {
    Config config = Config.fromKubeconfig(kubeconfig);
    if (userAgent != null) {
      config.setUserAgent(userAgent);
    }
    return config;
  }

  private synchronized KubernetesClient track(KubernetesClient c) {
    externalClients.add(c);
    return c;
  }

  /** On an external API server, zkoam's CRDs are created only where missing: nothing the cluster runs is replaced. */
  private void installMissingCrds(List<JsonNode> crds) {
    for (JsonNode crd : crds) {
      CustomResourceDefinition definition = client.getKubernetesSerialization().convertValue(crd,
          CustomResourceDefinition.class);
      if (client.apiextensions().v1().customResourceDefinitions().withName(definition.getMetadata().getName())
          .get() == null) {
        client.resource(definition).create();
      }
    }
  }

  public static Sandbox start(SandboxOptions options) {
    return new Sandbox(options);
  }

  /** A client of the embedded API, as a user or a test would use it. */
  public KubernetesClient client() {
    return client;
  }

  public String apiUrl() {
    return api != null ? api.url() : client.getMasterUrl().toString();
  }

  /** Fault injection at the embedded API (not available against an external API server). */
  public WriteFaults writeFaults() {
    if (api == null) {
      throw new IllegalStateException("write faults need the embedded API");
    }
    return api.faults();
  }

  public SimulatedNode node() {
    return node;
  }

  public Path workDir() {
    return options.workDir();
  }

  /**
   * A workload checker for a cluster: writes through the client Service's virtual address, reads back from every
   * pod, counts elections through the agents.
   */
  public WorkloadChecker checker(String namespace, String cluster, Duration pace) {
    String service = ClusterNames.clientService(cluster);
    String address = proxy.address(namespace, service).orElseThrow(() -> new IllegalStateException(
        "client Service " + namespace + "/" + service + " is not proxied yet"));
    int port = client.services().inNamespace(namespace).withName(service).get().getSpec().getPorts().get(0).getPort();
    Supplier<List<String>> podIps = () -> client.pods().inNamespace(namespace)
        .withLabel(ClusterLabels.INSTANCE, cluster).list().getItems().stream()
        .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
        .map(p -> p.getStatus().getPodIP()).toList();
    return new WorkloadChecker(address + ":" + port,
        () -> podIps.get().stream().map(ip -> ip + ":" + PodLayout.CLIENT_PORT).toList(),
        () -> podIps.get().stream().map(ip -> ip + ":" + PodLayout.AGENT_PORT).toList(),
        pace);
  }

  /** Fault injection: stops a controller (as a crashed process would) and starts a fresh one. */
  public void restartController(String name) {
    ControllerRuntime old = controllers.remove(name);
    if (old != null) {
      old.close();
    }
    startController(name);
  }

  private void startController(String name) {
    controllers.put(name, controllerFactories.get(name).get());
  }

  /**
   * Sets a ScalerTrait's voter target as {@code kubectl patch --type=merge -p '{"spec":{"replicas":N}}'} does: no
   * resourceVersion, so it never conflicts with the controller's status writes.
   */
  public void setScalerReplicas(String namespace, String scaler, int replicas) {
    client.resources(ScalerTrait.class).inNamespace(namespace).withName(scaler)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}");
  }

  /** Creates (or replaces the spec of) every object in a YAML text. */
  public List<HasMetadata> apply(String yaml) {
    List<HasMetadata> applied = new ArrayList<>();
    for (HasMetadata item : client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items()) {
      if (item.getMetadata().getNamespace() == null) {
        item.getMetadata().setNamespace("default");
      }
      applied.add(client.resource(item).createOr(existing -> existing.update()));
    }
    return applied;
  }

  /** The standalone sample of a kind, as shipped in the jar. */
  public static String sample(String file) {
    return resource("sandbox/samples/" + file);
  }

  static String resource(String name) {
    try (InputStream in = Sandbox.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    controllers.values().forEach(ControllerRuntime::close);
    controllers.clear();
    proxy.close();
    node.close();
    if (collector != null) {
      collector.close();
    }
    if (statefulSets != null) {
      statefulSets.close();
    }
    if (api != null) {
      // Each controller's client sends its name as User-Agent: what the ITs made it do, for deploy-tests' RbacTest.
      ObservedPermissions.directoryFromSystemProperty().ifPresent(dir -> api.observedPermissions()
          .writeMerged(dir, controllerFactories.keySet()));
      api.close();
    }
    externalClients.forEach(KubernetesClient::close);
    if (options.deleteWorkDirOnClose()) {
      try {
        VolumeStore.deleteTree(options.workDir());
      } catch (java.io.UncheckedIOException e) {
        LOG.debug("could not remove {}: {}", options.workDir(), e.toString());
      }
    }

  }

  /** The CRD documents, for tests that validate manifests against them. */
  static List<JsonNode> crds() {
    return EmbeddedApiServer.readCrds(CRD_RESOURCES.stream().map(n -> resource("sandbox/crds/" + n)).toList());
  }
}

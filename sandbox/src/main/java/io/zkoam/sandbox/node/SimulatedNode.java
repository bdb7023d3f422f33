package io.zkoam.sandbox.node;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.zkoam.sandbox.net.PodNetwork;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated node (the kubelet's job): every pod gets its own loopback address and runs its containers as real
 * processes (the agent, a real ZooKeeper server); probes decide readiness; crashed containers restart; a deleted pod's
 * processes are stopped before a pod of the same name may start again on the same address.
 */
public final class SimulatedNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedNode.class);
  public static final String NODE_NAME = "sandbox-node";
  private static final String CLUSTER_DOMAIN = "cluster.local";

  private final KubernetesClient client;
  private final PodNetwork network;
  private final VolumeStore volumes;
  private final Clock clock;
  private final boolean schedules;
  private final List<ContainerImage> images;
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  /** Pods deleted but still stopping: a new pod of the same name starts only once these processes are gone. */
  private final Map<String, Thread> stopping = new ConcurrentHashMap<>();
  private SharedIndexInformer<Pod> pods;
  private SharedIndexInformer<PersistentVolumeClaim> claims;

  private record Running(PodRunner runner, Thread thread, String uid) {}

  /**
   * @param schedules on an external API server: register a Node object, bind unscheduled pods to it (such a server
   *     may have no scheduler) and run only the pods bound to it; on the embedded API every pod runs here
   */
  public SimulatedNode(KubernetesClient client, PodNetwork network, Path workDir, Clock clock, boolean schedules) {
    this.client = client;
    this.network = network;
    this.volumes = new VolumeStore(workDir, client);
    this.clock = clock;
    this.schedules = schedules;
    this.images = withScripts(List.of(new AgentImage(), new ZooKeeperImage(new ZooKeeperLibraries(workDir))));
  }

  public SimulatedNode start() {
    if (schedules) {
      register();
    }
    pods = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        admit(pod);
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
          evict(key(pod), pod.getMetadata().getUid());
        } else {
          admit(pod);
        }
      }

      @Override
      public void onDelete(Pod pod, boolean unknown) {
        evict(key(pod), pod.getMetadata().getUid());
      }
    });
    claims = client.persistentVolumeClaims().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(PersistentVolumeClaim claim) {
      }

      @Override
      public void onUpdate(PersistentVolumeClaim old, PersistentVolumeClaim claim) {
      }

      @Override
      public void onDelete(PersistentVolumeClaim claim, boolean unknown) {
        volumes.removeClaim(claim.getMetadata().getNamespace(), claim.getMetadata().getName());
        LOG.info("claim {}/{} deleted with its data", claim.getMetadata().getNamespace(),
            claim.getMetadata().getName());
      }
    });
    return this;
  }

  private static List<ContainerImage> withScripts(List<ContainerImage> images) {
    List<ContainerImage> all = new java.util.ArrayList<>(images);
    all.add(new ShellScriptImage(images));
    return List.copyOf(all);
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  /** Makes this node known to the API server, Ready, with the loopback address its pods live on. */
  private void register() {
    io.fabric8.kubernetes.api.model.Node node = new io.fabric8.kubernetes.api.model.NodeBuilder()
        .withNewMetadata().withName(NODE_NAME).addToLabels("kubernetes.io/hostname", NODE_NAME).endMetadata()
        .withNewStatus().addNewCondition().withType("Ready").withStatus("True").withReason("SandboxNodeReady")
        .endCondition().addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress().endStatus()
        .build();
    if (client.nodes().withName(NODE_NAME).get() == null) {
      client.resource(node).create();
    }
  }

  private boolean runsHere(Pod pod) {
    String assigned = pod.getSpec().getNodeName();
    if (!schedules) {
      return true;
    }
    if (assigned == null || assigned.isEmpty()) {
      client.bindings().inNamespace(pod.getMetadata().getNamespace()).resource(
          new io.fabric8.kubernetes.api.model.BindingBuilder().withNewMetadata()
              .withName(pod.getMetadata().getName()).endMetadata()
              .withNewTarget().withKind("Node").withName(NODE_NAME).withApiVersion("v1").endTarget().build())
          .create();
      return false;
    }
    return NODE_NAME.equals(assigned);
  }

  private synchronized void admit(Pod pod) {
    if (!runsHere(pod)) {
      return;
    }
    String key = key(pod);
    Running current = running.get(key);
    if (current != null && current.uid().equals(pod.getMetadata().getUid())) {
      return;
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    if (current != null) {
      stopAndWait(current);
    }
    PodRunner runner = new PodRunner(client, pod, address(pod), volumes, images, network.hostsFile(), clock,
        stopping.get(key));
    Thread thread = new Thread(runner, "pod-" + pod.getMetadata().getName());
    thread.setDaemon(true);
    running.put(key, new Running(runner, thread, pod.getMetadata().getUid()));
    thread.start();
  }

  private void evict(String key, String uid) {
    Running current;
    synchronized (this) {
      current = running.get(key);
      if (current == null || !current.uid().equals(uid)) {
        return;
      }
      running.remove(key);
    }
    Thread stopper = new Thread(() -> {
      stopAndWait(current);
      stopping.remove(key, Thread.currentThread());
    }, "stop-" + key);
    stopper.setDaemon(true);
    stopping.put(key, stopper);
    stopper.start();
  }

  private static void stopAndWait(Running r) {
    r.runner().requestStop();
    try {
      r.thread().join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The pod's address: a StatefulSet pod's is stable per name and published under its headless Service. */
  private String address(Pod pod) {
    String name = pod.getMetadata().getName();
    Optional<String> set = pod.getMetadata().getOwnerReferences().stream()
        .filter(o -> "StatefulSet".equals(o.getKind())).map(o -> o.getName()).findFirst();
    String subdomain = pod.getSpec().getSubdomain();
    if (set.isPresent() && subdomain != null && name.startsWith(set.get() + "-")) {
      int ordinal = Integer.parseInt(name.substring(set.get().length() + 1));
      return network.podAddress(pod.getMetadata().getNamespace(), set.get(), subdomain, CLUSTER_DOMAIN, ordinal);
    }
    return network.podAddress(pod.getMetadata().getNamespace(), "pod-" + name, "none", CLUSTER_DOMAIN, 0);
  }

  /** Fault injection: kill -9 one container of a pod; it restarts after back-off. */
  public void crash(String namespace, String pod, String container) {
    runner(namespace, pod).crash(container);
  }

  /** Fault injection: stop one container gracefully and keep it stopped. */
  public void stopContainer(String namespace, String pod, String container) {
    runner(namespace, pod).hold(container, false);
  }

  /** Fault injection: kill -9 one container and keep it down (a crashed peer that does not come back by itself). */
  public void crashAndHold(String namespace, String pod, String container) {
    runner(namespace, pod).hold(container, true);
  }

  /** Undoes {@link #stopContainer}. */
  public void startContainer(String namespace, String pod, String container) {
    runner(namespace, pod).release(container);
  }

  /**
   * Where a container of a pod on this node writes its output, if the pod exists. Reads the informer cache, never
   * the API: the embedded API calls this while it answers a request.
   */
  public Optional<Path> logFile(String namespace, String pod, String container) {
    Pod p = pods == null ? null : pods.getStore().getByKey(namespace + "/" + pod);
    return p == null ? Optional.empty()
        : Optional.of(volumes.podDirectory(p).resolve("logs").resolve(container + ".log"));
  }

  private PodRunner runner(String namespace, String pod) {
    Running r = running.get(namespace + "/" + pod);
    if (r == null) {
      throw new IllegalArgumentException("pod " + namespace + "/" + pod + " does not run on this node");
    }
    return r.runner();
  }

  @Override
  public void close() {
    if (pods != null) {
      pods.close();
    }
    if (claims != null) {
      claims.close();
    }
    List<Running> all = List.copyOf(running.values());
    running.clear();
    all.forEach(r -> r.runner().requestStop());
    all.forEach(SimulatedNode::stopAndWait);
  }
}

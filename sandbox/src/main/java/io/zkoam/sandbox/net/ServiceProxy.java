package io.zkoam.sandbox.net;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's kube-proxy for ClusterIP Services: each gets a virtual address (published in the hosts file as
 * {@code <service>.<namespace>.svc.cluster.local}) whose ports forward TCP connections to a Ready pod the Service
 * selects, round-robin. A connection stays with its pod until either side closes, as with iptables proxying.
 */
public final class ServiceProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);

  private final KubernetesClient client;
  private final PodNetwork network;
  private final Map<String, List<ServerSocket>> listeners = new ConcurrentHashMap<>();
  private final AtomicInteger roundRobin = new AtomicInteger();
  private SharedIndexInformer<Service> services;
  private SharedIndexInformer<Pod> pods;

  public ServiceProxy(KubernetesClient client, PodNetwork network) {
    this.client = client;
    this.network = network;
  }

  public ServiceProxy start() {
    pods = client.pods().inAnyNamespace().inform();
    services = client.services().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Service service) {
        expose(service);
      }

      @Override
      public void onUpdate(Service old, Service service) {
        if (!old.getSpec().getPorts().equals(service.getSpec().getPorts())) {
          close(key(service));
          expose(service);
        }
      }

      @Override
      public void onDelete(Service service, boolean unknown) {
        close(key(service));
      }
    });
    return this;
  }

  /** The virtual address of a Service, once it is proxied. */
  public Optional<String> address(String namespace, String service) {
    return listeners.containsKey(namespace + "/" + service)
        ? Optional.of(network.serviceAddress(namespace, service)) : Optional.empty();
  }

  private static String key(Service s) {
    return s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
  }

  private synchronized void expose(Service service) {
    if ("None".equals(service.getSpec().getClusterIP()) || service.getSpec().getSelector() == null
        || listeners.containsKey(key(service))) {
      return;
    }
    String namespace = service.getMetadata().getNamespace();
    String address = network.serviceAddress(namespace, service.getMetadata().getName());
    network.publish(service.getMetadata().getName() + "." + namespace + ".svc.cluster.local", address);
    List<ServerSocket> sockets = new java.util.ArrayList<>();
    for (ServicePort port : service.getSpec().getPorts()) {
      try {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port.getPort()));
        sockets.add(socket);
        Thread acceptor = new Thread(() -> accept(socket, service, port), "proxy-" + key(service));
        acceptor.setDaemon(true);
        acceptor.start();
      } catch (IOException e) {
        LOG.warn("cannot proxy service {} port {}: {}", key(service), port.getPort(), e.toString());
      }
    }
    listeners.put(key(service), sockets);
    LOG.info("service {} proxied at {}", key(service), address);
  }

  private void accept(ServerSocket socket, Service service, ServicePort port) {
    while (!socket.isClosed()) {
      try {
        Socket inbound = socket.accept();
        Optional<InetSocketAddress> backend = backend(service, port);
        if (backend.isEmpty()) {
          inbound.close();
          continue;
        }
        Socket outbound = new Socket();
        try {
          outbound.connect(backend.get(), 2000);
        } catch (IOException e) {
          inbound.close();
          continue;
        }
        pump(inbound, outbound);
        pump(outbound, inbound);
      } catch (IOException e) {
        if (!socket.isClosed()) {
          LOG.debug("proxy accept failed: {}", e.toString());
        }
      }
    }
  }

  private Optional<InetSocketAddress> backend(Service service, ServicePort port) {
    Map<String, String> selector = service.getSpec().getSelector();
    List<Pod> ready = pods.getStore().list().stream()
        .filter(p -> service.getMetadata().getNamespace().equals(p.getMetadata().getNamespace()))
        .filter(p -> p.getMetadata().getLabels() != null
            && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
            && p.getStatus().getPodIP() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
        .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName()))
        .toList();
    if (ready.isEmpty()) {
      return Optional.empty();
    }
    Pod pod = ready.get(Math.floorMod(roundRobin.getAndIncrement(), ready.size()));
    return Optional.of(new InetSocketAddress(pod.getStatus().getPodIP(), targetPort(pod, port)));
  }

  private static int targetPort(Pod pod, ServicePort port) {
    IntOrString target = port.getTargetPort();
    if (target == null) {
      return port.getPort();
    }
    if (target.getIntVal() != null) {
      return target.getIntVal();
    }
    return pod.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
        .filter(p -> target.getStrVal().equals(p.getName())).findFirst()
        .map(p -> p.getContainerPort()).orElse(port.getPort());
  }

  private static void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // either side closed: the other side is closed below
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private void close(String key) {
    List<ServerSocket> sockets = listeners.remove(key);
    if (sockets != null) {
      sockets.forEach(s -> {
        try {
          s.close();
        } catch (IOException e) {
          // closing anyway
        }
      });
    }
  }

  @Override
  public void close() {
    List.copyOf(listeners.keySet()).forEach(this::close);
    if (services != null) {
      services.close();
    }
    if (pods != null) {
      pods.close();
    }
  }
}

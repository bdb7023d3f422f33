package io.zkoam.workload.model;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.naming.PodLayout;

/** The two Services of a cluster. */
public final class ServiceModels {
  private ServiceModels() {}

  /**
   * Headless Service for the peers' stable DNS names. It publishes not-ready addresses: peers must resolve each other
   * before any pod is Ready, because quorum comes before readiness (pravega/zookeeper-operator#76, #132, #278).
   */
  public static Service headless(ClusterInputs in) {
    return new ServiceBuilder()
        .withMetadata(in.metadata(ClusterNames.headlessService(in.name())))
        .withNewSpec()
        .withClusterIP("None")
        .withPublishNotReadyAddresses(true)
        .withSelector(ClusterLabels.selector(in.name()))
        .withPorts(
            port(PodLayout.CLIENT_PORT_NAME, PodLayout.CLIENT_PORT),
            port(PodLayout.QUORUM_PORT_NAME, PodLayout.QUORUM_PORT),
            port(PodLayout.ELECTION_PORT_NAME, PodLayout.ELECTION_PORT),
            port(PodLayout.METRICS_PORT_NAME, PodLayout.METRICS_PORT))
        .endSpec()
        .build();
  }

  /** Client Service: only serving (Ready) pods, of the type the spec asks for. */
  public static Service client(ClusterInputs in) {
    Service service = new ServiceBuilder()
        .withMetadata(in.metadata(ClusterNames.clientService(in.name())))
        .withNewSpec()
        .withType(in.spec().clientService().type().name())
        .withSelector(ClusterLabels.selector(in.name()))
        .withPorts(new ServicePortBuilder().withName(PodLayout.CLIENT_PORT_NAME)
            .withPort(in.spec().clientService().port())
            .withNewTargetPort(PodLayout.CLIENT_PORT_NAME).withProtocol("TCP").build())
        .endSpec()
        .build();
    if (!in.spec().clientService().annotations().isEmpty()) {
      service.getMetadata().setAnnotations(new java.util.TreeMap<>(in.spec().clientService().annotations()));
    }
    return service;
  }

  private static ServicePort port(String name, int port) {
    return new ServicePortBuilder().withName(name).withPort(port).withNewTargetPort(port).withProtocol("TCP").build();
  }
}

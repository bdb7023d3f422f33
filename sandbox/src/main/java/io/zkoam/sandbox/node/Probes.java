package io.zkoam.sandbox.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Runs tcpSocket and httpGet probes against a pod's address, with the probe's own timeout. */
final class Probes {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .version(HttpClient.Version.HTTP_1_1).build();

  private Probes() {}

  static boolean check(Probe probe, Container container, String podIp) {
    Duration timeout = Duration.ofSeconds(probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds());
    if (probe.getTcpSocket() != null) {
      int port = port(probe.getTcpSocket().getPort(), container);
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(podIp, port), (int) timeout.toMillis());
        return true;
      } catch (IOException e) {
        return false;
      }
    }
    if (probe.getHttpGet() != null) {
      int port = port(probe.getHttpGet().getPort(), container);
      String path = probe.getHttpGet().getPath() == null ? "/" : probe.getHttpGet().getPath();
      try {
        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + podIp + ":" + port
            + path)).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode() >= 200 && response.statusCode() < 400;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    // exec probes need a container engine; zkoam renders none, so treat them as not supported (failing).
    return false;
  }

  /** A numeric port, or a named one looked up in the container's ports (falling back to any container's name). */
  static int port(IntOrString port, Container container) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no port named " + port.getStrVal()))
        .getContainerPort();
  }
}

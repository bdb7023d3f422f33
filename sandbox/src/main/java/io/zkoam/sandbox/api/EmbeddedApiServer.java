package io.zkoam.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * The embedded Kubernetes API: fabric8's mock server in CRUD mode on 127.0.0.1, plus discovery, table output and
 * fault injection, loaded with zkoam's CRDs. Each component gets its own client, as separate processes would.
 */
public final class EmbeddedApiServer implements AutoCloseable {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** The mock server logs every request through java.util.logging; held here so the level sticks. */
  private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger(
      "io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  static final int REQUEST_TIMEOUT_MILLIS = 30_000;

  private final KubernetesMockServer server;
  private final ApiCatalog catalog = new ApiCatalog();
  private final WriteFaults faults;
  private final ObservedPermissions observed = new ObservedPermissions();
  private final SandboxDispatcher dispatcher;
  private final List<KubernetesClient> clients = new ArrayList<>();

  private EmbeddedApiServer(List<JsonNode> crds, int port, Clock clock) {
    this.faults = new WriteFaults(clock);
    List<CustomResourceDefinitionContext> contexts = new ArrayList<>();
    for (JsonNode crd : crds) {
      ApiResource r = catalog.addCrd(crd);
      contexts.add(new CustomResourceDefinitionContext.Builder().withGroup(r.group()).withVersion(r.version())
          .withPlural(r.plural()).withKind(r.kind()).withScope(r.namespaced() ? "Namespaced" : "Cluster").build());
    }
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMixedDispatcher store = new KubernetesMixedDispatcher(responses, contexts);
    dispatcher = new SandboxDispatcher(store, catalog, faults, clock, observed);
    server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (KubernetesClient admin = newClient()) {
      for (JsonNode crd : crds) {
        createCrd(admin, YAML.convertValue(crd, CustomResourceDefinition.class));
      }
    }
  }

  /**
   * Once in a few hundred sandbox starts the mock server took a request and never answered it (seen in a CI run: the
   * first CRD create waited for good). With the request timeout of {@link #newClient} such a request fails instead;
   * it is sent again, and an AlreadyExists answer means the lost one had arrived.
   */
  private static void createCrd(KubernetesClient admin, CustomResourceDefinition crd) {
    for (int attempt = 1; ; attempt++) {
      try {
        admin.resource(crd).create();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409) {
          return;
        }
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  /** Starts the API on {@code port} (0 = any free port) with the given CRD documents loaded. */
  public static EmbeddedApiServer start(List<JsonNode> crds, int port, Clock clock) {
    return new EmbeddedApiServer(crds, port, clock);
  }

  /** Reads CRD YAML documents (one CRD per document). */
  public static List<JsonNode> readCrds(List<String> yamlTexts) {
    List<JsonNode> crds = new ArrayList<>();
    for (String text : yamlTexts) {
      try {
        crds.add(YAML.readTree(text));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return crds;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  /** A new client of the embedded API with fabric8's default user agent; closed with the server. */
  public KubernetesClient newClient() {
    return newClient(null);
  }

  /**
   * A new client of the embedded API that sends {@code userAgent} (null: fabric8's default) as its User-Agent, by
   * which {@link #observedPermissions()} tells the components apart; closed with the server.
   */
  public synchronized KubernetesClient newClient(String userAgent) {
    // A request timeout, so a response the mock server never sends fails the request instead of blocking a
    // controller (or the test) for good; watches are not bound by it.
    ConfigBuilder builder = new ConfigBuilder(Config.empty()).withMasterUrl(url()).withNamespace("default")
        .withTrustCerts(true).withRequestRetryBackoffLimit(0).withRequestTimeout(REQUEST_TIMEOUT_MILLIS);
    if (userAgent != null) {
      builder.withUserAgent(userAgent);
    }
    Config config = builder.build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    clients.add(client);
    return client;
  }

  public java.util.List<ApiResource> catalog() {
    return catalog.all();
  }

  /** Serves {@code kubectl logs} from {@code files(namespace, pod, container)} (the last 512 KiB of the file). */
  public void serveLogs(LogFiles files) {
    dispatcher.logs((namespace, pod, container) -> files.find(namespace, pod, container).filter(Files::isRegularFile)
        .map(file -> {
          try {
            byte[] bytes = Files.readAllBytes(file);
            int from = Math.max(0, bytes.length - 512 * 1024);
            return new String(bytes, from, bytes.length - from, java.nio.charset.StandardCharsets.UTF_8);
          } catch (IOException e) {
            return null;
          }
        }));
  }

  /** Finds the log file of a container. */
  public interface LogFiles {
    java.util.Optional<Path> find(String namespace, String pod, String container);
  }

  /** The RBAC permissions the requests so far needed, by user agent. */
  public ObservedPermissions observedPermissions() {
    return observed;
  }

  public WriteFaults faults() {
    return faults;
  }

  /** A kubeconfig for kubectl and other tools, pointing at this API with no credentials. */
  public Path writeKubeconfig(Path file) {
    String text = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: zkoam-sandbox
          cluster:
            server: %s
        users:
        - name: zkoam-sandbox
          user: {}
        contexts:
        - name: zkoam-sandbox
          context:
            cluster: zkoam-sandbox
            user: zkoam-sandbox
            namespace: default
        current-context: zkoam-sandbox
        """.formatted(url());
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    clients.forEach(KubernetesClient::close);
    clients.clear();
    server.destroy();
  }
}

package io.zkoam.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.util.Optional;

/**
 * In front of the mock API's CRUD store: discovery documents, table output for kubectl, and injected write faults;
 * it also records the RBAC permission each request needs, by user agent ({@link ObservedPermissions}).
 * Everything else is the mock's own behaviour, with its known gaps (no server-side apply, no strategic merge patch,
 * no validation, no defaulting, no garbage collection; the sandbox adds a garbage collector of its own).
 */
final class SandboxDispatcher extends Dispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Dispatcher store;
  private final ApiCatalog catalog;
  private final Discovery discovery;
  private final WriteFaults faults;
  private final Clock clock;
  private final ObservedPermissions observed;
  private volatile ContainerLogs logs = (namespace, pod, container) -> Optional.empty();

  /** Where {@code kubectl logs} reads from: the simulated node's container log files. */
  interface ContainerLogs {
    Optional<String> read(String namespace, String pod, String container);
  }

  void logs(ContainerLogs logs) {
    this.logs = logs;
  }

  SandboxDispatcher(Dispatcher store, ApiCatalog catalog, WriteFaults faults, Clock clock,
      ObservedPermissions observed) {
    this.store = store;
    this.observed = observed;
    this.catalog = catalog;
    this.discovery = new Discovery(catalog);
    this.faults = faults;
    this.clock = clock;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String method = request.getMethod();
    String path = request.getPath();
    observed.record(request.getHeader("User-Agent"), method, path);
    if (method.equals("GET")) {
      Optional<String> document = discovery.answer(path);
      if (document.isPresent()) {
        return json(200, document.get());
      }
    }
    Optional<Integer> fault = faults.decide(method);
    if (fault.isPresent()) {
      int code = fault.get();
      return ApiStatus.failure(code, code == 409 ? "Conflict" : "InternalError", "injected by the sandbox");
    }
    if (path.startsWith("/openapi/")) {
      // No OpenAPI documents: kubectl then validates nothing client-side instead of failing on an unreadable one.
      return ApiStatus.failure(404, "NotFound", "the embedded API serves no OpenAPI documents");
    }
    if (method.equals("GET") && path.matches("^/api/v1/namespaces/[^/]+/pods/[^/]+/log(\\?.*)?$")) {
      return podLog(path);
    }
    if (method.equals("POST") && path.matches("^/api/v1/namespaces/[^/]+/(bindings|pods/[^/]+/binding)$")) {
      return bind(request);
    }
    Optional<MockResponse> scale = ScaleSubresource.handle(request, store);
    if (scale.isPresent()) {
      return scale.get();
    }
    Optional<MockResponse> stale = StaleWrites.refuseStaleStatus(request, store);
    if (stale.isPresent()) {
      return stale.get();
    }
    MockResponse response = EventFieldSelector.handle(request, store).orElseGet(() -> store.dispatch(request));
    String accept = request.getHeader("Accept");
    if (method.equals("GET") && accept != null && accept.contains("as=Table") && response.code() == 200
        && !path.contains("watch=true")) {
      return asTable(path, response);
    }
    return response;
  }

  private MockResponse asTable(String path, MockResponse response) {
    Optional<ApiResource> resource = resourceOf(path);
    if (resource.isEmpty()) {
      return response;
    }
    try {
      JsonNode body = JSON.readTree(response.getBody().readUtf8());
      return json(200, Tables.table(resource.get(), catalog.printerColumns(resource.get()), body, clock.instant()));
    } catch (Exception e) {
      return response;
    }
  }

  /** The resource a collection or object URL names: /api/v1/namespaces/ns/pods[/name] or /apis/g/v/... */
  private Optional<ApiResource> resourceOf(String path) {
    String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    String[] parts = p.split("/");
    int start;
    String groupVersion;
    if (parts.length > 2 && parts[1].equals("api")) {
      groupVersion = parts[2];
      start = 3;
    } else if (parts.length > 3 && parts[1].equals("apis")) {
      groupVersion = parts[2] + "/" + parts[3];
      start = 4;
    } else {
      return Optional.empty();
    }
    if (parts.length > start + 1 && parts[start].equals("namespaces") && parts.length > start + 2) {
      start += 2;
    }
    if (parts.length <= start) {
      return Optional.empty();
    }
    boolean subresource = parts.length > start + 2;
    return subresource ? Optional.empty() : catalog.find(groupVersion, parts[start]);
  }

  /**
   * A Binding assigns a pod to a node, which a scheduler (or the sandbox's node, on an API server without one) does;
   * the mock would store the Binding as an object instead.
   */
  private MockResponse bind(RecordedRequest request) {
    try {
      JsonNode binding = JSON.readTree(request.getBody().readUtf8());
      String namespace = request.getPath().split("/")[4];
      String pod = binding.path("metadata").path("name").asText();
      String node = binding.path("target").path("name").asText();
      String patch = "{\"spec\":{\"nodeName\":\"" + node + "\"}}";
      io.fabric8.mockwebserver.http.Buffer body = new io.fabric8.mockwebserver.http.Buffer();
      body.writeString(patch, java.nio.charset.StandardCharsets.UTF_8);
      MockResponse response = store.dispatch(new RecordedRequest("HTTP/1.1", io.fabric8.mockwebserver.dsl.HttpMethod.PATCH,
          "/api/v1/namespaces/" + namespace + "/pods/" + pod, io.fabric8.mockwebserver.http.Headers.builder()
              .add("Content-Type", "application/merge-patch+json").build(), body));
      return response.code() >= 300 ? response
          : ApiStatus.success(201);
    } catch (Exception e) {
      return ApiStatus.failure(400, "BadRequest", "unreadable Binding: " + e.getMessage());
    }
  }

  /** {@code GET .../pods/NAME/log?container=C}: the container's log file, or 404 when the node has none. */
  private MockResponse podLog(String path) {
    String[] parts = path.split("\\?", 2)[0].split("/");
    String namespace = parts[4];
    String pod = parts[6];
    String container = null;
    if (path.contains("?")) {
      for (String param : path.substring(path.indexOf('?') + 1).split("&")) {
        if (param.startsWith("container=")) {
          container = java.net.URLDecoder.decode(param.substring("container=".length()),
              java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }
    Optional<String> text = logs.read(namespace, pod, container == null ? "zookeeper" : container);
    return text.map(t -> new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(t))
        .orElseGet(() -> ApiStatus.failure(404, "NotFound", "no log for that container"));
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
  }

  @Override
  public void shutdown() {
    store.shutdown();
  }
}

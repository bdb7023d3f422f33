package io.zkoam.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Optimistic locking where the mock has none: a write that names a resourceVersion other than the object's current
 * one is refused with 409, as a real API server refuses it. The mock checks it on plain updates and patches but not
 * on the status and scale subresources, and a controller's "record the step before taking it" relies on exactly that.
 */
final class StaleWrites {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StaleWrites() {}

  /** The 409 to answer when {@code body} names a stale resourceVersion of the object at {@code objectPath}. */
  static Optional<MockResponse> refuse(JsonNode body, String objectPath, Dispatcher store) throws IOException {
    String expected = body.path("metadata").path("resourceVersion").asText("");
    if (expected.isEmpty()) {
      return Optional.empty();
    }
    MockResponse current = store.dispatch(ScaleSubresource.request(HttpMethod.GET, objectPath, null, null));
    if (current.code() != 200) {
      return Optional.of(current);
    }
    String actual = JSON.readTree(current.getBody().readUtf8()).path("metadata").path("resourceVersion").asText();
    return expected.equals(actual) ? Optional.empty()
        : Optional.of(ApiStatus.failure(409, "Conflict", "the object has been modified; please apply your changes to "
            + "the latest version and try again"));
  }

  /** A PUT of a status subresource ({@code .../status}) with a stale resourceVersion: 409; anything else: empty. */
  static Optional<MockResponse> refuseStaleStatus(io.fabric8.mockwebserver.http.RecordedRequest request,
      Dispatcher store) {
    String path = request.getPath();
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    if (!request.getMethod().equals("PUT") || !bare.endsWith("/status")) {
      return Optional.empty();
    }
    try {
      JsonNode body = JSON.readTree(request.getBody().getBytes());
      return refuse(body, bare.substring(0, bare.length() - "/status".length()), store);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}

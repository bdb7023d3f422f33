package io.zkoam.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The scale subresource as a real API server serves it: an {@code autoscaling/v1 Scale} in and out, changing only
 * {@code spec.replicas} of the parent. The mock answers /scale with the whole parent object, which kubectl and the
 * HPA cannot read, and applies a written body to the parent as it is.
 */
final class ScaleSubresource {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScaleSubresource() {}

  static Optional<MockResponse> handle(RecordedRequest request, Dispatcher store) {
    String path = request.getPath();
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    if (!bare.endsWith("/scale")) {
      return Optional.empty();
    }
    String parent = bare.substring(0, bare.length() - "/scale".length());
    try {
      MockResponse response;
      switch (request.getMethod()) {
        case "GET" -> response = store.dispatch(request(HttpMethod.GET, parent, null, null));
        case "PUT", "PATCH" -> {
          JsonNode body = JSON.readTree(request.getBody().readUtf8());
          Optional<MockResponse> conflict = StaleWrites.refuse(body, parent, store);
          if (conflict.isPresent()) {
            return conflict;
          }
          Optional<Integer> replicas = replicas(body);
          if (replicas.isEmpty()) {
            return Optional.of(status(422, "Invalid", "the scale request sets no spec.replicas"));
          }
          String patch = "{\"spec\":{\"replicas\":" + replicas.get() + "}}";
          response = store.dispatch(request(HttpMethod.PATCH, parent, "application/merge-patch+json", patch));
        }
        default -> {
          return Optional.of(status(405, "MethodNotAllowed", "scale supports get, update and patch"));
        }
      }
      if (response.code() < 200 || response.code() >= 300) {
        return Optional.of(response);
      }
      JsonNode object = JSON.readTree(response.getBody().readUtf8());
      return Optional.of(new MockResponse().setResponseCode(response.code()).setHeader("Content-Type", "application/json")
          .setBody(scale(object).toString()));
    } catch (Exception e) {
      return Optional.of(status(400, "BadRequest", "cannot read the scale request: " + e.getMessage()));
    }
  }

  /** spec.replicas of a Scale or merge patch, or the value of a JSON Patch operation on /spec/replicas. */
  static Optional<Integer> replicas(JsonNode body) {
    if (body.isArray()) {
      for (JsonNode op : body) {
        if ("/spec/replicas".equals(op.path("path").asText()) && op.path("value").isInt()) {
          return Optional.of(op.path("value").asInt());
        }
      }
      return Optional.empty();
    }
    JsonNode value = body.path("spec").path("replicas");
    return value.isInt() ? Optional.of(value.asInt()) : Optional.empty();
  }

  static ObjectNode scale(JsonNode object) {
    ObjectNode scale = JSON.createObjectNode().put("apiVersion", "autoscaling/v1").put("kind", "Scale");
    ObjectNode meta = scale.putObject("metadata");
    for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
      if (object.path("metadata").has(field)) {
        meta.set(field, object.path("metadata").get(field));
      }
    }
    scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(0));
    ObjectNode status = scale.putObject("status").put("replicas", object.path("status").path("replicas").asInt(0));
    String selector = object.path("status").path("selector").asText("");
    if (selector.isEmpty() && object.path("spec").path("selector").has("matchLabels")) {
      StringJoiner joined = new StringJoiner(",");
      Iterator<Map.Entry<String, JsonNode>> labels = object.path("spec").path("selector").path("matchLabels").fields();
      labels.forEachRemaining(e -> joined.add(e.getKey() + "=" + e.getValue().asText()));
      selector = joined.toString();
    }
    status.put("selector", selector);
    return scale;
  }

  static RecordedRequest request(HttpMethod method, String path, String contentType, String body) {
    Headers.Builder headers = Headers.builder().add("Accept", "application/json");
    if (contentType != null) {
      headers.add("Content-Type", contentType);
    }
    Buffer buffer = new Buffer();
    if (body != null) {
      buffer.writeString(body, StandardCharsets.UTF_8);
    }
    return new RecordedRequest("HTTP/1.1", method, path, headers.build(), buffer);
  }

  private static MockResponse status(int code, String reason, String message) {
    return ApiStatus.failure(code, reason, message);
  }
}

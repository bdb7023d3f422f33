package io.zkoam.sandbox.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;

/** A {@code meta/v1 Status} answer, as the API server sends for errors and for some successful writes. */
final class ApiStatus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiStatus() {}

  static MockResponse failure(int code, String reason, String message) {
    return response(code, "Failure", reason, message);
  }

  static MockResponse success(int code) {
    return response(code, "Success", null, null);
  }

  private static MockResponse response(int code, String status, String reason, String message) {
    ObjectNode body = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", status)
        .put("code", code);
    if (reason != null) {
      body.put("reason", reason);
    }
    if (message != null) {
      body.put("message", message);
    }
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(body.toString());
  }
}

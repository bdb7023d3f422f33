package io.zkoam.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Field selectors on Events by {@code involvedObject.*}, as {@code kubectl describe} sends them to list an object's
 * events. The mock API matches no such field and answers an empty list; here the list is read whole, filtered and
 * named EventList as a real API server names it.
 */
final class EventFieldSelector {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EVENTS = Pattern.compile("^(/api/v1(?:/namespaces/[^/]+)?/events)\\?(.*)$");

  private record Term(String path, String value, boolean equal) {
    boolean matches(JsonNode event) {
      JsonNode node = event;
      for (String part : path.split("\\.")) {
        node = node.path(part);
      }
      return node.asText("").equals(value) == equal;
    }
  }

  private EventFieldSelector() {}

  static Optional<MockResponse> handle(RecordedRequest request, Dispatcher store) {
    if (!request.getMethod().equals("GET")) {
      return Optional.empty();
    }
    Matcher m = EVENTS.matcher(request.getPath());
    if (!m.matches() || m.group(2).contains("watch=true")) {
      return Optional.empty();
    }
    List<String> kept = new ArrayList<>();
    List<Term> terms = new ArrayList<>();
    for (String parameter : m.group(2).split("&")) {
      if (parameter.startsWith("fieldSelector=")) {
        String selector = URLDecoder.decode(parameter.substring("fieldSelector=".length()), StandardCharsets.UTF_8);
        if (!selector.contains("involvedObject.")) {
          return Optional.empty();
        }
        for (String term : selector.split(",")) {
          boolean equal = !term.contains("!=");
          String[] kv = term.split("!=|==|=", 2);
          terms.add(new Term(kv[0].strip(), kv.length > 1 ? kv[1].strip() : "", equal));
        }
      } else {
        kept.add(parameter);
      }
    }
    if (terms.isEmpty()) {
      return Optional.empty();
    }
    String path = m.group(1) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    MockResponse all = store.dispatch(new RecordedRequest("HTTP/1.1", io.fabric8.mockwebserver.dsl.HttpMethod.GET,
        path, io.fabric8.mockwebserver.http.Headers.builder().add("Accept", "application/json").build(),
        new io.fabric8.mockwebserver.http.Buffer()));
    if (all.code() != 200) {
      return Optional.of(all);
    }
    try {
      ObjectNode list = (ObjectNode) JSON.readTree(all.getBody().readUtf8());
      ArrayNode items = JSON.createArrayNode();
      list.path("items").forEach(e -> {
        if (terms.stream().allMatch(t -> t.matches(e))) {
          items.add(e);
        }
      });
      list.set("items", items);
      // Typed clients (kubectl describe) read an EventList; the mock calls every list "List".
      list.put("kind", "EventList");
      return Optional.of(new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
          .setBody(list.toString()));
    } catch (Exception e) {
      return Optional.of(ApiStatus.failure(500, "InternalError", "cannot filter events: " + e.getMessage()));
    }
  }
}

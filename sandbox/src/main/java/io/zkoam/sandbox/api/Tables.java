package io.zkoam.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-side table output (what {@code kubectl get} asks for): a CRD's additionalPrinterColumns, the usual columns
 * for pods and events, and NAME/AGE for everything else. The mock API has no Table support; this makes {@code kubectl get zk}
 * show the same columns as a real API server would.
 */
final class Tables {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Tables() {}

  static String table(ApiResource resource, JsonNode printerColumns, JsonNode objectOrList, Instant now) {
    List<Column> columns = columns(resource, printerColumns);
    ObjectNode table = JSON.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").put("resourceVersion",
        objectOrList.path("metadata").path("resourceVersion").asText(""));
    ArrayNode definitions = table.putArray("columnDefinitions");
    columns.forEach(c -> definitions.addObject().put("name", c.name).put("type", c.type).put("format", "")
        .put("description", c.name).put("priority", 0));
    ArrayNode rows = table.putArray("rows");
    List<JsonNode> items = new ArrayList<>();
    if (objectOrList.has("items")) {
      objectOrList.path("items").forEach(items::add);
    } else {
      items.add(objectOrList);
    }
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      columns.forEach(c -> cells.add(c.value(item, now)));
      ObjectNode meta = row.putObject("object").put("kind", "PartialObjectMetadata")
          .put("apiVersion", "meta.k8s.io/v1");
      meta.set("metadata", item.path("metadata"));
    }
    return table.toString();
  }

  private static List<Column> columns(ApiResource resource, JsonNode printerColumns) {
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("Name", "string", ".metadata.name"));
    if (printerColumns != null && printerColumns.isArray() && !printerColumns.isEmpty()) {
      printerColumns.forEach(c -> columns.add(new Column(c.path("name").asText(), c.path("type").asText(),
          c.path("jsonPath").asText())));
      return columns;
    }
    if (resource.kind().equals("Pod")) {
      columns.add(new Column("Ready", "string", "#ready"));
      columns.add(new Column("Status", "string", ".status.phase"));
      columns.add(new Column("Restarts", "integer", "#restarts"));
      columns.add(new Column("Age", "date", ".metadata.creationTimestamp"));
      columns.add(new Column("IP", "string", ".status.podIP"));
      return columns;
    }
    if (resource.kind().equals("Event")) {
      columns.add(new Column("Last Seen", "date", ".lastTimestamp"));
      columns.add(new Column("Type", "string", ".type"));
      columns.add(new Column("Reason", "string", ".reason"));
      columns.add(new Column("Object", "string", "#object"));
      columns.add(new Column("Message", "string", ".message"));
      return columns;
    }
    columns.add(new Column("Age", "date", ".metadata.creationTimestamp"));
    return columns;
  }

  private record Column(String name, String type, String path) {
    JsonNode value(JsonNode item, Instant now) {
      if (path.equals("#ready")) {
        int total = item.path("spec").path("containers").size();
        int ready = 0;
        for (JsonNode s : item.path("status").path("containerStatuses")) {
          ready += s.path("ready").asBoolean() ? 1 : 0;
        }
        return JSON.getNodeFactory().textNode(ready + "/" + total);
      }
      if (path.equals("#object")) {
        JsonNode involved = item.path("involvedObject");
        return JSON.getNodeFactory().textNode(involved.path("kind").asText("").toLowerCase(java.util.Locale.ROOT)
            + "/" + involved.path("name").asText(""));
      }
      if (path.equals("#restarts")) {
        int restarts = 0;
        for (JsonNode s : item.path("status").path("containerStatuses")) {
          restarts += s.path("restartCount").asInt();
        }
        return JSON.getNodeFactory().numberNode(restarts);
      }
      JsonNode node = item;
      for (String part : path.substring(1).split("\\.")) {
        node = node.path(part);
      }
      if (node.isMissingNode() || node.isNull()) {
        return JSON.getNodeFactory().nullNode();
      }
      if (type.equals("date")) {
        return JSON.getNodeFactory().textNode(age(node.asText(), now));
      }
      return node;
    }
  }

  /** Human age as kubectl prints it: 45s, 12m, 3h, 2d. */
  static String age(String timestamp, Instant now) {
    try {
      Duration d = Duration.between(Instant.parse(timestamp), now);
      if (d.toSeconds() < 120) {
        return Math.max(0, d.toSeconds()) + "s";
      }
      if (d.toMinutes() < 120) {
        return d.toMinutes() + "m";
      }
      if (d.toHours() < 48) {
        return d.toHours() + "h";
      }
      return d.toDays() + "d";
    } catch (DateTimeParseException e) {
      return timestamp;
    }
  }
}

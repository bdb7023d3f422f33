package io.zkoam.runtime.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a controller last applied, kept on the object (as kubectl's last-applied annotation), so that a field the
 * controller stops wanting is removed instead of lingering: compare-then-patch alone only adds and changes fields.
 * Secrets are never recorded, so their data does not end up in an annotation.
 */
final class LastApplied {
  static final String ANNOTATION = "zkoam.io/last-applied";
  private static final ObjectMapper JSON = new ObjectMapper();

  private LastApplied() {}

  /** {@code desired} with the annotation holding itself (without the annotation). */
  static JsonNode record(JsonNode desired) {
    if (isSecret(desired)) {
      return desired;
    }
    ObjectNode copy = desired.deepCopy();
    ObjectNode metadata = copy.with("metadata");
    ObjectNode annotations = metadata.with("annotations");
    annotations.put(ANNOTATION, desired.toString());
    return copy;
  }

  /** Fields the live object's recorded desired state had that {@code desired} no longer has. */
  static JsonNode removedSince(JsonNode live, JsonNode desired) {
    JsonNode text = live.path("metadata").path("annotations").path(ANNOTATION);
    if (isSecret(desired) || !text.isTextual()) {
      return JSON.createObjectNode();
    }
    try {
      return JsonOverlay.removedFields(JSON.readTree(text.asText()), desired);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return JSON.createObjectNode();
    }
  }

  private static boolean isSecret(JsonNode object) {
    return "Secret".equals(object.path("kind").asText()) && "v1".equals(object.path("apiVersion").asText());
  }
}

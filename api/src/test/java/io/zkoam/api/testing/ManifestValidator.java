package io.zkoam.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a manifest the way an API server with strict field validation would: the CRD's openAPIV3Schema (as a
 * JSON schema, unknown fields refused where the schema does not preserve them) and then its CEL rules.
 * It mirrors the API server; it is not one, so a pass here is evidence, not proof.
 */
public final class ManifestValidator {
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  private ManifestValidator() {}

  /** Every problem with {@code manifest}, each naming the field path; empty when it is valid. */
  public static List<String> validate(JsonNode manifest) {
    return validate(manifest, null);
  }

  /** As {@link #validate(JsonNode)}, as an update of {@code old} (transition rules see {@code oldSelf}). */
  public static List<String> validate(JsonNode manifest, JsonNode old) {
    String kind = manifest.path("kind").asText();
    JsonNode crd = Crds.forKind(kind);
    List<String> problems = new ArrayList<>();
    String expectedApiVersion = crd.at("/spec/group").asText() + "/" + crd.at("/spec/versions/0/name").asText();
    if (!expectedApiVersion.equals(manifest.path("apiVersion").asText())) {
      problems.add("$.apiVersion: must be " + expectedApiVersion);
    }
    JsonSchema schema = SCHEMAS.computeIfAbsent(kind, k -> JsonSchemaFactory
        .getInstance(SpecVersion.VersionFlag.V7)
        .getSchema(toJsonSchema(withObjectMeta(Crds.schema(crd).deepCopy()))));
    for (ValidationMessage message : schema.validate(manifest)) {
      problems.add(message.getMessage());
    }
    if (problems.isEmpty()) {
      problems.addAll(CelRules.violations(Crds.schema(crd), manifest, old));
    }
    return problems;
  }

  /** The generated root schema leaves out the fields every object has; the API server adds them. */
  private static JsonNode withObjectMeta(JsonNode root) {
    ObjectNode properties = (ObjectNode) root.path("properties");
    properties.putObject("apiVersion").put("type", "string");
    properties.putObject("kind").put("type", "string");
    properties.putObject("metadata").put("type", "object");
    return root;
  }

  /**
   * Turns an OpenAPI v3 structural schema into a JSON schema: objects with declared properties and no
   * {@code x-kubernetes-preserve-unknown-fields} become closed (as {@code kubectl --validate=strict} treats them),
   * and Kubernetes extensions are dropped because the validator does not know them.
   */
  static JsonNode toJsonSchema(JsonNode node) {
    if (node instanceof ObjectNode object) {
      boolean preserve = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      if (object.has("properties") && !object.has("additionalProperties") && !preserve) {
        object.put("additionalProperties", false);
      }
      Iterator<String> names = object.fieldNames();
      List<String> extensions = new ArrayList<>();
      names.forEachRemaining(n -> {
        if (n.startsWith("x-kubernetes-")) {
          extensions.add(n);
        }
      });
      object.remove(extensions);
      object.forEach(ManifestValidator::toJsonSchema);
    } else if (node != null && node.isArray()) {
      node.forEach(ManifestValidator::toJsonSchema);
    }
    return node;
  }
}

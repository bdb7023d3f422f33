package io.zkoam.api.docs;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.zkoam.api.ZkoamApi;
import io.zkoam.api.testing.Crds;
import io.zkoam.api.v1alpha1.MonitoringTrait;
import io.zkoam.api.v1alpha1.RolloutTrait;
import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Writes {@code docs/reference.md}, the field reference of the four custom resources, from the CRDs the build
 * generates: every spec and status field with its type, default, validation (bounds, enums, patterns, CEL rule
 * messages) and description. Kubernetes types nested in a spec (Affinity, ResourceRequirements, Toleration, ...) are
 * one row each, pointing at the Kubernetes API reference; which schema node is such a type is read from the Java
 * types the CRDs are generated from.
 */
public final class ReferenceDocGenerator {
  static final String UPDATE_COMMAND = "mvn -pl api verify -Dzkoam.docs.update=true";
  private static final String KUBERNETES_MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
  private static final String KUBERNETES_API_REFERENCE = "https://kubernetes.io/docs/reference/kubernetes-api/";
  private static final ObjectMapper JACKSON = new ObjectMapper();

  /** Patterns shared by many fields, named instead of printed. */
  private static final Map<String, String> NAMED_PATTERNS = Map.of(
      ZkoamApi.QUANTITY_PATTERN, "a quantity, e.g. `512Mi`, `10Gi`",
      ZkoamApi.DURATION_PATTERN, "a duration, e.g. `30s`, `10m`, `1h30m`",
      ZkoamApi.NAME_PATTERN, "a DNS-1123 subdomain (an object name)",
      ZkoamApi.TIMESTAMP_PATTERN, "an RFC 3339 timestamp, e.g. `2025-01-31T12:00:00Z`");
  private static final int LONGEST_PRINTED_PATTERN = 40;

  /** The documented kinds, in the order of the document. */
  static final Map<String, Class<?>> KINDS = kinds();

  private ReferenceDocGenerator() {}

  private static Map<String, Class<?>> kinds() {
    Map<String, Class<?>> kinds = new LinkedHashMap<>();
    kinds.put(ZooKeeperCluster.KIND, ZooKeeperCluster.class);
    kinds.put("ScalerTrait", ScalerTrait.class);
    kinds.put("RolloutTrait", RolloutTrait.class);
    kinds.put("MonitoringTrait", MonitoringTrait.class);
    return kinds;
  }

  /** One table row. */
  record Row(String path, String type, String defaultValue, String validation, String description) {}

  /** The whole document. */
  public static String generate() {
    StringBuilder out = new StringBuilder();
    out.append("# Custom resource reference\n\n")
        .append("<!-- Generated from the CRDs by api/src/test/java/io/zkoam/api/docs/ReferenceDocGenerator.java.\n")
        .append("     Do not edit: a test fails when this file differs from the CRDs. Refresh it with\n")
        .append("     ").append(UPDATE_COMMAND).append(" -->\n\n")
        .append("Every field of the four zkoam custom resources (group and version `").append(ZkoamApi.API_VERSION)
        .append("`), taken from the generated CRDs in [`deploy/crds/`](../deploy/crds/). ")
        .append("**Default** is what the API server fills in when a field is left out (the controllers apply the ")
        .append("same defaults, because the embedded API defaults nothing). **Validation** lists the schema's bounds, ")
        .append("enums, patterns and CEL rules (`x-kubernetes-validations`, shown by their message); the ")
        .append("controllers check the same rules again. Kubernetes types used inside a spec are one row each; ")
        .append("their fields are in the [Kubernetes API reference](").append(KUBERNETES_API_REFERENCE)
        .append(").\n\n");
    for (String kind : KINDS.keySet()) {
      out.append("- [").append(kind).append("](#").append(kind.toLowerCase(java.util.Locale.ROOT)).append(")\n");
    }
    for (Map.Entry<String, Class<?>> kind : KINDS.entrySet()) {
      out.append('\n').append(kindSection(kind.getKey(), kind.getValue()));
    }
    return out.toString().stripTrailing() + "\n";
  }

  private static String kindSection(String kind, Class<?> type) {
    JsonNode crd = Crds.forKind(kind);
    JsonNode version = crd.at("/spec/versions/0");
    JsonNode schema = version.at("/schema/openAPIV3Schema");
    JavaType javaType = JACKSON.constructType(type);
    StringBuilder out = new StringBuilder();
    out.append("## ").append(kind).append("\n\n").append(summary(crd, version)).append("\n\n");
    for (String part : List.of("spec", "status")) {
      JsonNode node = schema.path("properties").path(part);
      if (node.isMissingNode()) {
        continue;
      }
      List<Row> rows = new ArrayList<>();
      JavaType partType = propertyTypes(javaType).get(part);
      if (partType == null) {
        throw new IllegalStateException(kind + " has no Java property " + part);
      }
      if (!validation(node, false).isEmpty() || node.hasNonNull("description")) {
        rows.add(row(part, node, false, null));
      }
      walk(part, node, partType, rows);
      out.append("### ").append(kind).append(' ').append(part).append("\n\n").append(table(rows)).append('\n');
    }
    return out.toString().stripTrailing() + "\n";
  }

  private static String summary(JsonNode crd, JsonNode version) {
    List<String> facts = new ArrayList<>();
    facts.add("`" + crd.at("/spec/group").asText() + "/" + version.path("name").asText() + "`");
    facts.add(crd.at("/spec/scope").asText().toLowerCase(java.util.Locale.ROOT));
    List<String> shortNames = texts(crd.at("/spec/names/shortNames"));
    if (!shortNames.isEmpty()) {
      facts.add("short names " + code(shortNames));
    }
    List<String> subresources = new ArrayList<>();
    JsonNode sub = version.path("subresources");
    if (sub.has("status")) {
      subresources.add("status");
    }
    if (sub.has("scale")) {
      JsonNode scale = sub.path("scale");
      subresources.add("scale (" + code(List.of(scale.path("specReplicasPath").asText().substring(1),
          scale.path("statusReplicasPath").asText().substring(1),
          scale.path("labelSelectorPath").asText().substring(1))) + ")");
    }
    if (!subresources.isEmpty()) {
      facts.add("subresources: " + String.join(", ", subresources));
    }
    List<String> columns = StreamSupport.stream(version.path("additionalPrinterColumns").spliterator(), false)
        .map(c -> c.path("name").asText() + " (`" + c.path("jsonPath").asText() + "`)")
        .toList();
    String text = String.join("; ", facts) + ".";
    if (!columns.isEmpty()) {
      text += " `kubectl get` columns: " + String.join(", ", columns) + ".";
    }
    return text;
  }

  /** Rows for the children of {@code node} (an object, a list of objects or a map of objects). */
  private static void walk(String path, JsonNode node, JavaType javaType, List<Row> rows) {
    if (node.has("properties")) {
      Map<String, JavaType> javaProperties = propertyTypes(javaType);
      Set<String> required = new HashSet<>(texts(node.path("required")));
      node.path("properties").properties().forEach(field -> {
        String name = field.getKey();
        JsonNode child = field.getValue();
        String childPath = path + "." + name;
        JavaType childType = javaProperties.get(name);
        if (childType == null) {
          throw new IllegalStateException("schema field " + childPath + " has no Java property in "
              + javaType.getRawClass().getName());
        }
        String kubernetesType = kubernetesTypeName(childType);
        rows.add(row(childPath, child, required.contains(name), kubernetesType));
        if (kubernetesType == null) {
          walk(childPath, child, childType, rows);
        }
      });
    } else if ("array".equals(node.path("type").asText()) && node.path("items").has("properties")) {
      walk(path + "[]", node.path("items"), javaType.getContentType(), rows);
    } else if (node.path("additionalProperties").has("properties")) {
      walk(path + ".<key>", node.path("additionalProperties"), javaType.getContentType(), rows);
    }
  }

  private static Row row(String path, JsonNode node, boolean required, String kubernetesType) {
    String description = prose(node.path("description").asText(""));
    if (kubernetesType != null) {
      String see = "Kubernetes `" + kubernetesType.replace("[]", "") + "`: see the [Kubernetes API]("
          + KUBERNETES_API_REFERENCE + ").";
      description = description.isEmpty() ? see : description + " " + see;
    }
    return new Row("`" + path + "`", kubernetesType != null ? kubernetesType : typeOf(node),
        defaultOf(node), validation(node, required), description);
  }

  /** The Kubernetes type name ({@code Affinity}, {@code []Toleration}) when the Java type is one; else null. */
  private static String kubernetesTypeName(JavaType type) {
    if (type.isCollectionLikeType() || type.isArrayType()) {
      String element = kubernetesTypeName(type.getContentType());
      return element == null ? null : "[]" + element;
    }
    if (type.isMapLikeType()) {
      String value = kubernetesTypeName(type.getContentType());
      return value == null ? null : "map[string]" + value;
    }
    Package pkg = type.getRawClass().getPackage();
    return pkg != null && pkg.getName().startsWith(KUBERNETES_MODEL_PACKAGE) ? type.getRawClass().getSimpleName()
        : null;
  }

  /** JSON property name → Java type, as Jackson (and so the CRD generator) sees the class. */
  private static Map<String, JavaType> propertyTypes(JavaType type) {
    BeanDescription description = JACKSON.getSerializationConfig().introspect(type);
    Map<String, JavaType> properties = new LinkedHashMap<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      properties.put(property.getName(), property.getPrimaryType());
    }
    return properties;
  }

  static String typeOf(JsonNode node) {
    if (node.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return "int-or-string";
    }
    String type = node.path("type").asText("");
    switch (type) {
      case "array":
        return "[]" + typeOf(node.path("items"));
      case "object":
        if (node.path("additionalProperties").isObject()) {
          return "map[string]" + typeOf(node.path("additionalProperties"));
        }
        return node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) ? "object (free-form)" : "object";
      case "":
        return "any";
      default:
        return type;
    }
  }

  private static String defaultOf(JsonNode node) {
    JsonNode value = node.get("default");
    if (value == null || value.isNull()) {
      return "";
    }
    return "`" + (value.isTextual() ? value.asText() : value.isNumber() ? number(value) : value.toString()) + "`";
  }

  /** Bounds, enum, pattern and CEL messages of a node; list items' own rules as "items: ...". */
  static String validation(JsonNode node, boolean required) {
    List<String> parts = new ArrayList<>();
    if (required) {
      parts.add("required");
    }
    parts.addAll(rules(node));
    if ("array".equals(node.path("type").asText()) && !node.path("items").has("properties")) {
      List<String> items = rules(node.path("items"));
      if (!items.isEmpty()) {
        parts.add("items: " + String.join(", ", items));
      }
    }
    return String.join("; ", parts);
  }

  private static List<String> rules(JsonNode node) {
    List<String> parts = new ArrayList<>();
    if (node.has("minimum") && node.has("maximum")) {
      parts.add(number(node.get("minimum")) + " to " + number(node.get("maximum")));
    } else if (node.has("minimum")) {
      parts.add("min " + number(node.get("minimum")));
    } else if (node.has("maximum")) {
      parts.add("max " + number(node.get("maximum")));
    }
    if (node.path("exclusiveMinimum").asBoolean(false)) {
      parts.add("minimum excluded");
    }
    if (node.path("exclusiveMaximum").asBoolean(false)) {
      parts.add("maximum excluded");
    }
    for (String bound : List.of("minLength", "maxLength", "minItems", "maxItems", "minProperties",
        "maxProperties")) {
      if (node.has(bound)) {
        parts.add(bound + " " + number(node.get(bound)));
      }
    }
    if (node.has("enum")) {
      parts.add("one of " + code(texts(node.get("enum"))));
    }
    if (node.has("pattern")) {
      parts.add(pattern(node.get("pattern").asText()));
    }
    for (JsonNode rule : node.path("x-kubernetes-validations")) {
      String message = rule.path("message").asText("");
      parts.add("CEL: " + (message.isEmpty() ? "`" + shorten(rule.path("rule").asText()) + "`" : prose(message)));
    }
    return parts;
  }

  /** Text from the schema as Markdown: one line, and {@code <version>} shown rather than taken for an HTML tag. */
  private static String prose(String text) {
    return text.replaceAll("\\s+", " ").strip().replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String pattern(String pattern) {
    String named = NAMED_PATTERNS.get(pattern);
    return named != null ? named : "pattern `" + shorten(pattern) + "`";
  }

  private static String shorten(String text) {
    return text.length() <= LONGEST_PRINTED_PATTERN ? text : text.substring(0, LONGEST_PRINTED_PATTERN - 1) + "…";
  }

  private static String number(JsonNode value) {
    return new BigDecimal(value.asText()).stripTrailingZeros().toPlainString();
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static String code(List<String> values) {
    return values.stream().map(v -> "`" + v + "`").collect(Collectors.joining(", "));
  }

  private static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder("| field | type | default | validation | description |\n")
        .append("|---|---|---|---|---|\n");
    for (Row row : rows) {
      out.append("| ").append(cell(row.path()))
          .append(" | ").append(cell(row.type()))
          .append(" | ").append(cell(row.defaultValue()))
          .append(" | ").append(cell(row.validation()))
          .append(" | ").append(cell(row.description()))
          .append(" |\n");
    }
    return out.toString();
  }

  /** Table cells hold no line breaks and escape the column separator (GitHub also honours it inside code). */
  private static String cell(String text) {
    return text.replace("\n", " ").replace("|", "\\|");
  }

  /** Prints the document (for a quick look: {@code java ... ReferenceDocGenerator}). */
  public static void main(String[] args) {
    System.out.print(generate());
  }
}

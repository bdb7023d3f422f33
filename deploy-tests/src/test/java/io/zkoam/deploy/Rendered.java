package io.zkoam.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The objects of a rendered manifest stream (kustomize or Helm output), each as its JSON tree. */
record Rendered(List<JsonNode> objects) {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Every YAML document of {@code text}; empty documents (comments only) are left out, as kubectl and Helm do. */
  static Rendered parse(String text) {
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      return new Rendered(it.readAll().stream().filter(n -> n != null && !n.isNull() && !n.isMissingNode()
          && !n.isEmpty()).toList());
    } catch (IOException e) {
      throw new UncheckedIOException("unparsable YAML:\n" + text, e);
    }
  }

  /** kind/namespace/name, the identity of an object in a render. */
  static String key(JsonNode object) {
    JsonNode meta = object.path("metadata");
    return object.path("kind").asText() + "/" + meta.path("namespace").asText("") + "/" + meta.path("name").asText();
  }

  static String name(JsonNode object) {
    return object.at("/metadata/name").asText();
  }

  List<JsonNode> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  Optional<JsonNode> find(String kind, String name) {
    return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst();
  }

  JsonNode get(String kind, String name) {
    return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the render"));
  }

  /** The objects by {@link #key}, in render order; fails on a duplicate. */
  Map<String, JsonNode> byKey() {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    for (JsonNode o : objects) {
      if (map.put(key(o), o) != null) {
        throw new AssertionError("rendered twice: " + key(o));
      }
    }
    return map;
  }

  Rendered without(Predicate<JsonNode> leftOut) {
    return new Rendered(objects.stream().filter(leftOut.negate()).toList());
  }

  static boolean isCrd(JsonNode o) {
    return "CustomResourceDefinition".equals(o.path("kind").asText());
  }

  static boolean isNamespace(JsonNode o) {
    return "Namespace".equals(o.path("kind").asText());
  }
}

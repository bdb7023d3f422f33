package io.zkoam.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkoam.api.testing.Manifests;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A KubeVela ComponentDefinition or TraitDefinition as its YAML file holds it. */
public record Definition(Path file, JsonNode manifest) {
  public static final String COMPONENT = "ComponentDefinition";
  public static final String TRAIT = "TraitDefinition";
  private static final Pattern OUTPUTS_KEY = Pattern.compile("(?m)^outputs:\\s*([A-Za-z_][A-Za-z0-9_-]*)\\s*:");

  /** The one definition a file holds. */
  public static Definition load(Path file) {
    List<JsonNode> docs = Manifests.documents(file);
    if (docs.size() != 1) {
      throw new IllegalStateException(file + " must hold exactly one definition, has " + docs.size());
    }
    return new Definition(file, docs.get(0));
  }

  /** A definition made in a test (a negative control), not read from a file. */
  public static Definition inline(String name, String kind, String template) {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    m.put("apiVersion", "core.oam.dev/v1beta1").put("kind", kind).putObject("metadata").put("name", name);
    m.putObject("spec").putObject("schematic").putObject("cue").put("template", template);
    return new Definition(Path.of("/inline/" + name + ".yaml"), m);
  }

  public String name() {
    return manifest.at("/metadata/name").asText();
  }

  public String kind() {
    return manifest.path("kind").asText();
  }

  public boolean isComponent() {
    return COMPONENT.equals(kind());
  }

  public JsonNode spec() {
    return manifest.path("spec");
  }

  public String template() {
    return spec().at("/schematic/cue/template").asText();
  }

  public Optional<String> healthPolicy() {
    return text(spec().at("/status/healthPolicy"));
  }

  public Optional<String> customStatus() {
    return text(spec().at("/status/customStatus"));
  }

  /** A trait's key under {@code outputs:} (what its status policies find at {@code context.outputs.<key>}). */
  public String outputsKey() {
    Matcher m = OUTPUTS_KEY.matcher(template());
    if (!m.find()) {
      throw new IllegalStateException(name() + " has no top-level 'outputs: <key>:' in its template");
    }
    return m.group(1);
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
  }

  @Override
  public String toString() {
    return name();
  }
}

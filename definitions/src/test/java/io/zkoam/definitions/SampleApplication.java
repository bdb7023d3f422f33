package io.zkoam.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkoam.api.testing.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A KubeVela Application from {@code samples/}: its components, each with its type, properties and traits. */
public record SampleApplication(Path file, String name, String namespace, List<Component> components) {

  public record Component(String name, String type, JsonNode properties, List<Trait> traits) {}

  public record Trait(String type, JsonNode properties) {}

  /** {@code samples/*.yaml} and {@code samples/platform/application-*.yaml} holding an Application. */
  public static List<SampleApplication> all() {
    Path samples = Manifests.repositoryRoot().resolve("samples");
    List<Path> files = new ArrayList<>(Manifests.yamlFiles(samples));
    Path platform = samples.resolve("platform");
    if (Files.isDirectory(platform)) {
      files.addAll(Manifests.yamlFiles(platform).stream()
          .filter(f -> f.getFileName().toString().startsWith("application-"))
          .toList());
    }
    List<SampleApplication> apps = new ArrayList<>();
    for (Path file : files) {
      for (JsonNode doc : Manifests.documents(file)) {
        if ("Application".equals(doc.path("kind").asText())) {
          apps.add(parse(file, doc));
        }
      }
    }
    return apps;
  }

  static SampleApplication parse(Path file, JsonNode app) {
    List<Component> components = new ArrayList<>();
    for (JsonNode c : app.at("/spec/components")) {
      List<Trait> traits = new ArrayList<>();
      for (JsonNode t : c.path("traits")) {
        traits.add(new Trait(t.path("type").asText(), t.has("properties") ? t.get("properties") : null));
      }
      components.add(new Component(c.path("name").asText(), c.path("type").asText(),
          c.has("properties") ? c.get("properties") : null, List.copyOf(traits)));
    }
    String namespace = app.at("/metadata/namespace").asText("");
    return new SampleApplication(file, app.at("/metadata/name").asText(),
        namespace.isEmpty() ? "default" : namespace, List.copyOf(components));
  }

  public KubeVelaContext context(Component component) {
    return new KubeVelaContext(name, namespace, component.name(), component.type());
  }

  @Override
  public String toString() {
    return Manifests.repositoryRoot().relativize(file).toString();
  }
}

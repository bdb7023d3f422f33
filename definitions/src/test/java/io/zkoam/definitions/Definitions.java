package io.zkoam.definitions;

import io.zkoam.api.testing.Manifests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The definitions zkoam ships ({@code definitions/*.yaml}) and the platform sample's own ComponentDefinition
 * ({@code samples/platform/}), looked up by name as KubeVela looks up a component or trait {@code type}.
 */
public final class Definitions {
  public static final String ZOOKEEPER = "zookeeper";
  public static final String SCALER = "zookeeper-scaler";
  public static final String ROLLOUT = "zookeeper-rollout";
  public static final String MONITORING = "zookeeper-monitoring";
  public static final String PLATFORM_SMALL = "zookeeper-small";

  private Definitions() {}

  public static Path folder() {
    return Manifests.repositoryRoot().resolve("definitions");
  }

  /** What {@code definitions/} ships, sorted by file name. */
  public static List<Definition> shipped() {
    return Manifests.yamlFiles(folder()).stream().map(Definition::load).toList();
  }

  /** ComponentDefinitions and TraitDefinitions under {@code samples/platform/}. */
  public static List<Definition> platformSamples() {
    return Manifests.yamlFiles(Manifests.repositoryRoot().resolve("samples/platform")).stream()
        .filter(f -> Manifests.documents(f).stream().allMatch(d -> d.path("kind").asText().endsWith("Definition")))
        .map(Definition::load)
        .toList();
  }

  /** Shipped and platform definitions together. */
  public static List<Definition> all() {
    List<Definition> all = new ArrayList<>(shipped());
    all.addAll(platformSamples());
    return all;
  }

  public static Optional<Definition> find(String name, String kind) {
    return all().stream().filter(d -> d.name().equals(name) && d.kind().equals(kind)).findFirst();
  }

  public static Definition component(String name) {
    return find(name, Definition.COMPONENT)
        .orElseThrow(() -> new AssertionError("no ComponentDefinition named " + name));
  }

  public static Definition trait(String name) {
    return find(name, Definition.TRAIT).orElseThrow(() -> new AssertionError("no TraitDefinition named " + name));
  }

  public static List<Definition> shippedTraits() {
    return shipped().stream().filter(d -> Definition.TRAIT.equals(d.kind())).toList();
  }
}

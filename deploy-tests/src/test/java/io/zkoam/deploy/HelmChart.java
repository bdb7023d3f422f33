package io.zkoam.deploy;

import io.zkoam.api.testing.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** deploy/helm/zkoam rendered as {@code helm template} would: values.yaml merged with overrides, every template. */
final class HelmChart {
  static final String RELEASE_NAMESPACE = "zkoam-system";

  private HelmChart() {}

  static Path directory() {
    return Manifests.repositoryRoot().resolve("deploy/helm/zkoam");
  }

  /** The chart's values.yaml as plain maps, lists and scalars. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> defaultValues() {
    try {
      return Rendered.YAML.readValue(directory().resolve("values.yaml").toFile(), LinkedHashMap.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renders into {@link #RELEASE_NAMESPACE}. */
  static Rendered render(Map<String, Object> overrides) {
    return Rendered.parse(renderText(overrides, RELEASE_NAMESPACE));
  }

  /**
   * Every template rendered with values.yaml plus {@code overrides} (dotted paths, as {@code --set} takes them; each
   * must name a value values.yaml defines), joined as separate YAML documents.
   */
  static String renderText(Map<String, Object> overrides, String releaseNamespace) {
    Map<String, Object> values = defaultValues();
    overrides.forEach((path, value) -> set(values, path, value));
    Map<String, Object> context = Map.of("Values", values, "Release", Map.of("Namespace", releaseNamespace));
    StringBuilder out = new StringBuilder();
    for (Path template : templates()) {
      try {
        out.append("---\n# Source: ").append(template.getFileName()).append('\n')
            .append(HelmTemplate.parse(template.getFileName().toString(), Files.readString(template))
                .render(context))
            .append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out.toString();
  }

  /** templates/*.yaml; any other file there (helpers, NOTES.txt) is a construct this renderer does not cover. */
  static List<Path> templates() {
    try (Stream<Path> files = Files.list(directory().resolve("templates"))) {
      List<Path> all = files.sorted().toList();
      List<Path> unsupported = all.stream().filter(f -> !f.toString().endsWith(".yaml")).toList();
      if (!unsupported.isEmpty()) {
        throw new IllegalArgumentException("templates the test renderer does not support: " + unsupported);
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void set(Map<String, Object> values, String path, Object value) {
    String[] keys = path.split("\\.");
    Map<String, Object> map = values;
    for (int i = 0; i < keys.length; i++) {
      if (!map.containsKey(keys[i])) {
        throw new IllegalArgumentException("values.yaml defines no " + path);
      }
      if (i == keys.length - 1) {
        map.put(keys[i], value);
      } else {
        map = (Map<String, Object>) map.get(keys[i]);
      }
    }
  }
}

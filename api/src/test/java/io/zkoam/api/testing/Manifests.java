package io.zkoam.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads manifests and finds the repository's folders from any module's tests. */
public final class Manifests {
  private Manifests() {}

  /** The repository root: the nearest folder above the module that holds the root pom and {@code deploy/}. */
  public static Path repositoryRoot() {
    Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("deploy")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root above " + dir);
  }

  /** All YAML documents of a file, empty documents skipped. */
  public static List<JsonNode> documents(Path file) {
    try (MappingIterator<JsonNode> it = Crds.YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      return it.readAll().stream().filter(n -> n != null && !n.isNull() && !n.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** YAML files directly in a folder, sorted by name. */
  public static List<Path> yamlFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text after {@code # expect: } on a manifest's first line. */
  public static String expectation(Path file) {
    try {
      String first = Files.readAllLines(file).get(0);
      if (!first.startsWith("# expect: ")) {
        throw new IllegalStateException(file + " must start with '# expect: <message>'");
      }
      return first.substring("# expect: ".length()).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

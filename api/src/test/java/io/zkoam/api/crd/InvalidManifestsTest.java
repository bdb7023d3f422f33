package io.zkoam.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkoam.api.testing.ManifestValidator;
import io.zkoam.api.testing.Manifests;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest under invalid-manifests/ (and every update under invalid-updates/) is refused, with a message that
 * names the field; the file's first line says which message.
 */
class InvalidManifestsTest {

  static List<Path> invalidManifests() throws URISyntaxException {
    return Manifests.yamlFiles(folder("invalid-manifests"));
  }

  static List<Path> invalidUpdates() throws URISyntaxException {
    return Manifests.yamlFiles(folder("invalid-updates"));
  }

  private static Path folder(String name) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(InvalidManifestsTest.class.getClassLoader().getResource(name)).toURI());
  }

  @Test
  void thereAreAtLeastFifteenBadManifests() throws Exception {
    assertThat(invalidManifests()).hasSizeGreaterThanOrEqualTo(15);
  }

  @ParameterizedTest
  @MethodSource("invalidManifests")
  void refusedNamingTheField(Path file) {
    List<JsonNode> docs = Manifests.documents(file);
    assertThat(docs).hasSize(1);
    assertThat(ManifestValidator.validate(docs.get(0)))
        .as("problems reported for %s", file.getFileName())
        .anySatisfy(p -> assertThat(p).contains(Manifests.expectation(file)));
  }

  @ParameterizedTest
  @MethodSource("invalidUpdates")
  void updateRefusedNamingTheField(Path file) {
    List<JsonNode> docs = Manifests.documents(file);
    assertThat(docs).hasSize(2);
    JsonNode old = docs.get(0);
    JsonNode updated = docs.get(1);
    assertThat(ManifestValidator.validate(old)).as("the stored object itself is valid").isEmpty();
    assertThat(ManifestValidator.validate(updated)).as("the new object alone (a create) is valid").isEmpty();
    assertThat(ManifestValidator.validate(updated, old))
        .as("problems reported for the update in %s", file.getFileName())
        .anySatisfy(p -> assertThat(p).contains(Manifests.expectation(file)));
  }
}

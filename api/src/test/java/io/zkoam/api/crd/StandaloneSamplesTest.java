package io.zkoam.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.zkoam.api.testing.Crds;
import io.zkoam.api.testing.ManifestValidator;
import io.zkoam.api.testing.Manifests;
import io.zkoam.api.v1alpha1.MonitoringTrait;
import io.zkoam.api.v1alpha1.RolloutTrait;
import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The plain CRs users apply with kubectl deserialize into the types and pass the generated schema and rules. */
class StandaloneSamplesTest {
  private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
      ZooKeeperCluster.KIND, ZooKeeperCluster.class,
      ScalerTrait.KIND, ScalerTrait.class,
      RolloutTrait.KIND, RolloutTrait.class,
      MonitoringTrait.KIND, MonitoringTrait.class);

  static List<Path> samples() {
    return Manifests.yamlFiles(Manifests.repositoryRoot().resolve("samples/standalone"));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void sampleDeserializesAndValidates(Path file) throws Exception {
    List<JsonNode> docs = Manifests.documents(file);
    assertThat(docs).as("documents in %s", file).isNotEmpty();
    for (JsonNode doc : docs) {
      Class<? extends HasMetadata> type = TYPES.get(doc.path("kind").asText());
      if (type == null) {
        continue;
      }
      HasMetadata typed = Crds.YAML.treeToValue(doc, type);
      assertThat(typed.getMetadata().getName()).isNotBlank();
      assertThat(ManifestValidator.validate(doc)).as("problems in %s", file).isEmpty();
    }
  }

  @Test
  void everyKindHasAStandaloneSample() {
    Set<String> kinds = samples().stream()
        .flatMap(f -> Manifests.documents(f).stream())
        .map(d -> d.path("kind").asText())
        .collect(Collectors.toSet());
    assertThat(kinds).containsAll(TYPES.keySet());
  }
}

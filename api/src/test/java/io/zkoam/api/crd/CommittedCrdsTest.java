package io.zkoam.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkoam.api.testing.Crds;
import io.zkoam.api.testing.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * deploy/crds/ (and the Helm chart's crds/) hold a copy of what the build generates, so the install tree and reviews
 * see the real CRDs. The build is the only source: refresh the copies with
 * {@code mvn -pl api verify -Dzkoam.crds.update=true}.
 */
class CommittedCrdsTest {
  static final java.util.List<String> NAMES = Crds.NAMES;

  static final java.util.List<String> COPIES = java.util.List.of("deploy/crds", "deploy/helm/zkoam/crds");

  @ParameterizedTest
  @FieldSource("NAMES")
  void committedCopiesMatchTheBuild(String name) throws IOException {
    for (String dir : COPIES) {
      committedCopyMatchesTheBuild(Manifests.repositoryRoot().resolve(dir).resolve(Crds.fileName(name)), name);
    }
  }

  private static void committedCopyMatchesTheBuild(Path committed, String name) throws IOException {
    String generated = Crds.generatedText(name);
    if (Boolean.getBoolean("zkoam.crds.update")) {
      Files.writeString(committed, generated);
    }
    assertThat(committed).as("committed CRD; refresh with: mvn -pl api verify -Dzkoam.crds.update=true").exists();
    assertThat(Files.readString(committed))
        .as("%s differs from the generated CRD; refresh with: mvn -pl api verify -Dzkoam.crds.update=true",
            committed)
        .isEqualTo(generated);
  }
}

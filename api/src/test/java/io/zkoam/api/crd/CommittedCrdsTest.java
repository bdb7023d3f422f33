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
 * deploy/crds/ holds a copy of what the build generates, so the install tree and reviews see the real CRDs. The build
 * is the only source: refresh the copy with {@code mvn -pl api verify -Dzkoam.crds.update=true}.
 */
class CommittedCrdsTest {
  static final java.util.List<String> NAMES = Crds.NAMES;

  @ParameterizedTest
  @FieldSource("NAMES")
  void committedCopyMatchesTheBuild(String name) throws IOException {
    Path committed = Manifests.repositoryRoot().resolve("deploy/crds").resolve(Crds.fileName(name));
    String generated = Crds.generatedText(name);
    if (Boolean.getBoolean("zkoam.crds.update")) {
      Files.writeString(committed, generated);
    }
    assertThat(committed).as("committed CRD; refresh with: mvn -pl api verify -Dzkoam.crds.update=true").exists();
    assertThat(Files.readString(committed))
        .as("deploy/crds/%s differs from the generated CRD; refresh with: mvn -pl api verify -Dzkoam.crds.update=true",
            committed.getFileName())
        .isEqualTo(generated);
  }
}

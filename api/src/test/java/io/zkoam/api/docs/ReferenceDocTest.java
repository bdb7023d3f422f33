package io.zkoam.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkoam.api.testing.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/reference.md is generated from the CRDs, so a reader of the docs sees every field the API server accepts. The
 * CRDs are the only source: refresh the file with {@code mvn -pl api verify -Dzkoam.docs.update=true}.
 */
class ReferenceDocTest {
  private static final String GENERATED = ReferenceDocGenerator.generate();

  @Test
  void committedReferenceMatchesTheCrds() throws IOException {
    Path committed = Manifests.repositoryRoot().resolve("docs/reference.md");
    if (Boolean.getBoolean("zkoam.docs.update")) {
      Files.createDirectories(committed.getParent());
      Files.writeString(committed, GENERATED);
    }
    assertThat(committed).as("docs/reference.md; create it with: %s", ReferenceDocGenerator.UPDATE_COMMAND)
        .exists();
    assertThat(Files.readString(committed))
        .as("docs/reference.md differs from the CRDs; refresh it with: %s", ReferenceDocGenerator.UPDATE_COMMAND)
        .isEqualTo(GENERATED);
  }

  @Test
  void everyKindHasASpecAndAStatusTable() {
    for (String kind : ReferenceDocGenerator.KINDS.keySet()) {
      assertThat(GENERATED).contains("## " + kind + "\n", "### " + kind + " spec\n", "### " + kind + " status\n");
    }
  }

  @Test
  void nestedFieldsCarryTypeDefaultAndValidation() {
    assertThat(row("spec.storage.reclaimPolicy.whenDeleted"))
        .isEqualTo("| `spec.storage.reclaimPolicy.whenDeleted` | string | `Retain` | one of `Delete`, `Retain` | "
            + "Claims when the ZooKeeperCluster is deleted. |");
    assertThat(row("spec.replicas")).contains("| integer | `3` | 1 to 9 |");
    assertThat(row("spec.storage.size")).contains("| `10Gi` | a quantity, e.g. `512Mi`, `10Gi` |");
    assertThat(row("spec.storage")).contains("CEL: storage.size may grow but not shrink");
    assertThat(row("spec.workloadRef.name")).contains("required; a DNS-1123 subdomain");
    assertThat(row("spec.rules.extraRules[].for")).contains("a duration");
    assertThat(row("spec.alerting.severities")).contains("| []string |", "items: one of `critical`, `info`, `warning`");
    assertThat(row("spec.config")).contains("| map[string]string |");
    assertThat(row("status.members[].role")).contains("one of `observer`, `participant`");
  }

  @Test
  void kubernetesTypesAreOneRowEach() {
    assertThat(row("spec.pod.affinity")).contains("| Affinity |", "see the [Kubernetes API]");
    assertThat(row("spec.pod.tolerations")).contains("| []Toleration |");
    assertThat(row("spec.pod.topologySpreadConstraints")).contains("| []TopologySpreadConstraint |");
    assertThat(row("spec.pod.securityContext")).contains("| PodSecurityContext |");
    assertThat(row("spec.resources")).contains("| ResourceRequirements |");
    assertThat(GENERATED).doesNotContain("`spec.pod.affinity.", "`spec.resources.", "`spec.pod.tolerations[]");
  }

  /** The one table row of a field (the first, ZooKeeperCluster's, when several kinds have it). */
  private static String row(String path) {
    List<String> rows = GENERATED.lines().filter(l -> l.startsWith("| `" + path + "` |")).toList();
    assertThat(rows).as("rows of %s", path).isNotEmpty();
    return rows.get(0);
  }
}

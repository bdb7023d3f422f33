package io.zkoam.workload.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.zkoam.workload.Fixtures;
import io.zkoam.workload.model.ClusterInputs;
import io.zkoam.workload.model.Membership;
import io.zkoam.workload.model.Platform;
import io.zkoam.workload.model.StatefulSetModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {
  private static List<SpecProblem> problems(String spec) {
    return SpecValidator.validate(Fixtures.cluster("a", spec).getSpec(), null);
  }

  private static StatefulSet liveFor(String spec) {
    var zk = Fixtures.cluster("a", spec);
    return StatefulSetModel.build(new ClusterInputs(zk, Platform.KUBERNETES, Membership.bootstrap("a", "ns", "c", 3)),
        "h", 3, null);
  }

  @Test
  void theSampleIsValid() {
    assertThat(SpecValidator.validate(Fixtures.sampleCluster().getSpec(), null)).isEmpty();
  }

  @Test
  void whatTheSchemaAlsoRefusesIsRefusedHereWithTheField() {
    assertThat(problems("replicas: 0")).extracting(SpecProblem::field).containsExactly("spec.replicas");
    assertThat(problems("version: latest")).extracting(SpecProblem::field).containsExactly("spec.version");
    assertThat(problems("config: {skipACL: 'yes'}")).extracting(SpecProblem::field)
        .containsExactly("spec.config.skipACL");
    assertThat(problems("config: {server.9: x}")).extracting(SpecProblem::field).containsExactly("spec.config.server.9");
    assertThat(problems("storage: {size: lots}")).extracting(SpecProblem::field).containsExactly("spec.storage.size");
    assertThat(problems("resources: {limits: {memory: 1GB}}")).extracting(SpecProblem::field)
        .containsExactly("spec.resources.limits.memory");
  }

  @Test
  void aHeapThatDoesNotFitTheLimitIsRefused() {
    assertThat(problems("resources: {limits: {memory: 1Gi}}\njvm: {heap: 1Gi}"))
        .singleElement().satisfies(p -> {
          assertThat(p.field()).isEqualTo("spec.jvm.heap");
          assertThat(p.message()).contains("1024 MiB", "1Gi");
        });
    assertThat(problems("resources: {limits: {memory: 1Gi}}\njvm: {heap: 700Mi}")).isEmpty();
  }

  @Test
  void storageMayGrowButNotShrinkOrChangeClassOrKind() {
    StatefulSet live = liveFor("storage: {size: 10Gi, storageClassName: fast}");
    assertThat(SpecValidator.validate(Fixtures.cluster("a", "storage: {size: 20Gi, storageClassName: fast}")
        .getSpec(), live)).isEmpty();
    assertThat(SpecValidator.validate(Fixtures.cluster("a", "storage: {size: 5Gi, storageClassName: fast}")
        .getSpec(), live)).extracting(SpecProblem::field).containsExactly("spec.storage.size");
    assertThat(SpecValidator.validate(Fixtures.cluster("a", "storage: {size: 10Gi, storageClassName: slow}")
        .getSpec(), live)).extracting(SpecProblem::field).containsExactly("spec.storage.storageClassName");
    assertThat(SpecValidator.validate(Fixtures.cluster("a", "storage: {ephemeral: true}").getSpec(), live))
        .extracting(SpecProblem::field).containsExactly("spec.storage.ephemeral");
  }
}

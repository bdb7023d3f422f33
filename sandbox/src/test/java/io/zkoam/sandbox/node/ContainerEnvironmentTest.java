package io.zkoam.sandbox.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerEnvironmentTest {
  private final Pod pod = new PodBuilder().withNewMetadata().withName("zk-1").withNamespace("prod").withUid("u1")
      .endMetadata().build();

  @Test
  void downwardApiFieldsValuesAndReferencesResolveInOrder() {
    Container c = new ContainerBuilder().withName("init")
        .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
        .endFieldRef().endValueFrom().endEnv()
        .addNewEnv().withName("POD_IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP")
        .endFieldRef().endValueFrom().endEnv()
        .addNewEnv().withName("POD_NAMESPACE").withNewValueFrom().withNewFieldRef()
        .withFieldPath("metadata.namespace").endFieldRef().endValueFrom().endEnv()
        .addNewEnv().withName("CLAIM").withValue("data-$(POD_NAME)").endEnv()
        .addNewEnv().withName("LATER").withValue("$(NOT_YET)-$(UNKNOWN)").endEnv()
        .addNewEnv().withName("NOT_YET").withValue("x").endEnv()
        .build();
    Map<String, String> env = ContainerEnvironment.of(pod, c, "127.10.0.2");
    assertThat(env).containsEntry("POD_NAME", "zk-1").containsEntry("POD_IP", "127.10.0.2")
        .containsEntry("POD_NAMESPACE", "prod").containsEntry("CLAIM", "data-zk-1")
        .as("references to later or unknown variables stay as written, as in Kubernetes")
        .containsEntry("LATER", "$(NOT_YET)-$(UNKNOWN)");
  }
}

package io.zkoam.workload.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.workload.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of every builder: the complete objects for a cluster, as YAML, compared with files a reviewer reads.
 * After an intended change: {@code mvn -pl workload-controller test -Dzkoam.golden.update=true}, then review the diff.
 */
class DesiredChildrenGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  private static String render(ClusterInputs in) {
    DesiredChildren desired = DesiredChildren.of(in, null);
    List<HasMetadata> objects = new ArrayList<>(List.of(desired.configMap(), desired.headlessService(),
        desired.clientService(), desired.statefulSet()));
    if (desired.disruptionBudget() != null) {
      objects.add(desired.disruptionBudget());
    }
    StringBuilder yaml = new StringBuilder();
    objects.stream().filter(Objects::nonNull).forEach(o -> yaml.append(Fixtures.SERIALIZATION.asYaml(o)));
    return yaml.toString();
  }

  private static void assertGolden(String file, String actual) throws IOException {
    Path golden = GOLDEN.resolve(file);
    if (Boolean.getBoolean("zkoam.golden.update")) {
      Files.writeString(golden, actual);
    }
    assertThat(golden).as("golden file; create it with -Dzkoam.golden.update=true").exists();
    assertThat(actual).as("rendering differs from %s (-Dzkoam.golden.update=true after review)", golden)
        .isEqualTo(Files.readString(golden));
  }

  @Test
  void sampleClusterOnKubernetes() throws IOException {
    ZooKeeperCluster zk = Fixtures.sampleCluster();
    Membership bootstrap = Membership.bootstrap("zk", "prod", "cluster.local", 3);
    assertGolden("sample-kubernetes.yaml", render(new ClusterInputs(zk, Platform.KUBERNETES, bootstrap)));
  }

  @Test
  void ephemeralWithExporterOnOpenShift() throws IOException {
    ZooKeeperCluster zk = Fixtures.cluster("edge", """
        replicas: 1
        version: 3.8.4
        storage: {ephemeral: true}
        exporter: {enabled: true}
        disruptionBudget: {enabled: false}
        pod:
          antiAffinity: Required
          nodeSelector: {disk: ssd}
          priorityClassName: high
        clientService: {type: LoadBalancer, port: 12181, annotations: {lb: internal}}
        jvm: {heap: 256Mi, extraOptions: ["-XX:+UseG1GC"]}
        """);
    Membership membership = Membership.bootstrap("edge", "ns", "corp.local", 1);
    assertGolden("edge-openshift.yaml", render(new ClusterInputs(zk, new Platform(true, "corp.local"), membership)));
  }
}

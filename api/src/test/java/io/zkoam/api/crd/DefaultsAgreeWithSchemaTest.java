package io.zkoam.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.CustomResource;
import io.zkoam.api.testing.Crds;
import io.zkoam.api.v1alpha1.MonitoringTrait;
import io.zkoam.api.v1alpha1.RolloutTrait;
import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The embedded API does no defaulting, so the Java types default the same fields themselves. This keeps the two
 * lists of defaults (schema and Java) from drifting: a minimal object read into Java carries every schema default.
 */
class DefaultsAgreeWithSchemaTest {
  private static final String REF = "workloadRef: {kind: ZooKeeperCluster, name: zk}";

  static Stream<Arguments> minimalObjects() {
    return Stream.of(
        Arguments.of(ZooKeeperCluster.class, "{}"),
        Arguments.of(ScalerTrait.class, "{replicas: 3, " + REF + "}"),
        Arguments.of(RolloutTrait.class, "{" + REF + "}"),
        Arguments.of(MonitoringTrait.class, "{" + REF + "}"));
  }

  @ParameterizedTest
  @MethodSource("minimalObjects")
  void javaDefaultsMatchSchemaDefaults(Class<? extends CustomResource<?, ?>> type, String spec) throws Exception {
    String kind = type.getSimpleName();
    String yaml = "apiVersion: zkoam.io/v1alpha1\nkind: " + kind + "\nmetadata: {name: x}\nspec: " + spec + "\n";
    CustomResource<?, ?> resource = Crds.YAML.readValue(yaml, type);
    JsonNode javaSpec = Crds.YAML.valueToTree(resource.getSpec());
    JsonNode schemaSpec = Crds.schema(Crds.forKind(kind)).at("/properties/spec");
    List<String> mismatches = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    compare(schemaSpec, javaSpec, "spec", mismatches, checked);
    assertThat(checked).as("defaults checked for %s", kind).isNotEmpty();
    assertThat(mismatches).isEmpty();
  }

  private static void compare(JsonNode schema, JsonNode value, String path, List<String> mismatches,
      List<String> checked) {
    schema.path("properties").fields().forEachRemaining(e -> {
      JsonNode property = e.getValue();
      JsonNode actual = value.path(e.getKey());
      String at = path + "." + e.getKey();
      if (property.has("default")) {
        checked.add(at);
        JsonNode expected = property.get("default");
        boolean same = expected.isNumber() && actual.isNumber()
            ? expected.decimalValue().compareTo(actual.decimalValue()) == 0
            : expected.equals(actual);
        if (!same) {
          mismatches.add(at + ": schema default " + expected + ", Java default " + actual);
        }
      }
      if (actual.isObject()) {
        compare(property, actual, at, mismatches, checked);
      }
    });
  }
}

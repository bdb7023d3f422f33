package io.zkoam.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample Application rendered through the definitions its components and traits name (zookeeper* from
 * definitions/, zookeeper-small from samples/platform/), as KubeVela would: components first, then each trait with
 * the component's output as context.output. Every rendered object must pass the generated CRD schemas.
 */
class SampleApplicationsTest {
  private static final Map<String, CueResult> results = new HashMap<>();

  static List<SampleApplication> applications() {
    return SampleApplication.all();
  }

  static String componentId(SampleApplication app, SampleApplication.Component c) {
    return app.name() + "." + c.name();
  }

  static String traitId(SampleApplication app, SampleApplication.Component c, SampleApplication.Trait t) {
    return componentId(app, c) + "." + t.type();
  }

  @BeforeAll
  static void render() {
    CueEngine engine = CueEngine.require();
    KubeVelaRenderer components = new KubeVelaRenderer("samples-components");
    for (SampleApplication app : applications()) {
      for (SampleApplication.Component c : app.components()) {
        components.component(componentId(app, c), Definitions.component(c.type()), c.properties(), app.context(c));
      }
    }
    results.putAll(components.run(engine));

    KubeVelaRenderer traits = new KubeVelaRenderer("samples-traits");
    for (SampleApplication app : applications()) {
      for (SampleApplication.Component c : app.components()) {
        CueResult workload = results.get(componentId(app, c));
        if (!workload.ok()) {
          continue; // reported by the component test
        }
        for (SampleApplication.Trait t : c.traits()) {
          traits.trait(traitId(app, c, t), Definitions.trait(t.type()), t.properties(), app.context(c),
              workload.json());
        }
      }
    }
    results.putAll(traits.run(engine));
  }

  @Test
  void samplesExistAndUseEveryDefinition() {
    Set<String> types = new TreeSet<>();
    for (SampleApplication app : applications()) {
      for (SampleApplication.Component c : app.components()) {
        types.add(c.type());
        c.traits().forEach(t -> types.add(t.type()));
      }
    }
    assertThat(applications()).extracting(SampleApplication::toString).contains(
        "samples/application-minimal.yaml", "samples/application-full.yaml", "samples/platform/application-small.yaml");
    assertThat(types).containsExactlyInAnyOrder(Definitions.ZOOKEEPER, Definitions.SCALER, Definitions.ROLLOUT,
        Definitions.MONITORING, Definitions.PLATFORM_SMALL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("applications")
  void everyComponentRendersAValidZooKeeperCluster(SampleApplication app) {
    assertThat(app.components()).isNotEmpty();
    for (SampleApplication.Component c : app.components()) {
      JsonNode out = results.get(componentId(app, c)).json();
      assertThat(out.path("kind").asText()).isEqualTo("ZooKeeperCluster");
      assertThat(out.at("/metadata/name").asText()).isEqualTo(c.name());
      ComponentRenderTest.assertValid(out);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("applications")
  void everyTraitRendersOneValidObjectBoundToItsComponent(SampleApplication app) {
    for (SampleApplication.Component c : app.components()) {
      JsonNode workload = results.get(componentId(app, c)).json();
      for (SampleApplication.Trait t : c.traits()) {
        Definition def = Definitions.trait(t.type());
        JsonNode outputs = results.get(traitId(app, c, t)).json();
        assertThat(outputs.size()).as("objects emitted by %s on %s", t.type(), c.name()).isEqualTo(1);
        JsonNode object = outputs.path(def.outputsKey());
        assertThat(object.path("kind").asText()).isEqualTo(TraitRenderTest.KINDS.get(t.type()));
        assertThat(object.at("/metadata/name").asText()).isEqualTo(c.name());
        assertThat(object.at("/spec/workloadRef/apiVersion").asText()).isEqualTo(workload.path("apiVersion").asText());
        assertThat(object.at("/spec/workloadRef/kind").asText()).isEqualTo(workload.path("kind").asText());
        assertThat(object.at("/spec/workloadRef/name").asText()).isEqualTo(workload.at("/metadata/name").asText());
        ComponentRenderTest.assertValid(object);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("applications")
  void aComponentWithAScalerDoesNotRenderReplicas(SampleApplication app) {
    for (SampleApplication.Component c : app.components()) {
      if (c.traits().stream().anyMatch(t -> t.type().equals(Definitions.SCALER))) {
        JsonNode out = results.get(componentId(app, c)).json();
        assertThat(out.path("spec").has("replicas"))
            .as("%s renders spec.replicas, which KubeVela would re-apply over the scaler's count", c.name())
            .isFalse();
      }
    }
  }
}

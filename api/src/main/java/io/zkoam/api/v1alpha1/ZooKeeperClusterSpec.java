package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.Map;

/**
 * What the user wants of one ensemble. Fields the API server defaults are defaulted here too, because the embedded
 * API (and any client that skips the schema) hands controllers the object as written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(value = ZooKeeperConfigKeys.RULE, message = ZooKeeperConfigKeys.RULE_MESSAGE)
@ValidationRule(value = ZooKeeperConfigKeys.KEY_RULE, message = ZooKeeperConfigKeys.KEY_RULE_MESSAGE)
public record ZooKeeperClusterSpec(
    @JsonPropertyDescription("Number of ZooKeeper pods (the scale subresource). Pods beyond the voting members stay "
        + "non-voting until a ScalerTrait adds them.")
    @SpecReplicas @Min(1) @Max(9) @Default("3")
    Integer replicas,

    @JsonPropertyDescription("ZooKeeper version; selects the official zookeeper:<version> image.")
    @Pattern("^3\\.[89]\\.[0-9]+$") @Default(Defaults.VERSION)
    String version,

    @JsonPropertyDescription("Full image reference that replaces zookeeper:<version>, e.g. for a mirror registry.")
    String image,

    @JsonPropertyDescription("Image pull policy of the ZooKeeper container.")
    PullPolicy imagePullPolicy,

    @JsonPropertyDescription("CPU and memory of the ZooKeeper container; the heap is derived from the memory limit.")
    ResourceRequirements resources,

    @JsonPropertyDescription("JVM settings of the ZooKeeper server.")
    JvmSpec jvm,

    @JsonPropertyDescription("Data volume of each pod.")
    StorageSpec storage,

    @JsonPropertyDescription("zoo.cfg overrides, e.g. tickTime or maxClientCnxns. Keys zkoam owns (membership, ports, "
        + "data dirs, reconfig, auth) are refused.")
    Map<String, String> config,

    @JsonPropertyDescription("Scheduling and metadata of the pods.")
    PodPolicy pod,

    @JsonPropertyDescription("The Service clients connect to.")
    ClientServiceSpec clientService,

    @JsonPropertyDescription("PodDisruptionBudget of the ensemble (maxUnavailable 1).")
    DisruptionBudgetSpec disruptionBudget,

    @JsonPropertyDescription("The zkoam agent sidecar (HTTP API used by probes and traits).")
    AgentSpec agent,

    @JsonPropertyDescription("Optional standalone Prometheus exporter sidecar; ZooKeeper's own metrics endpoint is "
        + "always on.")
    ExporterSpec exporter) {

  public ZooKeeperClusterSpec {
    replicas = replicas == null ? Defaults.REPLICAS : replicas;
    version = version == null ? Defaults.VERSION : version;
    jvm = jvm == null ? JvmSpec.DEFAULT : jvm;
    storage = storage == null ? StorageSpec.DEFAULT : storage;
    config = config == null ? Map.of() : Map.copyOf(config);
    pod = pod == null ? PodPolicy.DEFAULT : pod;
    clientService = clientService == null ? ClientServiceSpec.DEFAULT : clientService;
    disruptionBudget = disruptionBudget == null ? DisruptionBudgetSpec.DEFAULT : disruptionBudget;
    agent = agent == null ? AgentSpec.DEFAULT : agent;
    exporter = exporter == null ? ExporterSpec.DEFAULT : exporter;
  }

  /** The ZooKeeper image the pods run. */
  public String effectiveImage() {
    return image != null && !image.isBlank() ? image : Defaults.ZOOKEEPER_IMAGE_REPOSITORY + ":" + version;
  }

  public enum PullPolicy { Always, IfNotPresent, Never }
}

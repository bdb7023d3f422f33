package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** An optional zookeeper-exporter sidecar, for setups that scrape it instead of ZooKeeper's own endpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExporterSpec(
    @JsonPropertyDescription("Run the exporter sidecar.") @Default("false")
    Boolean enabled,

    @JsonPropertyDescription("Image of the exporter.") @Default(Defaults.EXPORTER_IMAGE)
    String image,

    @JsonPropertyDescription("Resources of the exporter sidecar.")
    ResourceRequirements resources) {

  public static final ExporterSpec DEFAULT = new ExporterSpec(null, null, null);

  public ExporterSpec {
    enabled = enabled != null && enabled;
    image = image == null ? Defaults.EXPORTER_IMAGE : image;
  }
}

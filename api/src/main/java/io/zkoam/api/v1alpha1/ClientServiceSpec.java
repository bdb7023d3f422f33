package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Map;

/** The Service that clients use; it lists only serving pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientServiceSpec(
    @JsonPropertyDescription("Service type: ClusterIP (default), NodePort or LoadBalancer.")
    @Default("ClusterIP")
    Type type,

    @JsonPropertyDescription("Port of the client Service.")
    @Min(1) @Max(65535) @Default("2181")
    Integer port,

    @JsonPropertyDescription("Annotations of the client Service, e.g. for a cloud load balancer.")
    Map<String, String> annotations) {

  public static final ClientServiceSpec DEFAULT = new ClientServiceSpec(null, null, null);

  public ClientServiceSpec {
    type = type == null ? Type.ClusterIP : type;
    port = port == null ? Defaults.CLIENT_PORT : port;
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  public enum Type { ClusterIP, NodePort, LoadBalancer }
}

package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.zkoam.api.ZkoamApi;
import java.util.List;

/**
 * JVM of the ZooKeeper server. The official image defaults to a 1000 MB heap whatever the container limit, so zkoam
 * derives {@code ZK_SERVER_HEAP} from the memory limit unless {@link #heap} is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record JvmSpec(
    @JsonPropertyDescription("Fixed heap size (a quantity, e.g. 512Mi). Must fit under the memory limit.")
    @Pattern(ZkoamApi.QUANTITY_PATTERN)
    String heap,

    @JsonPropertyDescription("Heap as a percentage of the memory limit, used when heap is not set.")
    @Min(10) @Max(90) @Default("50")
    Integer heapPercentOfLimit,

    @JsonPropertyDescription("Extra JVM options appended to the server's flags.")
    List<String> extraOptions) {

  public static final JvmSpec DEFAULT = new JvmSpec(null, null, null);

  public JvmSpec {
    heapPercentOfLimit = heapPercentOfLimit == null ? Defaults.HEAP_PERCENT : heapPercentOfLimit;
    extraOptions = extraOptions == null ? List.of() : List.copyOf(extraOptions);
  }
}

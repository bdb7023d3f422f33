package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import java.util.List;

/** One Prometheus relabeling step, as prometheus-operator's RelabelConfig spells it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Relabeling(
    @JsonPropertyDescription("Labels whose values are joined and matched against regex.") List<String> sourceLabels,
    @JsonPropertyDescription("Separator of the joined source label values (default ;).") String separator,
    @JsonPropertyDescription("Label the result is written to (replace).") String targetLabel,
    @JsonPropertyDescription("RE2 regular expression (default (.*)).") String regex,
    @JsonPropertyDescription("Replacement with $1-style references (default $1).") String replacement,
    @JsonPropertyDescription("replace, keep, drop, labelmap, labeldrop or labelkeep.") @Default("replace")
    Action action) {

  public Relabeling {
    sourceLabels = sourceLabels == null ? List.of() : List.copyOf(sourceLabels);
    action = action == null ? Action.replace : action;
  }

  public enum Action { replace, keep, drop, labelmap, labeldrop, labelkeep }
}

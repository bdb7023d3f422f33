package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.zkoam.api.ZkoamApi;

/** A key of a Secret in the trait's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SecretKeyRef(
    @JsonPropertyDescription("Secret name.") @Required @Pattern(ZkoamApi.NAME_PATTERN) String name,
    @JsonPropertyDescription("Key in the Secret.") @Required @Pattern("^[-._a-zA-Z0-9]+$") String key) {}

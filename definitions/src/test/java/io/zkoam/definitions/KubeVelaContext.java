package io.zkoam.definitions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code context} KubeVela gives a template while rendering one component of an Application (the base context
 * file: name, namespace, appName, appRevision, appRevisionNum, appLabels, appAnnotations, clusterVersion,
 * componentType). Traits and status policies get more (output, outputs); callers add those to {@link #toJson()}.
 */
public record KubeVelaContext(String appName, String namespace, String componentName, String componentType) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static KubeVelaContext of(String componentName, String componentType) {
    return new KubeVelaContext("app", "default", componentName, componentType);
  }

  public ObjectNode toJson() {
    ObjectNode ctx = JSON.createObjectNode();
    ctx.put("name", componentName);
    ctx.put("namespace", namespace);
    ctx.put("appName", appName);
    ctx.put("appRevision", appName + "-v1");
    ctx.put("appRevisionNum", 1);
    ctx.putObject("appLabels").put("app.kubernetes.io/part-of", appName);
    ctx.putObject("appAnnotations");
    ctx.putObject("clusterVersion")
        .put("major", 1).put("minor", 29).put("gitVersion", "v1.29.4").put("platform", "linux/amd64");
    ctx.put("componentType", componentType);
    return ctx;
  }
}

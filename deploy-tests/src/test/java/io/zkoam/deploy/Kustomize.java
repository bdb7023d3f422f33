package io.zkoam.deploy;

import io.zkoam.api.testing.Manifests;
import io.zkoam.api.testing.RequiredTool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code kubectl kustomize} of a folder of deploy/, once per folder and test JVM. */
final class Kustomize {
  static final String DEFAULT = "deploy";
  static final String NAMESPACED = "deploy/overlays/namespaced";
  static final String OPENSHIFT = "deploy/overlays/openshift";
  static final List<String> ALL = List.of(DEFAULT, NAMESPACED, OPENSHIFT);

  private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

  private Kustomize() {}

  /** The objects {@code kubectl kustomize <folder>} renders (folder relative to the repository root). */
  static Rendered render(String folder) {
    return CACHE.computeIfAbsent(folder, f -> {
      Path kubectl = RequiredTool.require("kubectl",
          "install kubectl (1.27 or newer: kustomize is built in); .ci/run needs it for deploy-tests");
      Path dir = Manifests.repositoryRoot().resolve(f);
      return Rendered.parse(Processes.run(List.of(kubectl.toString(), "kustomize", dir.toString()),
          Duration.ofSeconds(90)));
    });
  }
}

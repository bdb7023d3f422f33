package io.zkoam.sandbox.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Everything needed to start one container: its pod and spec, the pod's address, the computed environment, where each
 * mount path lives on this machine, and files for its log and for name resolution.
 */
record ContainerLaunch(Pod pod, Container container, String podIp, Map<String, String> env,
    Map<String, Path> mounts, Path logFile, Path hostsFile, Path workDir) {

  /** The host path behind a container path, through the mount that contains it. */
  Optional<Path> hostPath(String containerPath) {
    return mounts.entrySet().stream()
        .filter(m -> containerPath.equals(m.getKey()) || containerPath.startsWith(m.getKey() + "/"))
        .max(java.util.Comparator.comparingInt(m -> m.getKey().length()))
        .map(m -> m.getValue().resolve(containerPath.substring(m.getKey().length()).replaceFirst("^/", "")));
  }

  String name() {
    return pod.getMetadata().getName() + "/" + container.getName();
  }
}

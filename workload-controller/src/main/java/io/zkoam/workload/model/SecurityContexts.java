package io.zkoam.workload.model;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.zkoam.api.naming.PodLayout;

/** Security contexts that fit the Kubernetes "restricted" Pod Security Standard. */
public final class SecurityContexts {
  private SecurityContexts() {}

  /**
   * Pod level: non-root with RuntimeDefault seccomp. Fixed uid/gid 1000 (the official image's zookeeper user) on
   * Kubernetes; none on OpenShift, whose restricted SCC assigns them per namespace.
   */
  public static PodSecurityContext pod(ClusterInputs in) {
    if (in.spec().pod().securityContext() != null) {
      return in.spec().pod().securityContext();
    }
    PodSecurityContextBuilder b = new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile();
    if (!in.platform().openShift()) {
      b.withRunAsUser(PodLayout.RUN_AS_USER).withRunAsGroup(PodLayout.RUN_AS_USER).withFsGroup(PodLayout.RUN_AS_USER)
          .withFsGroupChangePolicy("OnRootMismatch");
    }
    return b.build();
  }

  /** Container level: no privilege escalation, no capabilities, read-only root (writable volumes are mounted). */
  public static SecurityContext container() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }
}

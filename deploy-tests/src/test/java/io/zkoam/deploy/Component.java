package io.zkoam.deploy;

import java.util.Optional;

/**
 * zkoam's four controllers as deploy/ installs them. {@link #controller()} is the constant {@code NAME} of each main
 * (WorkloadControllerMain, ScalerTraitMain, ...): the name of its ServiceAccount, ClusterRole, Deployment and
 * Lease, and the User-Agent of its client in the sandbox (the observed-permission file's name).
 */
enum Component {
  WORKLOAD_CONTROLLER("workload-controller", "workloadController", null),
  SCALER_TRAIT("scaler-trait", "scalerTrait", "scalertraits"),
  ROLLOUT_TRAIT("rollout-trait", "rolloutTrait", "rollouttraits"),
  MONITORING_TRAIT("monitoring-trait", "monitoringTrait", "monitoringtraits");

  private final String directory;
  private final String valuesKey;
  private final String ownTraitResource;

  Component(String directory, String valuesKey, String ownTraitResource) {
    this.directory = directory;
    this.valuesKey = valuesKey;
    this.ownTraitResource = ownTraitResource;
  }

  /** deploy/base/&lt;directory&gt; and deploy/helm/zkoam/templates/&lt;directory&gt;.yaml. */
  String directory() {
    return directory;
  }

  String controller() {
    return "zkoam-" + directory;
  }

  /** The chart's values key (workloadController, scalerTrait, ...). */
  String valuesKey() {
    return valuesKey;
  }

  /** A trait's own resource (scalertraits, ...), where OpenShift's overlay adds delete; none for the workload. */
  Optional<String> ownTraitResource() {
    return Optional.ofNullable(ownTraitResource);
  }
}

package io.zkoam.workload;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.zkoam.api.naming.ClusterLabels;
import io.zkoam.runtime.apply.Applied;
import io.zkoam.runtime.apply.ResourceApplier;
import io.zkoam.workload.model.AuthSecretModel;
import io.zkoam.workload.model.ClusterInputs;
import io.zkoam.workload.model.DesiredChildren;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The apply step: brings every child to its desired state; returns what it wrote, for events and tests. */
final class ChildrenApplier {
  private static final Logger LOG = LoggerFactory.getLogger(ChildrenApplier.class);

  private final KubernetesClient client;
  private final ResourceApplier applier;
  private final SecureRandom random = new SecureRandom();

  ChildrenApplier(KubernetesClient client) {
    this.client = client;
    this.applier = new ResourceApplier(client);
  }

  List<String> apply(ClusterInputs in, DesiredChildren desired, ChildResources live) {
    List<String> written = new ArrayList<>();
    Secret secret = AuthSecretModel.desired(in, live.authSecret(), random);
    if (secret != null) {
      note(written, applier.apply(secret, live.authSecret()), "Secret");
    }
    note(written, applier.apply(desired.configMap(), live.configMap()), "ConfigMap");
    note(written, applier.apply(desired.headlessService(), live.headless()), "headless Service");
    note(written, applier.apply(desired.clientService(), live.client()), "client Service");
    note(written, applier.apply(desired.statefulSet(), live.statefulSet()), "StatefulSet");
    note(written, applier.reconcile(desired.disruptionBudget(), live.disruptionBudget()), "PodDisruptionBudget");
    if (!in.spec().storage().ephemeral()) {
      expandClaims(in, live.statefulSet(), written);
    }
    return written;
  }

  /**
   * Volume claim templates are immutable, so growing storage means patching each existing claim (the StorageClass
   * must allow expansion). The claims are read only when the spec asks for more than the template had.
   */
  private void expandClaims(ClusterInputs in, StatefulSet live, List<String> written) {
    Quantity wanted = new Quantity(in.spec().storage().size());
    if (live == null || live.getSpec().getVolumeClaimTemplates().isEmpty()
        || !larger(wanted, live.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests()
            .get("storage"))) {
      return;
    }
    List<PersistentVolumeClaim> claims = client.persistentVolumeClaims().inNamespace(in.namespace())
        .withLabels(ClusterLabels.selector(in.name())).list().getItems();
    for (PersistentVolumeClaim claim : claims) {
      Quantity has = claim.getSpec().getResources().getRequests().get("storage");
      if (larger(wanted, has)) {
        client.resource(claim).edit(c -> {
          c.getSpec().getResources().getRequests().put("storage", wanted);
          return c;
        });
        LOG.info("expanding claim {}/{} from {} to {}", in.namespace(), claim.getMetadata().getName(), has, wanted);
        written.add("PersistentVolumeClaim " + claim.getMetadata().getName() + " expanded");
      }
    }
  }

  private static boolean larger(Quantity wanted, Quantity has) {
    return has != null && Quantity.getAmountInBytes(wanted).compareTo(Quantity.getAmountInBytes(has)) > 0;
  }

  private static void note(List<String> written, Applied<?> applied, String what) {
    if (applied.outcome().wrote()) {
      written.add(what + " " + applied.outcome().name().toLowerCase(java.util.Locale.ROOT));
    }
  }
}

package io.zkoam.scaler.act;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.naming.PodLayout;
import io.zkoam.api.v1alpha1.ScalingStep;
import io.zkoam.api.v1alpha1.ZooKeeperCluster;
import io.zkoam.scaler.act.MembershipAgent.ReconfigReply;
import io.zkoam.scaler.plan.EnsembleView;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Takes one step's action: the scale subresource for pods, the agent for membership. Every action is idempotent
 * (scale to a number, a conditional reconfig that answers "unchanged" when it already holds), so a controller that
 * restarts after taking it may take it again.
 */
public final class StepActions {
  private final KubernetesClient client;
  private final MembershipAgent agent;

  public StepActions(KubernetesClient client, MembershipAgent agent) {
    this.client = client;
    this.agent = agent;
  }

  /**
   * @param podIps pod IP by server id, for the pods that have one
   * @param leader pod name of the current leader, or null
   */
  public ActionOutcome take(ScalingStep step, ZooKeeperCluster workload, EnsembleView view,
      Map<Integer, String> podIps, String leader) {
    int current = workload.getSpec().replicas();
    return switch (step.action()) {
      // Only ever up for an add and down for a remove: a pod that already runs is never taken away by an add.
      case AddPod -> current >= step.serverId() ? new ActionOutcome.Taken(step)
          : scale(workload, step.serverId(), step);
      case RemovePod -> current <= ClusterNames.ordinalOfServer(step.serverId()) ? new ActionOutcome.Taken(step)
          : scale(workload, ClusterNames.ordinalOfServer(step.serverId()), step);
      case AddVoter, RemoveVoter -> reconfig(step, workload, view, podIps, leader);
    };
  }

  private ActionOutcome scale(ZooKeeperCluster workload, int replicas, ScalingStep step) {
    try {
      client.resources(ZooKeeperCluster.class).inNamespace(workload.getMetadata().getNamespace())
          .withName(workload.getMetadata().getName()).scale(replicas);
      return new ActionOutcome.Taken(step);
    } catch (KubernetesClientException e) {
      return new ActionOutcome.Retry("ScaleFailed", "could not set the scale of " + workload.getMetadata().getName()
          + " to " + replicas + ": " + e.getMessage());
    }
  }

  private ActionOutcome reconfig(ScalingStep step, ZooKeeperCluster workload, EnsembleView view,
      Map<Integer, String> podIps, String leader) {
    Optional<String> token;
    try {
      token = token(workload);
    } catch (KubernetesClientException | IllegalArgumentException e) {
      return new ActionOutcome.Retry("AgentTokenUnreadable", "cannot read Secret "
          + ClusterNames.authSecret(workload.getMetadata().getName()) + ": " + e.getMessage());
    }
    if (token.isEmpty()) {
      return new ActionOutcome.Refused("AgentTokenMissing", "Secret " + ClusterNames.authSecret(
          workload.getMetadata().getName()) + " has no " + PodLayout.AGENT_TOKEN_KEY + "; the agents refuse "
          + "unauthenticated membership changes");
    }
    // Re-read before a change: the workload's status can be a poll old, the servers answer now. A joiner is asked
    // too: ZooKeeper would accept adding a server that is down, and the ensemble would then tolerate one failure less.
    List<Integer> voters = List.copyOf(view.voters());
    List<Integer> asked = new ArrayList<>(voters);
    if (step.action() == ScalingStep.Action.AddVoter) {
      asked.add(step.serverId());
    }
    Map<Integer, CompletableFuture<Boolean>> checks = new TreeMap<>();
    for (int id : asked) {
      String ip = podIps.get(id);
      checks.put(id, ip == null ? CompletableFuture.completedFuture(false) : agent.serving(ip));
    }
    List<Integer> silent = checks.entrySet().stream().filter(e -> !e.getValue().join()).map(Map.Entry::getKey)
        .toList();
    if (!silent.isEmpty()) {
      return new ActionOutcome.Retry("ServerNotServing", silent.stream().map(view::pod).toList()
          + " does not serve right now; the reconfig waits until every voter and the joiner serve");
    }
    Optional<String> via = voters.stream()
        .filter(id -> id.intValue() != step.serverId().intValue() && podIps.containsKey(id))
        .min(Comparator.comparing((Integer id) -> !view.pod(id).equals(leader)).thenComparing(id -> id))
        .map(podIps::get);
    if (via.isEmpty()) {
      return new ActionOutcome.Retry("NoAgent", "no other voter's agent to send the reconfig through");
    }
    ReconfigReply reply;
    if (step.action() == ScalingStep.Action.AddVoter) {
      Optional<String> host = view.hostOf(step.serverId());
      if (host.isEmpty()) {
        return new ActionOutcome.Retry("NoHostName", "no member host name to derive " + step.pod() + "'s from");
      }
      reply = agent.add(via.get(), token.get(), step.serverId(), host.get(), step.configVersionBefore());
    } else {
      reply = agent.remove(via.get(), token.get(), step.serverId(), step.configVersionBefore());
    }
    return outcome(step, reply);
  }

  static ActionOutcome outcome(ScalingStep step, ReconfigReply reply) {
    if (reply.ok()) {
      return new ActionOutcome.Taken(step.taken(reply.versionAfter()));
    }
    String text = reply.error() + ": " + reply.reason();
    return switch (reply.error() == null ? "" : reply.error()) {
      case "BADVERSION", "RECONFIGINPROGRESS" -> new ActionOutcome.Superseded("membership changed since version "
          + step.configVersionBefore() + " (" + text + "); planning again from the new membership");
      case "BADARGUMENTS" -> new ActionOutcome.Refused("ReconfigRefused", "ZooKeeper refuses the change: " + text);
      case "BAD_REQUEST", "BODY_TOO_LARGE" -> new ActionOutcome.Refused("ReconfigRefused",
          "the agent refuses the request (agent and controller versions disagree?): " + text);
      case "UNAUTHORIZED", "NOAUTH", "NO_SUPER_PASSWORD", "NO_AGENT_TOKEN", "RECONFIGDISABLED" ->
          new ActionOutcome.Refused("ReconfigNotAuthorized", "the ensemble refuses the scaler's reconfig: " + text);
      default -> new ActionOutcome.Retry("ReconfigUnavailable", "reconfig not taken yet: " + text);
    };
  }

  private Optional<String> token(ZooKeeperCluster workload) {
    Secret secret = client.secrets().inNamespace(workload.getMetadata().getNamespace())
        .withName(ClusterNames.authSecret(workload.getMetadata().getName())).get();
    if (secret == null || secret.getData() == null || secret.getData().get(PodLayout.AGENT_TOKEN_KEY) == null) {
      return Optional.empty();
    }
    String token = new String(Base64.getDecoder().decode(secret.getData().get(PodLayout.AGENT_TOKEN_KEY)),
        StandardCharsets.UTF_8).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
